/**
 * The email side of conversations: reply tokens, every email by Message-ID (threading, de-duplication) and
 * where each customer original is kept. Writes are idempotent (insert or ignore), so a redelivered email
 * or a retried reply records nothing twice. @see R1, R2
 */
import type { EmailThreading, Ids } from "@inbox/core"
import { and, desc, eq, inArray } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export type EmailRow = typeof t.emails.$inferSelect

export interface NewEmail {
  readonly id: string
  readonly shopId: Ids.ShopId
  readonly conversationId: string
  readonly messageId: string
  readonly direction: "in" | "out"
  readonly references: ReadonlyArray<string>
  readonly fromAddress: string | null
  readonly subject: string | null
  readonly seq: number | null
  readonly rawKey: string | null
  readonly byteSize: number | null
  readonly createdAt: number
}

export class Emails extends Context.Service<
  Emails,
  {
    /** The conversation's reply token, created with `token` if it has none yet; the one that exists wins. */
    readonly ensureThread: (
      shopId: Ids.ShopId,
      conversationId: string,
      token: string,
      subject: string | null,
      now: number,
    ) => Effect.Effect<{ readonly token: string; readonly subject: string | null }, StoreUnavailable>
    /** The conversations named by these reply tokens and Message-IDs, in this shop only. @see R0.1 */
    readonly known: (
      shopId: Ids.ShopId,
      tokens: ReadonlyArray<string>,
      messageIds: ReadonlyArray<string>,
    ) => Effect.Effect<EmailThreading.KnownThreads<Ids.ConversationId>, StoreUnavailable>
    readonly byMessageId: (
      shopId: Ids.ShopId,
      messageId: string,
    ) => Effect.Effect<EmailRow | null, StoreUnavailable>
    /** Records an email; a second record of the same Message-ID changes nothing. */
    readonly record: (email: NewEmail) => Effect.Effect<void, StoreUnavailable>
    /** The customer's most recent email in the conversation: what our reply answers. */
    readonly lastFromCustomer: (
      shopId: Ids.ShopId,
      conversationId: string,
    ) => Effect.Effect<EmailRow | null, StoreUnavailable>
    readonly get: (shopId: Ids.ShopId, id: string) => Effect.Effect<EmailRow | null, StoreUnavailable>
  }
>()("@inbox/edge/repo/Emails") {}

export const layer: Layer.Layer<Emails, never, Database> = Layer.effect(
  Emails,
  Effect.gen(function* () {
    const { db } = yield* Database
    const one = <A>(rows: ReadonlyArray<A>): A | null => rows[0] ?? null
    return Emails.of({
      ensureThread: Effect.fn("Emails.ensureThread")(function* (shopId, conversationId, token, subject, now) {
        yield* tryStore(() =>
          db
            .insert(t.emailThreads)
            .values({ conversationId, shopId, token, subject, createdAt: now })
            .onConflictDoNothing(),
        )
        const rows = yield* tryStore(() =>
          db
            .select({ token: t.emailThreads.token, subject: t.emailThreads.subject })
            .from(t.emailThreads)
            .where(and(eq(t.emailThreads.shopId, shopId), eq(t.emailThreads.conversationId, conversationId))),
        )
        return rows[0] ?? { token, subject }
      }),
      known: Effect.fn("Emails.known")(function* (shopId, tokens, messageIds) {
        const byToken = new Map<string, Ids.ConversationId>()
        const byMessageId = new Map<string, Ids.ConversationId>()
        if (tokens.length > 0) {
          const rows = yield* tryStore(() =>
            db
              .select({ token: t.emailThreads.token, conversationId: t.emailThreads.conversationId })
              .from(t.emailThreads)
              .where(and(eq(t.emailThreads.shopId, shopId), inArray(t.emailThreads.token, [...tokens]))),
          )
          for (const r of rows) byToken.set(r.token, r.conversationId as Ids.ConversationId)
        }
        // A References header is capped by the parser, so one statement stays under SQLite's parameter limit.
        if (messageIds.length > 0) {
          const rows = yield* tryStore(() =>
            db
              .select({ messageId: t.emails.messageId, conversationId: t.emails.conversationId })
              .from(t.emails)
              .where(and(eq(t.emails.shopId, shopId), inArray(t.emails.messageId, [...messageIds]))),
          )
          for (const r of rows) byMessageId.set(r.messageId, r.conversationId as Ids.ConversationId)
        }
        return { byToken, byMessageId }
      }),
      byMessageId: Effect.fn("Emails.byMessageId")(function* (shopId, messageId) {
        return one(
          yield* tryStore(() =>
            db
              .select()
              .from(t.emails)
              .where(and(eq(t.emails.shopId, shopId), eq(t.emails.messageId, messageId))),
          ),
        )
      }),
      record: Effect.fn("Emails.record")(function* (e) {
        yield* tryStore(() =>
          db
            .insert(t.emails)
            .values({ ...e, references: [...e.references] })
            .onConflictDoNothing(),
        )
      }),
      lastFromCustomer: Effect.fn("Emails.lastFromCustomer")(function* (shopId, conversationId) {
        return one(
          yield* tryStore(() =>
            db
              .select()
              .from(t.emails)
              .where(
                and(
                  eq(t.emails.shopId, shopId),
                  eq(t.emails.conversationId, conversationId),
                  eq(t.emails.direction, "in"),
                ),
              )
              .orderBy(desc(t.emails.createdAt), desc(t.emails.seq))
              .limit(1),
          ),
        )
      }),
      get: Effect.fn("Emails.get")(function* (shopId, id) {
        return one(
          yield* tryStore(() =>
            db
              .select()
              .from(t.emails)
              .where(and(eq(t.emails.shopId, shopId), eq(t.emails.id, id))),
          ),
        )
      }),
    })
  }),
)
