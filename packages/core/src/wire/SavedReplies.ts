/** Wire Schemas of saved replies: create, edit, list. The shortcut and text rules are the core's. */
import { Schema } from "effect"
import { ProductId } from "../ids.ts"
import { SavedReply, SavedReplyId } from "../replies/SavedReply.ts"

/** Create or edit a saved reply; the shortcut is checked by the core (SavedReplyShortcutInvalid…). */
export const SavedReplyBody = Schema.Struct({
  shortcut: Schema.String.check(Schema.isMaxLength(64)),
  text: Schema.String.check(Schema.isMaxLength(20_000)),
  productIds: Schema.optionalKey(Schema.Array(ProductId).check(Schema.isMaxLength(20))),
  discountCode: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(64)))),
})
export type SavedReplyBody = typeof SavedReplyBody.Type

export const SavedReplyPath = Schema.Struct({ id: SavedReplyId })
export type SavedReplyPath = typeof SavedReplyPath.Type

export const SavedReplyList = Schema.Struct({ savedReplies: Schema.Array(SavedReply) })
export type SavedReplyList = typeof SavedReplyList.Type

export const SavedReplyResponse = Schema.Struct({ savedReply: SavedReply })
export type SavedReplyResponse = typeof SavedReplyResponse.Type
