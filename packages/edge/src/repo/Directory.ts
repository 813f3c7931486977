/** Shops and their staff: who may sign in, who holds the chat permission. @see R0.1, R0.2, R19 */
import type { Ids, Money, Staff } from "@inbox/core"
import { and, asc, eq } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export interface Shop {
  readonly id: Ids.ShopId
  readonly name: string
  readonly currency: Money.Currency
}

export interface StaffRecord extends Staff.StaffMember {
  readonly email: string
  readonly passwordHash: string
}

export class Directory extends Context.Service<
  Directory,
  {
    readonly shop: (shopId: string) => Effect.Effect<Shop | null, StoreUnavailable>
    readonly staffByEmail: (email: string) => Effect.Effect<StaffRecord | null, StoreUnavailable>
    readonly staffById: (
      shopId: Ids.ShopId,
      staffId: string,
    ) => Effect.Effect<StaffRecord | null, StoreUnavailable>
    readonly staffOf: (shopId: Ids.ShopId) => Effect.Effect<ReadonlyArray<StaffRecord>, StoreUnavailable>
  }
>()("@inbox/edge/repo/Directory") {}

export const toStaff = (r: typeof t.staff.$inferSelect): StaffRecord => ({
  id: r.id as Ids.StaffId,
  shopId: r.shopId as Ids.ShopId,
  name: r.name,
  email: r.email,
  isOwner: r.isOwner,
  chatPermission: r.chatPermission,
  passwordHash: r.passwordHash,
})

export const layer: Layer.Layer<Directory, never, Database> = Layer.effect(
  Directory,
  Effect.gen(function* () {
    const { db } = yield* Database
    return Directory.of({
      shop: Effect.fn("Directory.shop")(function* (shopId: string) {
        const rows = yield* tryStore(() => db.select().from(t.shops).where(eq(t.shops.id, shopId)))
        const r = rows[0]
        return r === undefined ? null : { id: r.id as Ids.ShopId, name: r.name, currency: r.currency }
      }),
      staffByEmail: Effect.fn("Directory.staffByEmail")(function* (email: string) {
        const rows = yield* tryStore(() =>
          db.select().from(t.staff).where(eq(t.staff.email, email.trim().toLowerCase())),
        )
        return rows[0] === undefined ? null : toStaff(rows[0])
      }),
      staffById: Effect.fn("Directory.staffById")(function* (shopId: Ids.ShopId, staffId: string) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.staff)
            .where(and(eq(t.staff.shopId, shopId), eq(t.staff.id, staffId))),
        )
        return rows[0] === undefined ? null : toStaff(rows[0])
      }),
      staffOf: Effect.fn("Directory.staffOf")(function* (shopId: Ids.ShopId) {
        const rows = yield* tryStore(() =>
          db.select().from(t.staff).where(eq(t.staff.shopId, shopId)).orderBy(asc(t.staff.name)),
        )
        return rows.map(toStaff)
      }),
    })
  }),
)
