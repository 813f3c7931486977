/** Saved replies of a shop (storage only; the rules are core's SavedReply.validate). */
import type { Ids, SavedReply } from "@inbox/core"
import { and, asc, eq, ne } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

type Reply = SavedReply.SavedReply
type Draft = SavedReply.SavedReplyDraft

export class SavedReplies extends Context.Service<
  SavedReplies,
  {
    readonly list: (shopId: Ids.ShopId) => Effect.Effect<ReadonlyArray<Reply>, StoreUnavailable>
    readonly get: (shopId: Ids.ShopId, id: string) => Effect.Effect<Reply | null, StoreUnavailable>
    /** The shop's shortcuts other than `exceptId`'s (what a new or edited shortcut must not collide with). */
    readonly shortcutsOf: (
      shopId: Ids.ShopId,
      exceptId: string | null,
    ) => Effect.Effect<ReadonlyArray<{ readonly shortcut: string }>, StoreUnavailable>
    /** Inserts or replaces; false when another reply took the shortcut in between (unique index). */
    readonly save: (
      shopId: Ids.ShopId,
      id: string,
      draft: Draft,
      by: Ids.StaffId,
      now: number,
    ) => Effect.Effect<boolean, StoreUnavailable>
    readonly remove: (shopId: Ids.ShopId, id: string) => Effect.Effect<boolean, StoreUnavailable>
  }
>()("@inbox/edge/repo/SavedReplies") {}

const toReply = (r: typeof t.savedReplies.$inferSelect): Reply =>
  ({
    id: r.id,
    shopId: r.shopId,
    shortcut: r.shortcut,
    text: r.text,
    productIds: r.productIds as ReadonlyArray<string>,
    discountCode: r.discountCode,
  }) as Reply

const isUniqueViolation = (cause: unknown): boolean => {
  let c: unknown = cause
  for (let i = 0; i < 5 && c !== null && typeof c === "object"; i++) {
    const message = (c as { message?: unknown }).message
    if (typeof message === "string" && message.includes("UNIQUE constraint failed")) return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}

export const layer: Layer.Layer<SavedReplies, never, Database> = Layer.effect(
  SavedReplies,
  Effect.gen(function* () {
    const { db } = yield* Database
    return SavedReplies.of({
      list: Effect.fn("SavedReplies.list")(function* (shopId) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.savedReplies)
            .where(eq(t.savedReplies.shopId, shopId))
            .orderBy(asc(t.savedReplies.shortcut)),
        )
        return rows.map(toReply)
      }),
      get: Effect.fn("SavedReplies.get")(function* (shopId, id) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.savedReplies)
            .where(and(eq(t.savedReplies.shopId, shopId), eq(t.savedReplies.id, id))),
        )
        return rows[0] === undefined ? null : toReply(rows[0])
      }),
      shortcutsOf: Effect.fn("SavedReplies.shortcutsOf")(function* (shopId, exceptId) {
        return yield* tryStore(() =>
          db
            .select({ shortcut: t.savedReplies.shortcut })
            .from(t.savedReplies)
            .where(
              exceptId === null
                ? eq(t.savedReplies.shopId, shopId)
                : and(eq(t.savedReplies.shopId, shopId), ne(t.savedReplies.id, exceptId)),
            ),
        )
      }),
      save: Effect.fn("SavedReplies.save")(function* (shopId, id, draft, by, now) {
        const values = {
          shortcut: draft.shortcut,
          text: draft.text,
          productIds: [...draft.productIds],
          discountCode: draft.discountCode,
          updatedBy: by,
          updatedAt: now,
        }
        return yield* tryStore(() =>
          db
            .insert(t.savedReplies)
            .values({ id, shopId, createdAt: now, ...values })
            .onConflictDoUpdate({
              target: t.savedReplies.id,
              set: values,
              where: eq(t.savedReplies.shopId, shopId),
            })
            .then(
              () => true,
              (cause: unknown) => {
                if (isUniqueViolation(cause)) return false
                throw cause
              },
            ),
        )
      }),
      remove: Effect.fn("SavedReplies.remove")(function* (shopId, id) {
        const rows = yield* tryStore(() =>
          db
            .delete(t.savedReplies)
            .where(and(eq(t.savedReplies.shopId, shopId), eq(t.savedReplies.id, id)))
            .returning({ id: t.savedReplies.id }),
        )
        return rows.length > 0
      }),
    })
  }),
)
