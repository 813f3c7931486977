/**
 * The inbox over either adapter, through the real server: one store is imported into the built-in tables
 * (admin import API) of one server and held by the local fake Shopify of another (connected, first sync
 * done); one story is then played on both — the shopper chats under a customer's email and fills the cart,
 * the merchant searches the product and discount pickers, shares a product and a code, opens the profile
 * panel and writes a note — and every answer the merchant and the shopper see must be the same.
 * @see R5 R6 R15 R16 R17 R20 R21 R22 R23
 */
import type { Ids } from "@inbox/core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { call, login, startChat } from "../reliability/kit.ts"
import { importRowsOf, type StoreDataset, shopifyNodesOf } from "../shopify/dataset.ts"
import { type ShopifyServer, shopifyServer } from "../shopify/server.ts"

const DOMAIN = "parity-store.myshopify.com"
const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Math.floor(Date.now() / 1000) * 1000
const eur = (amount: number) => ({ amount, currency: "EUR" })
const at = (ms: number) => (Math.floor(ms / 1000) * 1000) as never

/** A product of the store with its variants (id, title, price in cents, stock); on the online store when active. */
const product = (
  id: string,
  title: string,
  status: "active" | "draft",
  imageUrl: string | null,
  variants: ReadonlyArray<readonly [string, string, number, number | null]>,
): StoreDataset["products"][number] => ({
  product: {
    id: id as Ids.ProductId,
    title,
    price: eur(Math.min(...variants.map((v) => v[2]))),
    imageUrl,
    url: `https://${DOMAIN}/products/p${id}`,
    status,
    onlineStore: status === "active",
  },
  variants: variants.map(([vid, vtitle, price, stock]) => ({
    id: vid as Ids.VariantId,
    productId: id as Ids.ProductId,
    title: vtitle,
    price: eur(price),
    stock,
  })),
})

/** Titles no demo product has, one over the 40 characters a cart event may name (R5). */
const LONG_TITLE = "Quokka Handwoven Merino Travel Blanket, Forest Green"
const STORE: StoreDataset = {
  now: NOW,
  products: [
    product("7710001", "Quokka Linen Shirt", "active", "https://cdn.example.com/p/7710001.jpg", [
      ["88100011", "S", 4500, 4],
      ["88100012", "M", 4800, 0],
    ]),
    product("7710002", LONG_TITLE, "active", null, [["88100021", "Default Title", 12900, null]]),
    product("7710003", "Quokka Draft Tote", "draft", null, [["88100031", "Default Title", 2000, 9]]),
  ],
  customers: [
    {
      n: 9_300_001,
      name: "Élodie Quokka",
      email: "elodie.quokka@example.com",
      phone: "+33612345678",
      location: { city: "Lyon", province: null, country: "FR" },
      createdAt: at(NOW - 400 * DAY),
      emailMarketing: true,
      smsMarketing: false,
      note: "Prefers pickup.",
      orders: [
        {
          id: "66000001",
          reference: "#4101",
          placedAt: at(NOW - 200 * DAY),
          total: 3000,
          status: "fulfilled",
        },
        { id: "66000002", reference: "#4102", placedAt: at(NOW - 10 * DAY), total: 9300, status: "paid" },
      ],
    },
  ],
  discounts: [
    {
      code: "QUOKKA10" as Ids.DiscountCode,
      value: { _tag: "percentage", percent: 10 },
      startsAt: at(NOW - 30 * DAY),
      endsAt: null,
      enabled: true,
      usageCount: 0,
      usageLimit: null,
    },
    {
      code: "QUOKKAOLD" as Ids.DiscountCode,
      value: { _tag: "fixed_amount", amount: 500, currency: "EUR" },
      startsAt: at(NOW - 90 * DAY),
      endsAt: at(NOW - 60 * DAY),
      enabled: true,
      usageCount: 2,
      usageLimit: null,
    },
  ],
}

