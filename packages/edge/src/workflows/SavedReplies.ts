/** Saved replies: list, create, edit and delete by staff with the chat permission (rules in core SavedReply). */
import { Commerce, DiscountErrors, newId, SavedReply } from "@inbox/core"

import type { SavedReplyBody } from "@inbox/core/wire"
import { Clock, Effect, Result } from "effect"
import { ProductNotFound } from "../http/EdgeErrors.ts"
import type { StaffRecord } from "../repo/Directory.ts"
import { SavedReplies } from "../repo/SavedReplies.ts"

const draftOf = (body: SavedReplyBody): SavedReply.SavedReplyDraft => ({
  shortcut: body.shortcut,
  text: body.text,
  productIds: body.productIds ?? [],
  discountCode: body.discountCode ?? null,
})

export const list = Effect.fn("SavedReplies.list")(function* (staff: StaffRecord) {
  return { savedReplies: yield* (yield* SavedReplies).list(staff.shopId) }
})

/** Creates (`id` null) or edits a saved reply; the shortcut stays unique in the shop even under a race. */
export const save = Effect.fn("SavedReplies.save")(function* (
  staff: StaffRecord,
  id: string | null,
  body: SavedReplyBody,
) {
  const repo = yield* SavedReplies
  if (id !== null && (yield* repo.get(staff.shopId, id)) === null)
    return yield* Effect.fail(new SavedReply.SavedReplyNotFound({ id }))
  // Products must exist in this shop: a saved reply never points at nothing or at another shop's catalogue.
  const productIds = body.productIds ?? []
  const commerce = yield* Commerce.Commerce
  const products = yield* commerce.productsByIds(staff.shopId, productIds)
  const missing = productIds.find((pid) => !products.some((p) => p.id === pid))
  if (missing !== undefined) return yield* Effect.fail(new ProductNotFound({ productId: missing }))
  const others = yield* repo.shortcutsOf(staff.shopId, id)
  const checked = SavedReply.validate(draftOf(body), others)
  if (Result.isFailure(checked)) return yield* Effect.fail(checked.failure)
  // The code must be one of this shop's discounts (active or not: it is checked again when the reply is sent).
  const code = checked.success.discountCode
  if (code !== null && (yield* commerce.discount(staff.shopId, code)) === null)
    return yield* Effect.fail(new DiscountErrors.DiscountNotFound({ code }))
  const replyId = id ?? (yield* newId("sr"))
  const stored = yield* repo.save(
    staff.shopId,
    replyId,
    checked.success,
    staff.id,
    yield* Clock.currentTimeMillis,
  )
  if (!stored)
    return yield* Effect.fail(new SavedReply.SavedReplyShortcutTaken({ shortcut: checked.success.shortcut }))
  const savedReply = yield* repo.get(staff.shopId, replyId)
  if (savedReply === null) return yield* Effect.fail(new SavedReply.SavedReplyNotFound({ id: replyId }))
  return { savedReply }
})

export const remove = Effect.fn("SavedReplies.remove")(function* (staff: StaffRecord, id: string) {
  const removed = yield* (yield* SavedReplies).remove(staff.shopId, id)
  if (!removed) return yield* Effect.fail(new SavedReply.SavedReplyNotFound({ id }))
})
