/**
 * The demo storefront's carts, answered in the wire format of Shopify's Ajax Cart API (`/cart.js`,
 * `/cart/add.js`, `/cart/change.js`, `/cart/update.js` with `discount`, `/cart/clear.js`, `/discount/CODE`):
 * the shapes of fixtures/ajax-cart.json (from https://shopify.dev/docs/api/ajax/reference/cart), filled
 * from the demo catalogue. In memory, one cart per browser cookie; prices in the currency's subunit.
 */

export interface CatalogueVariant {
  readonly id: string
  readonly title: string
  readonly price: number
  /** null: the store does not track this variant's inventory (always available). */
  readonly stock: number | null
}

export interface CatalogueProduct {
  readonly id: string
  readonly title: string
  readonly handle: string
  readonly imageUrl: string | null
  readonly variants: ReadonlyArray<CatalogueVariant>
}

export interface Catalogue {
  readonly currency: string
  readonly vendor: string
  readonly products: ReadonlyArray<CatalogueProduct>
}

/** Shopify's cart error body (`status`, `message`, `description`) with its HTTP status. */
export class CartError extends Error {
  readonly status: number
  constructor(status: number, description: string) {
    super(description)
    this.status = status
  }
  body() {
    return { status: this.status, message: "Cart Error", description: this.message }
  }
}

interface Line {
  readonly variantId: string
  quantity: number
}

interface CartState {
  readonly token: string
  note: string | null
  attributes: Record<string, string>
  lines: Line[]
  discountCodes: string[]
}

/** A deterministic per-variant key, as Shopify's `<variant id>:<hash of the line's properties>`. */
const lineKey = (variantId: string) => `${variantId}:${variantId.length.toString(16).padStart(32, "0")}`

const isCount = (u: unknown): u is number =>
  Number.isInteger(u) && (u as number) >= 0 && (u as number) <= 9999