interface Side {
  readonly name: string
  readonly server: ShopifyServer
  owner: string
}

const sides: Array<Side> = []

const builtinSide = async (): Promise<Side> => {
  const server = await shopifyServer(DOMAIN, { connect: false })
  const owner = (await login(server.app, "owner@demo.shop")).token
  const rows = importRowsOf(DOMAIN, STORE)
  for (const kind of ["products", "customers", "orders", "discounts"] as const) {
    const r = await call(server.app, `/api/admin/import/${kind}`, {
      method: "POST",
      token: owner,
      body: { [kind]: rows[kind] },
    })
    assert.strictEqual(r.status, 200, await r.clone().text())
  }
  return { name: "built-in", server, owner }
}

const shopifySide = async (): Promise<Side> => {
  const server = await shopifyServer(DOMAIN, { shop: shopifyNodesOf(STORE) })
  const owner = (await login(server.app, "owner@demo.shop")).token
  return { name: "Shopify", server, owner }
}

beforeAll(async () => {
  sides.push(await builtinSide(), await shopifySide())
})
afterAll(async () => {
  for (const s of sides) await s.server.stop()
})

const json = async (r: Response, status = 200) => {
  const text = await r.text()
  assert.strictEqual(r.status, status, text)
  return JSON.parse(text)
}

