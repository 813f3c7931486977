/**
 * The demo shop theme's cart, as any Shopify theme keeps it: Shopify's Ajax Cart API on the shop's own
 * origin (`/cart.js`, `/cart/add.js`, `/cart/change.js`). The chat's Shopify adapter watches these same
 * calls; the theme knows nothing of the chat. Answers are decoded with the few fields the theme shows.
 */
import { Schema } from "effect"

const Id = Schema.Union([Schema.String, Schema.Number])

export const AjaxCart = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({
      key: Schema.String,
      variant_id: Id,
      quantity: Schema.Int,
      product_title: Schema.String,
      variant_title: Schema.NullOr(Schema.String),
      line_price: Schema.Int,
      handle: Schema.String,
    }),
  ),
  total_price: Schema.Int,
  currency: Schema.String,
  discount_codes: Schema.Array(Schema.Struct({ code: Schema.String, applicable: Schema.Boolean })),
})
export type AjaxCart = typeof AjaxCart.Type

/** The shop's products as the theme renders them (the page carries them, as Liquid would). */
export const ThemeCatalogue = Schema.Struct({
  currency: Schema.String,
  products: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      title: Schema.String,
      handle: Schema.String,
      imageUrl: Schema.NullOr(Schema.String),
      variants: Schema.Array(
        Schema.Struct({
          id: Schema.String,
          title: Schema.String,
          price: Schema.Int,
          stock: Schema.NullOr(Schema.Int),
        }),
      ),
    }),
  ),
})
export type ThemeCatalogue = typeof ThemeCatalogue.Type

const decodeCart = Schema.decodeUnknownPromise(AjaxCart)

const call = async (path: string, body?: unknown): Promise<unknown> => {
  const r = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    credentials: "same-origin",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json: unknown = await r.json()
  if (!r.ok) throw new Error((json as { description?: string }).description ?? `HTTP ${r.status}`)
  return json
}

export const read = async (): Promise<AjaxCart> => decodeCart(await call("/cart.js"))

export const add = async (variantId: string, quantity: number): Promise<void> => {
  await call("/cart/add.js", { items: [{ id: variantId, quantity }] })
}

export const change = async (key: string, quantity: number): Promise<AjaxCart> =>
  decodeCart(await call("/cart/change.js", { id: key, quantity }))

export const catalogueOnPage = (): ThemeCatalogue =>
  Schema.decodeUnknownSync(Schema.fromJsonString(ThemeCatalogue))(
    document.getElementById("catalogue")?.textContent ?? "",
  )
