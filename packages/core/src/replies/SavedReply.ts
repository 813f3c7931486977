/**
 * Saved replies: per-shop texts a merchant inserts by typing `/shortcut` in the composer or from a picker,
 * with variables filled from the conversation. Pure; the edge stores them, the web inserts them.
 */
import { Result, Schema } from "effect"
import { MAX_PRODUCTS_PER_REPLY } from "../catalog/Product.ts"
import { MAX_MESSAGE_LENGTH } from "../conversation/decide.ts"
import { TooManyProducts } from "../conversation/errors.ts"
import { DiscountCode, ProductId, ShopId } from "../ids.ts"

/** Lower-case letters, digits, `-` and `_`: what can follow a `/` while typing without ambiguity. */
export const SHORTCUT_PATTERN = /^[a-z0-9_-]{1,32}$/u

export const SavedReplyId = Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{1,64}$/u)).pipe(
  Schema.brand("SavedReplyId"),
)
export type SavedReplyId = typeof SavedReplyId.Type

export const Shortcut = Schema.String.check(Schema.isPattern(SHORTCUT_PATTERN))
export type Shortcut = typeof Shortcut.Type

export const SavedReply = Schema.Struct({
  id: SavedReplyId,
  shopId: ShopId,
  shortcut: Shortcut,
  /** The text with its `{{variables}}` unfilled. */
  text: Schema.String,
  /** Products to attach, shared like a composer's products (at most three). */
  productIds: Schema.Array(ProductId),
  discountCode: Schema.NullOr(DiscountCode),
})
export type SavedReply = typeof SavedReply.Type

/** The shortcut is not lower-case letters, digits, `-` or `_` (1 to 32 of them). */
export class SavedReplyShortcutInvalid extends Schema.TaggedError<SavedReplyShortcutInvalid>()(
  "SavedReplyShortcutInvalid",
  { shortcut: Schema.String },
) {}

/** Another saved reply of the shop already answers to this shortcut. */
export class SavedReplyShortcutTaken extends Schema.TaggedError<SavedReplyShortcutTaken>()(
  "SavedReplyShortcutTaken",
  { shortcut: Schema.String },
) {}

/** A saved reply with neither text nor attachment would insert nothing. */
export class SavedReplyEmpty extends Schema.TaggedError<SavedReplyEmpty>()("SavedReplyEmpty", {}) {}

export class SavedReplyNotFound extends Schema.TaggedError<SavedReplyNotFound>()("SavedReplyNotFound", {
  id: Schema.String,
}) {}

export class SavedReplyTooLong extends Schema.TaggedError<SavedReplyTooLong>()("SavedReplyTooLong", {
  length: Schema.Int,
  max: Schema.Int,
}) {}

export type SavedReplyError =
  | SavedReplyShortcutInvalid
  | SavedReplyShortcutTaken
  | SavedReplyEmpty
  | SavedReplyTooLong
  | TooManyProducts

export interface SavedReplyDraft {
  readonly shortcut: string
  readonly text: string
  readonly productIds: ReadonlyArray<string>
  readonly discountCode: string | null
}

/** Shortcuts are compared as typed after `/`, without the slash and in lower case. */
export const normalizeShortcut = (raw: string): string => raw.trim().replace(/^\/+/, "").toLowerCase()

/**
 * Checks a saved reply before it is stored: a valid shortcut unique in the shop (`others` are the shop's
 * other replies), some content, and no more products than a reply may carry.
 */
export const validate = (
  draft: SavedReplyDraft,
  others: ReadonlyArray<Pick<SavedReply, "shortcut">>,
): Result.Result<SavedReplyDraft, SavedReplyError> => {
  const shortcut = normalizeShortcut(draft.shortcut)
  if (!SHORTCUT_PATTERN.test(shortcut)) return Result.fail(new SavedReplyShortcutInvalid({ shortcut }))
  if (others.some((o) => o.shortcut === shortcut))
    return Result.fail(new SavedReplyShortcutTaken({ shortcut }))
  const text = draft.text.trim()
  if (text.length > MAX_MESSAGE_LENGTH)
    return Result.fail(new SavedReplyTooLong({ length: text.length, max: MAX_MESSAGE_LENGTH }))
  if (draft.productIds.length > MAX_PRODUCTS_PER_REPLY)
    return Result.fail(new TooManyProducts({ count: draft.productIds.length, max: MAX_PRODUCTS_PER_REPLY }))
  const discountCode = draft.discountCode?.trim().toUpperCase() || null
  if (text === "" && draft.productIds.length === 0 && discountCode === null)
    return Result.fail(new SavedReplyEmpty())
  return Result.succeed({ shortcut, text, productIds: [...new Set(draft.productIds)], discountCode })
}

/** What the variables are filled from: the conversation's customer and the shop. */
export interface FillContext {
  readonly customerName: string | null
  readonly shopName: string
}

/** The variables a saved reply may use, as the merchant writes them. */
export const VARIABLES = ["customer.first_name", "shop.name"] as const

/** The customer's first name: the first word of their name; none for an anonymous shopper. */
export const firstNameOf = (name: string | null): string => name?.trim().split(/\s+/u)[0] ?? ""

const VARIABLE = /\{\{\s*([a-z_.]+)\s*\}\}/g

/**
 * Fills `{{customer.first_name}}` and `{{shop.name}}` in one pass, so a value that itself looks like a
 * variable is inserted as written and never expanded. An unknown variable is left as typed (the merchant
 * sees the typo); an empty first name also drops the space before it ("Hi {{customer.first_name}}," → "Hi,").
 * @example fill("Hi {{customer.first_name}}!", { customerName: "Ana Li", shopName: "M" }) // "Hi Ana!"
 */
export const fill = (text: string, context: FillContext): string => {
  const values: Record<string, string> = {
    "customer.first_name": firstNameOf(context.customerName),
    "shop.name": context.shopName,
  }
  return text.replace(/( ?)\{\{\s*([a-z_.]+)\s*\}\}/g, (whole, space: string, name: string) => {
    if (!Object.hasOwn(values, name)) return whole
    const value = values[name] ?? ""
    return value === "" ? "" : space + value
  })
}

/** The variables a text uses that `fill` does not know (shown to the merchant while editing). */
export const unknownVariables = (text: string): ReadonlyArray<string> =>
  [...text.matchAll(VARIABLE)]
    .map((m) => m[1] ?? "")
    .filter((name) => !(VARIABLES as ReadonlyArray<string>).includes(name))

/**
 * The shortcut being typed when the composer holds `/word` and nothing else: the picker opens on it.
 * Null when the text is not a shortcut in progress.
 */
export const typedShortcut = (composerText: string): string | null => {
  const m = /^\/([a-z0-9_-]{0,32})$/i.exec(composerText)
  return m === null ? null : (m[1] ?? "").toLowerCase()
}

/** Saved replies matching what was typed after `/`: the exact shortcut first, then by shortcut prefix, then alphabetical. */
export const matching = <R extends Pick<SavedReply, "shortcut" | "text">>(
  replies: ReadonlyArray<R>,
  typed: string,
): ReadonlyArray<R> => {
  const q = typed.toLowerCase()
  const rank = (r: R): number => (r.shortcut === q ? 0 : r.shortcut.startsWith(q) ? 1 : 2)
  return replies
    .filter((r) => r.shortcut.startsWith(q) || (q.length > 1 && r.text.toLowerCase().includes(q)))
    .toSorted((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut))
}