/** The story, on one side; what the merchant and the shopper were shown, without ids and instants. */
const story = async ({ server, owner }: Side) => {
  const app = server.app
  const seen: Record<string, unknown> = {}
  const chat = await startChat(app, "demo", "parity-client", "Elodie.Quokka@example.com")
  const shopper = { token: chat.token }

  // Product picker (R15: a draft is listed, not shareable) and discount picker (R16 statuses).
  const products = await json(await call(app, "/api/products?q=quokka", { token: owner }))
  seen.products = products.products
  const discounts = await json(await call(app, "/api/discounts?q=QUOKKA", { token: owner }))
  seen.discounts = discounts.discounts

  // The shopper fills the cart: a cart event names the product only under 41 characters (R5).
  const cartOf = async (path: string, body: unknown, status = 200) =>
    json(await call(app, path, { method: "POST", ...shopper, body }), status)
  seen.cartAdd1 = (await cartOf("/api/store/chat/cart", { variantId: "88100011", quantity: 2 })).cart
  seen.cartAdd2 = (await cartOf("/api/store/chat/cart", { variantId: "88100021", quantity: 1 })).cart
  seen.soldOut = (
    await cartOf("/api/store/chat/cart", { variantId: "88100012", quantity: 1 }, 422)
  ).error.code
  seen.unknownVariant = (
    await cartOf("/api/store/chat/cart", { variantId: "99999999", quantity: 1 }, 404)
  ).error.code

  // The merchant shares a product and a code (R15, R17); a draft product and an ended code are refused.
  const reply = (body: Record<string, unknown>, status = 201) =>
    call(app, `/api/conversations/${chat.conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: { clientMessageId: `r${Math.random().toString(36).slice(2)}`, text: "For you", ...body },
    }).then((r) => json(r, status))
  await reply({ productIds: ["7710001"], discountCode: "quokka10" })
  seen.draftShared = (await reply({ productIds: ["7710003"] }, 422)).error.code
  seen.endedShared = (await reply({ discountCode: "QUOKKAOLD" }, 422)).error
  seen.applied = (await cartOf("/api/store/chat/discount", { code: "QUOKKA10" })).cart.appliedDiscount

  // What the shopper's chat and the merchant's thread show of all this.
  const view = await json(await call(app, "/api/store/chat", shopper))
  seen.shopperCart = view.cart
  seen.shared = view.sharedDiscounts
  const detail = await json(await call(app, `/api/conversations/${chat.conversationId}`, { token: owner }))
  seen.notices = detail.thread.flatMap((i: { notice: string | null }) =>
    i.notice === null ? [] : [i.notice],
  )
  seen.cards = detail.thread.flatMap(
    (i: { event: { _tag: string; products?: unknown; discount?: unknown } }) =>
      i.event._tag === "ReplySent" ? [{ products: i.event.products, discount: i.event.discount }] : [],
  )

  // The profile panel (R20–R23), the note (R21), and every order ("show all").
  const profilePath = `/api/customers/${chat.customerId}/profile?conversationId=${chat.conversationId}`
  const profile = await json(await call(app, profilePath, { token: owner }))
  const { customerId: _c, conversation: _v, localTime: _l, ...panel } = profile
  seen.profile = { ...panel, cart: { ...panel.cart, lastActivityAt: "(when the story ran)" } }
  await json(
    await call(app, `/api/customers/${chat.customerId}/note`, {
      method: "PUT",
      token: owner,
      body: { note: "Called about the blanket" },
    }),
  )
  seen.noteAfter = (await json(await call(app, profilePath, { token: owner }))).note
  const orders = await json(await call(app, `/api/customers/${chat.customerId}/orders`, { token: owner }))
  seen.orders = orders
  return seen
}

describe("the inbox over Shopify", () => {
  it("R21 a note the store refuses is a 422 the merchant can act on, in their language, and is saved nowhere", async () => {
    const { server, owner } = sides[1]!
    const store = server.fake.shops.get(DOMAIN)!
    const chat = await startChat(server.app, "demo", "refused-note-client", "Elodie.Quokka@example.com")
    const path = `/api/customers/${chat.customerId}/note`
    const before = store.customers[0]!.note
    store.noteMaxLength = 5
    try {
      for (const [lang, text] of [
        ["en", "The store did not save the note: Note is too long (maximum is 5 characters)"],
        ["fr", "La boutique n’a pas enregistré la note : Note is too long (maximum is 5 characters)"],
      ] as const) {
        const r = await call(server.app, path, {
          method: "PUT",
          token: owner,
          headers: { "accept-language": lang },
          body: { note: "Too long for this store" },
        })
        const body = await json(r, 422)
        assert.deepStrictEqual(
          { code: body.error.code, message: body.error.message },
          { code: "CustomerNoteRejected", message: text },
        )
      }
      assert.strictEqual(store.customers[0]!.note, before)
      const profilePath = `/api/customers/${chat.customerId}/profile?conversationId=${chat.conversationId}`
      assert.notStrictEqual(
        (await json(await call(server.app, profilePath, { token: owner }))).note,
        "Too long for this store",
      )
    } finally {
      store.noteMaxLength = 5000
    }
  })
})

describe("the inbox over either adapter", () => {
  it("R5 R15 R16 R17 R20 R21 R22 R23 the pickers, the cart events and the profile panel answer alike", async () => {
    const [builtin, shopify] = [await story(sides[0]!), await story(sides[1]!)]
    // The story saw the store (so equal answers are not two empty ones).
    assert.deepStrictEqual(
      (builtin.products as Array<{ title: string; shareable: boolean }>).map((p) => [p.title, p.shareable]),
      [
        ["Quokka Draft Tote", false],
        [LONG_TITLE, true],
        ["Quokka Linen Shirt", true],
      ],
    )
    assert.includeMembers(builtin.notices as Array<string>, [
      "The customer added Quokka Linen Shirt to the cart",
      "The customer added a product to the cart",
    ])
    assert.include(JSON.stringify(builtin.profile), "Élodie Quokka")
    assert.include(JSON.stringify(builtin.profile), `https://${DOMAIN}/admin/customers/9300001`)
    for (const key of Object.keys(builtin))
      assert.deepStrictEqual(shopify[key], builtin[key], `${key}: Shopify answers as the built-in tables do`)
    // The note reached the customer's record in Shopify itself (customerUpdate), not only the inbox.
    assert.strictEqual(
      sides[1]!.server.fake.shops.get(DOMAIN)!.customers[0]!.note,
      "Called about the blanket",
    )
  })
})
