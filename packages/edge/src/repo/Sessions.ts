/**
 * Staff sessions held by the server: a signed token names its session, and the session must still be here for
 * the token to work, so signing out revokes the token at once on both runtimes (the shop's own database).
 * @see R0.2
 */
import type { Ids } from "@inbox/core"
import { and, eq, gt, lte } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"
import { type StaffRecord, toStaff } from "./Directory.ts"

export interface SessionRecord {
  readonly id: string
  readonly shopId: Ids.ShopId
  readonly staffId: Ids.StaffId
  readonly createdAt: number
  readonly expiresAt: number
}

export class Sessions extends Context.Service<
  Sessions,
  {
    /** Records a new session (and drops this member's expired ones). */
    readonly open: (session: SessionRecord) => Effect.Effect<void, StoreUnavailable>
    /** Ends a session: its token stops working now. */
    readonly end: (shopId: Ids.ShopId, sessionId: string) => Effect.Effect<void, StoreUnavailable>
    /** The staff member behind a live session, loaded fresh (a revoked permission shows at once). */
    readonly staffOf: (
      shopId: Ids.ShopId,
      sessionId: string,
      now: number,
    ) => Effect.Effect<StaffRecord | null, StoreUnavailable>
    /** Every live session of the shop with its staff member: what open sockets are re-checked against. */
    readonly live: (
      shopId: Ids.ShopId,
      now: number,
    ) => Effect.Effect<
      ReadonlyArray<{ readonly sessionId: string; readonly staff: StaffRecord }>,
      StoreUnavailable
    >
  }
>()("@inbox/edge/repo/Sessions") {}

export const layer: Layer.Layer<Sessions, never, Database> = Layer.effect(
  Sessions,
  Effect.gen(function* () {
    const { db } = yield* Database
    const joined = (shopId: Ids.ShopId, now: number, sessionId?: string) =>
      db
        .select({ sessionId: t.staffSessions.id, staff: t.staff })
        .from(t.staffSessions)
        .innerJoin(
          t.staff,
          and(eq(t.staff.id, t.staffSessions.staffId), eq(t.staff.shopId, t.staffSessions.shopId)),
        )
        .where(
          and(
            eq(t.staffSessions.shopId, shopId),
            gt(t.staffSessions.expiresAt, now),
            sessionId === undefined ? undefined : eq(t.staffSessions.id, sessionId),
          ),
        )
    return Sessions.of({
      open: Effect.fn("Sessions.open")(function* (session: SessionRecord) {
        yield* tryStore(() =>
          db.batch([
            db
              .delete(t.staffSessions)
              .where(
                and(
                  eq(t.staffSessions.shopId, session.shopId),
                  eq(t.staffSessions.staffId, session.staffId),
                  lte(t.staffSessions.expiresAt, session.createdAt),
                ),
              ),
            db.insert(t.staffSessions).values(session),
          ]),
        )
      }),
      end: Effect.fn("Sessions.end")(function* (shopId: Ids.ShopId, sessionId: string) {
        yield* tryStore(() =>
          db
            .delete(t.staffSessions)
            .where(and(eq(t.staffSessions.shopId, shopId), eq(t.staffSessions.id, sessionId))),
        )
      }),
      staffOf: Effect.fn("Sessions.staffOf")(function* (shopId: Ids.ShopId, sessionId: string, now: number) {
        const rows = yield* tryStore(() => joined(shopId, now, sessionId))
        return rows[0] === undefined ? null : toStaff(rows[0].staff)
      }),
      live: Effect.fn("Sessions.live")(function* (shopId: Ids.ShopId, now: number) {
        const rows = yield* tryStore(() => joined(shopId, now))
        return rows.map((r) => ({ sessionId: r.sessionId, staff: toStaff(r.staff) }))
      }),
    })
  }),
)
