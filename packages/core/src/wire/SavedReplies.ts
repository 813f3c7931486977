/** Wire Schemas of saved replies: create, edit, list. The shortcut and text rules are the core's. */
import { Schema } from "effect"
import { ProductId } from "../ids.ts"
import { SavedReply, SavedReplyId } from "../replies/SavedReply.ts"
import { isMaxChars } from "../text/Text.ts"
import * as Endpoint from "./Endpoint.ts"

/** Create or edit a saved reply; the shortcut is checked by the core (SavedReplyShortcutInvalid…). */
export const SavedReplyBody = Schema.Struct({
  shortcut: Schema.String.check(isMaxChars(64)),
  text: Schema.String.check(isMaxChars(20_000)),
  productIds: Schema.optionalKey(Schema.Array(ProductId).check(Schema.isMaxLength(20))),
  discountCode: Schema.optionalKey(Schema.NullOr(Schema.String.check(isMaxChars(64)))),
})
export type SavedReplyBody = typeof SavedReplyBody.Type

export const SavedReplyPath = Schema.Struct({ id: SavedReplyId })
export type SavedReplyPath = typeof SavedReplyPath.Type

export const SavedReplyList = Schema.Struct({ savedReplies: Schema.Array(SavedReply) })
export type SavedReplyList = typeof SavedReplyList.Type

export const SavedReplyResponse = Schema.Struct({ savedReply: SavedReply })
export type SavedReplyResponse = typeof SavedReplyResponse.Type

const savedReplyErrors = [
  "SavedReplyShortcutInvalid",
  "SavedReplyShortcutTaken",
  "SavedReplyEmpty",
  "SavedReplyTooLong",
  "TooManyProducts",
  "ProductNotFound",
  // A discount code the shop does not have. @see L7
  "DiscountNotFound",
  // A reply removed by a colleague while it was being saved.
  "SavedReplyNotFound",
  // The products are checked against the shop's store.
  "CommerceUnavailable",
] as const

export const SavedRepliesApi = {
  list: Endpoint.get("/api/saved-replies", {
    summary: "Saved replies of the shop",
    auth: "chatStaff",
    success: SavedReplyList,
  }),
  create: Endpoint.post("/api/saved-replies", {
    summary: "Create a saved reply",
    auth: "chatStaff",
    body: SavedReplyBody,
    success: SavedReplyResponse,
    status: 201,
    errors: savedReplyErrors,
  }),
  update: Endpoint.put("/api/saved-replies/:id", {
    summary: "Edit a saved reply",
    auth: "chatStaff",
    params: SavedReplyPath,
    body: SavedReplyBody,
    success: SavedReplyResponse,
    errors: savedReplyErrors,
  }),
  remove: Endpoint.delete("/api/saved-replies/:id", {
    summary: "Delete a saved reply",
    auth: "chatStaff",
    params: SavedReplyPath,
    errors: ["SavedReplyNotFound"],
  }),
}