export const makeCarts = (catalogue: () => Catalogue) => {
  const carts = new Map<string, CartState>()

  const find = (variantId: string) => {
    for (const product of catalogue().products)
      for (const variant of product.variants) if (variant.id === variantId) return { product, variant }
    return null
  }

  const cartOf = (token: string): CartState => {
    let cart = carts.get(token)
    if (cart === undefined) {
      cart = { token, note: null, attributes: {}, lines: [], discountCodes: [] }
      carts.set(token, cart)
    }
    return cart
  }

  const lineItem = (line: Line) => {
    const found = find(line.variantId)
    if (found === null) return null
    const { product, variant } = found
    const single = product.variants.length === 1
    const linePrice = variant.price * line.quantity
    const image =
      product.imageUrl === null
        ? null
        : { aspect_ratio: 1, alt: product.title, height: 1000, url: product.imageUrl, width: 1000 }
    return {
      id: variant.id,
      properties: {},
      quantity: line.quantity,
      variant_id: variant.id,
      key: lineKey(variant.id),
      title: single ? product.title : `${product.title} - ${variant.title}`,
      price: variant.price,
      original_price: variant.price,
      discounted_price: variant.price,
      line_price: linePrice,
      original_line_price: linePrice,
      total_discount: 0,
      discounts: [],
      sku: "",
      grams: 0,
      vendor: catalogue().vendor,
      taxable: true,
      product_id: product.id,
      product_has_only_default_variant: single,
      gift_card: false,
      final_price: variant.price,
      final_line_price: linePrice,
      url: `/products/${product.handle}?variant=${variant.id}`,
      featured_image: image,
      image: product.imageUrl,
      handle: product.handle,
      requires_shipping: true,
      product_type: "",
      product_title: product.title,
      product_description: "",
      variant_title: single ? null : variant.title,
      variant_options: [variant.title],
      options_with_values: [{ name: "Title", value: variant.title }],
      line_level_discount_allocations: [],
      line_level_total_discount: 0,
    }
  }

  const render = (cart: CartState) => {
    const items = cart.lines.flatMap((l) => {
      const item = lineItem(l)
      return item === null ? [] : [item]
    })
    const total = items.reduce((s, i) => s + i.line_price, 0)
    return {
      token: cart.token,
      note: cart.note,
      attributes: cart.attributes,
      original_total_price: total,
      total_price: total,
      total_discount: 0,
      total_weight: 0,
      item_count: items.reduce((s, i) => s + i.quantity, 0),
      items,
      requires_shipping: items.length > 0,
      currency: catalogue().currency,
      items_subtotal_price: total,
      cart_level_discount_applications: [],
      // The fake does not price discounts: a code is in the cart, to be applied at checkout.
      discount_codes: cart.discountCodes.map((code) => ({ code, applicable: true })),
    }
  }

  /** Sets a variant's quantity in the cart (0 removes it), checking the catalogue and its stock. */
  const setQuantity = (cart: CartState, variantId: string, quantity: number) => {
    const found = find(variantId)
    if (found === null) throw new CartError(404, "Cannot find variant")
    if (found.variant.stock !== null && quantity > found.variant.stock)
      throw new CartError(
        422,
        `You can't add more ${found.product.title} - ${found.variant.title} to the cart.`,
      )
    const line = cart.lines.find((l) => l.variantId === variantId)
    if (quantity === 0) cart.lines = cart.lines.filter((l) => l.variantId !== variantId)
    else if (line === undefined) cart.lines.push({ variantId, quantity })
    else line.quantity = quantity
  }

  const quantityOf = (cart: CartState, variantId: string) =>
    cart.lines.find((l) => l.variantId === variantId)?.quantity ?? 0

  /** `id` of change.js is a line key or a variant id; `line` is the 1-based line index. */
  const lineVariant = (cart: CartState, body: Record<string, unknown>): string => {
    if (isCount(body.line) && body.line >= 1) {
      const line = cart.lines[body.line - 1]
      if (line === undefined) throw new CartError(400, "Cannot find line")
      return line.variantId
    }
    const id = String(body.id ?? "")
    return id.includes(":") ? id.slice(0, id.lastIndexOf(":")) : id
  }

  const setDiscount = (cart: CartState, discount: unknown) => {
    if (typeof discount !== "string") return
    // `discount` is the whole set of codes, comma-separated; an empty string removes them all.
    cart.discountCodes = [
      ...new Set(
        discount
          .split(",")
          .map((c) => c.trim().toUpperCase())
          .filter((c) => c !== "" && c.length <= 64),
      ),
    ]
  }

  return {
    cart: (token: string) => render(cartOf(token)),
    /** `{ items: [{ id, quantity }] }` answers `{ items }`; a single `{ id, quantity }` answers its line item. */
    add: (token: string, body: Record<string, unknown>) => {
      const cart = cartOf(token)
      const many = Array.isArray(body.items)
      const wanted = (many ? (body.items as unknown[]) : [body]).map((raw) => {
        const item = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>
        const quantity = item.quantity === undefined ? 1 : Number(item.quantity)
        if (!isCount(quantity) || quantity === 0)
          throw new CartError(422, "Quantity must be a whole number above 0")
        return { variantId: String(item.id ?? ""), quantity }
      })
      for (const w of wanted) setQuantity(cart, w.variantId, quantityOf(cart, w.variantId) + w.quantity)
      const items = wanted.map((w) => lineItem(cart.lines.find((l) => l.variantId === w.variantId)!)!)
      return many ? { items } : items[0]
    },
    change: (token: string, body: Record<string, unknown>) => {
      const cart = cartOf(token)
      const quantity = Number(body.quantity)
      if (!isCount(quantity)) throw new CartError(422, "Quantity must be a whole number")
      setQuantity(cart, lineVariant(cart, body), quantity)
      return render(cart)
    },
    update: (token: string, body: Record<string, unknown>) => {
      const cart = cartOf(token)
      const updates = body.updates
      if (Array.isArray(updates))
        updates.forEach((q, i) => {
          const line = cart.lines[i]
          if (line !== undefined && isCount(Number(q))) setQuantity(cart, line.variantId, Number(q))
        })
      else if (typeof updates === "object" && updates !== null)
        for (const [id, q] of Object.entries(updates))
          if (isCount(Number(q))) setQuantity(cart, id, Number(q))
      if (typeof body.note === "string") cart.note = body.note.slice(0, 5000)
      if (typeof body.attributes === "object" && body.attributes !== null)
        for (const [key, value] of Object.entries(body.attributes).slice(0, 50)) {
          // An empty value removes the attribute, as on Shopify.
          if (value === "" || value === null) delete cart.attributes[key]
          else cart.attributes[key.slice(0, 255)] = String(value).slice(0, 5000)
        }
      setDiscount(cart, body.discount)
      return render(cart)
    },
    clear: (token: string) => {
      const cart = cartOf(token)
      cart.lines = []
      return render(cart)
    },
    /** The `/discount/CODE` link: the code is kept on the cart for checkout. */
    discountLink: (token: string, code: string) => {
      const cart = cartOf(token)
      setDiscount(cart, [...cart.discountCodes, code].join(","))
    },
  }
}

export type Carts = ReturnType<typeof makeCarts>
