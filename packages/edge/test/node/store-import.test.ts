/**
 * The admin import API over HTTP, into the built-in tables: owner only, all or nothing, idempotent, a bad row
 * refused by name; then the inbox shows what was imported (product picker, a visitor's profile by email,
 * every order page by page).
 */
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { call, dumpTables, login, startChat } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
let owner: string
let agent: string
beforeAll(async () => {
  server = await seededServer()
  owner = (await login(server.app, "owner@demo.shop")).token
  agent = (await login(server.app, "camille@demo.shop")).token
})
afterAll(() => server.stop())

const DAY = 86_400_000
const eur = (amount: number) => ({ amount, currency: "EUR" })

const product = (id: string, title: string) => ({
  id,
  title,
  price: eur(2500),
  imageUrl: null,
  url: `https://shop.example/products/${id}`,
  status: "active",
  onlineStore: true,
  variants: [
    { id: `${id}-s`, title: "S", price: eur(2500), stock: 4 },
    { id: `${id}-m`, title: "M", price: eur(2700), stock: null },
  ],
})

const post = (kind: string, rows: ReadonlyArray<unknown>, token = owner) =>
  call(server.app, `/api/admin/import/${kind}`, { method: "POST", token, body: { [kind]: rows } })

describe("admin import API", () => {
  it("is in the OpenAPI document: one POST per kind, its rows' schema (at most 500), owner credentials, 400 and 422", async () => {
    type Operation = {
      operationId: string
      security: Array<Record<string, unknown>>
      requestBody: {
        content: { "application/json": { schema: { properties: Record<string, { maxItems: number }> } } }
      }
      responses: Record<string, unknown>
    }
    const doc = (await (await call(server.app, "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, Operation>>
    }
    const imports = Object.keys(doc.paths).filter((p) => p.startsWith("/api/admin/import/"))
    assert.sameMembers(
      imports,
      ["products", "customers", "orders", "discounts"].map((k) => `/api/admin/import/${k}`),
    )
    for (const kind of ["products", "customers", "orders", "discounts"]) {
      const paths = doc.paths[`/api/admin/import/${kind}`]!
      assert.deepStrictEqual(Object.keys(paths), ["post"])
      const op = paths.post!
      assert.strictEqual(op.operationId, `storeImport.${kind}`)
      assert.strictEqual(op.requestBody.content["application/json"].schema.properties[kind]!.maxItems, 500)
      assert.isAbove(op.security.length, 0)
      assert.includeMembers(Object.keys(op.responses), ["200", "400", "401", "403", "422"])
    }
  })

  it("only the owner imports; a bad row is refused by name (shape: 400 with its path; rule: 422 with its index and id) and nothing of the request is written", async () => {
    assert.strictEqual((await post("products", [product("imp-a", "Zanzibar Basket")], agent)).status, 403)
    const before = await dumpTables(server.client)
    const shape = await post("products", [
      product("imp-a", "Zanzibar Basket"),
      { ...product("imp-b", "Tea Towel"), price: "12" },
    ])
    assert.strictEqual(shape.status, 400)
    const shapeBody = (await shape.json()) as {
      error: { code: string; details: { issues: Array<{ path: Array<string> }> } }
    }
    assert.strictEqual(shapeBody.error.code, "InvalidRequest")
    assert.deepStrictEqual(shapeBody.error.details.issues[0]!.path.slice(0, 3), ["products", "1", "price"])
    const rule = await post("products", [
      product("imp-a", "Zanzibar Basket"),
      { ...product("imp-c", "Mug"), price: { amount: 900, currency: "USD" } },
    ])
    assert.strictEqual(rule.status, 422)
    const ruleBody = (await rule.json()) as {
      error: { code: string; details: Record<string, unknown>; message: string }
    }
    assert.strictEqual(ruleBody.error.code, "ImportRowInvalid")
    assert.deepInclude(ruleBody.error.details, { kind: "products", index: 1, id: "imp-c" })
    const twice = await post("discounts", [
      {
        code: "TWICE",
        value: { _tag: "free_shipping" },
        startsAt: 0,
        endsAt: null,
        enabled: true,
        usageCount: 0,
        usageLimit: null,
      },
      {
        code: "twice",
        value: { _tag: "free_shipping" },
        startsAt: 0,
        endsAt: null,
        enabled: true,
        usageCount: 0,
        usageLimit: null,
      },
    ])
    assert.strictEqual(twice.status, 422)
    const orphan = await post("orders", [
      {
        id: "imp-o1",
        customerId: "nobody-here",
        reference: "#1",
        placedAt: 0,
        total: eur(100),
        status: "paid",
        adminUrl: null,
      },
    ])
    assert.strictEqual(orphan.status, 422)
    assert.strictEqual(await dumpTables(server.client), before, "no refused request wrote anything")
  })

  it("R15 R20 R22 R23 imports are idempotent and show in the picker and in a visitor's profile, matched by email", async () => {
    const now = Date.now()
    const rows = [product("imp-a", "Zanzibar Basket"), product("imp-d", "Linen Apron")]
    assert.deepStrictEqual(await (await post("products", rows)).json(), { kind: "products", imported: 2 })
    const once = await dumpTables(server.client)
    assert.strictEqual((await post("products", rows)).status, 200)
    assert.strictEqual(await dumpTables(server.client), once, "the same import again changes nothing")
    const picker = (await (await call(server.app, "/api/products?q=zanzibar", { token: owner })).json()) as {
      products: Array<{ id: string; shareable: boolean }>
    }
    assert.deepStrictEqual(
      picker.products.map((p) => [p.id, p.shareable]),
      [["imp-a", true]],
    )
    const customer = {
      id: "imp-c1",
      name: "Inès Moreau",
      email: "ines.moreau@example.net",
      phone: "+33612121212",
      location: { city: "Nantes", province: null, country: "FR" },
      timeZone: "Europe/Paris",
      createdAt: now - 400 * DAY,
      emailMarketing: true,
      smsMarketing: false,
      adminUrl: "https://shop.example/admin/customers/imp-c1",
    }
    assert.strictEqual((await post("customers", [customer])).status, 200)
    const orders = Array.from({ length: 5 }, (_, i) => ({
      id: `imp-o${i}`,
      customerId: "imp-c1",
      reference: `#${2000 + i}`,
      placedAt: now - (i * 30 + 1) * DAY,
      total: eur(1000 * (i + 1)),
      status: i === 2 ? "cancelled" : "paid",
      adminUrl: `https://shop.example/admin/orders/imp-o${i}`,
    }))
    assert.strictEqual((await post("orders", orders)).status, 200)
    // She opens the chat in the store with her email: the merchant sees her store record.
    const chat = await startChat(
      server.app,
      "demo",
      `imp-client-${now}`,
      "Ines.Moreau@example.net",
      "10.9.9.9",
    )
    const profile = (await (
      await call(
        server.app,
        `/api/customers/${chat.customerId}/profile?conversationId=${chat.conversationId}`,
        { token: owner },
      )
    ).json()) as Record<string, unknown>
    assert.deepInclude(profile, {
      name: "Inès Moreau",
      status: "returning",
      orderCount: 5,
      lifetimeSpend: eur(1000 + 2000 + 4000 + 5000),
      showAllOrders: true,
      adminUrl: "https://shop.example/admin/customers/imp-c1",
    })
    assert.strictEqual((profile.lastOrder as { reference: string }).reference, "#2000")
    // "Show all": every order, newest first, a page at a time.
    const seen: Array<string> = []
    let cursor: string | null = null
    do {
      const page = (await (
        await call(
          server.app,
          `/api/customers/${chat.customerId}/orders${cursor === null ? "" : `?cursor=${encodeURIComponent(cursor)}`}`,
          {
            token: owner,
          },
        )
      ).json()) as { orders: Array<{ reference: string }>; next: string | null }
      seen.push(...page.orders.map((o) => o.reference))
      cursor = page.next
    } while (cursor !== null)
    assert.deepStrictEqual(seen, ["#2000", "#2001", "#2002", "#2003", "#2004"])
    // The note written in the inbox lands on her store record.
    await call(server.app, `/api/customers/${chat.customerId}/note`, {
      method: "PUT",
      token: owner,
      body: { note: "Wants gift wrap" },
    })
    const record = await server.client.execute("select note from customers where id = 'imp-c1'")
    assert.strictEqual(record.rows[0]!.note, "Wants gift wrap")
  })
})
