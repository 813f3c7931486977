/**
 * A local fake of Shopify on loopback (port 0): the Admin GraphQL API (the inbox's operations, answered
 * from a per-shop state whose nodes are shaped as the fixture files, themselves shaped as in Shopify's
 * documentation), the OAuth authorize and access-token endpoints (authorization code and token exchange),
 * query-cost throttling, and scripted failures (THROTTLED, 429, 500, slow answers). The inbox reaches it only
 * through configuration: SHOPIFY_ADMIN_ORIGIN = this server's origin; a request for `https://<shop>/<path>`
 * comes here as `/<shop>/<path>`.
 */
import { createHmac, randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures")

/** A fixture file without its `_source` / `_headers` annotations. */
export const fixture = <T = Record<string, unknown>>(path: string): T => {
  const { _source, _headers, ...body } = JSON.parse(readFileSync(join(FIXTURES, path), "utf8"))
  void _source
  void _headers
  return body as T
}
export const fixtureHeaders = (path: string): Record<string, string> =>
  JSON.parse(readFileSync(join(FIXTURES, path), "utf8"))._headers ?? {}
/** The raw text of a fixture's body, as Shopify would send it (annotations removed). */
export const fixtureText = (path: string): string => JSON.stringify(fixture(path))

/** A customer node shaped like graphql/customer.json, with this numeric id and these fields, no orders. */
export const fixtureCustomer = (storeId: string, fields: Record<string, unknown>): never =>
  ({
    ...structuredClone(
      fixture<{ data: { customer: Record<string, unknown> } }>("graphql/customer.json").data.customer,
    ),
    id: `gid://shopify/Customer/${storeId}`,
    legacyResourceId: storeId,
    orders: { nodes: [] },
    ...fields,
  }) as never

type Json = Record<string, unknown>
export interface FakeOrder extends Json {
  id: string
  legacyResourceId: string
  name: string
  createdAt: string
  cancelledAt: string | null
  displayFinancialStatus: string | null
  displayFulfillmentStatus: string
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } }
}
export interface FakeCustomer extends Json {
  id: string
  legacyResourceId: string
  displayName: string
  defaultEmailAddress: { emailAddress: string | null; marketingState: string } | null
  note: string | null
  orders: { nodes: Array<FakeOrder> }
}
export interface FakeShop {
  readonly domain: string
  name: string
  currency: string
  readonly tokens: Set<string>
  products: Array<Json & { legacyResourceId: string; title: string; variants: { nodes: Array<Json> } }>
  customers: Array<FakeCustomer>
  discounts: Array<
    Json & { codeDiscount: Json & { codes: { nodes: Array<{ code: string }> }; title: string } }
  >
  /** Query-cost bucket: points left (Shopify's standard plan: 2000 max, 100 restored a second). */
  available: number
  lastRestore: number
  /** After a 429, every request is refused until then (its Retry-After), as Shopify's rate limiter does. */
  refusedUntil: number
  /** Longest customer note the store accepts; a longer one gets graphql/customer-update-refused.json. */
  noteMaxLength: number
}

export type Scripted = "throttled" | "http429" | "http500" | "internal" | { readonly delayMs: number }

export interface Request_ {
  readonly shop: string
  readonly operation: string
  readonly variables: Json
  readonly token: string | null
}

const QUERY_COST = 10
const MAX_POINTS = 2000
const RESTORE_RATE = 100

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((ok, ko) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => ok(Buffer.concat(chunks).toString("utf8")))
    req.on("error", ko)
  })

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(JSON.stringify(body))
}

const cursorOf = (i: number): string => Buffer.from(JSON.stringify({ last: i })).toString("base64")
const indexAfter = (cursor: unknown): number =>
  typeof cursor === "string"
    ? (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last: number }).last + 1
    : 0

const page = <T>(items: ReadonlyArray<T>, first: number, after: unknown) => {
  const start = indexAfter(after)
  const nodes = items.slice(start, start + first)
  const end = start + nodes.length - 1
  return {
    nodes,
    pageInfo: {
      hasNextPage: start + nodes.length < items.length,
      endCursor: nodes.length === 0 ? null : cursorOf(end),
    },
  }
}

const legacy = (gid: unknown): string => String(gid).split("/").pop() ?? ""

/** Orders newest first, ties by id, as the built-in store lists them, so the contract test's order is one. */
const newestFirst = (a: FakeOrder, b: FakeOrder): number =>
  Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.legacyResourceId < b.legacyResourceId ? -1 : 1)

/** `title:elem* AND title:snow*`: every word is the start of a word of the title (Shopify's prefix search). */
const matchesTitle = (query: unknown, title: string): boolean => {
  if (typeof query !== "string" || query.trim() === "") return true
  const words = title.toLowerCase().split(/[^\p{L}\p{N}]+/u)
  return [...query.matchAll(/title:([^\s*]+)\*?/g)].every((m) =>
    words.some((w) => w.startsWith(m[1]!.toLowerCase())),
  )
}

export const startFakeShopify = async (app: { readonly apiKey: string; readonly apiSecret: string }) => {
  const shops = new Map<string, FakeShop>()
  const script: Array<Scripted> = []
  const requests: Array<Request_> = []
  const codes = new Map<string, { shop: string; used: boolean }>()

  const addShop = (
    domain: string,
    init: Partial<Pick<FakeShop, "products" | "customers" | "discounts" | "name" | "currency">> = {},
  ) => {
    const shop: FakeShop = {
      domain,
      name: init.name ?? "Inbox Test Store",
      currency: init.currency ?? "EUR",
      tokens: new Set(),
      products: init.products ?? [],
      customers: init.customers ?? [],
      discounts: init.discounts ?? [],
      available: MAX_POINTS,
      lastRestore: Date.now(),
      refusedUntil: 0,
      noteMaxLength: 5000,
    }
    shops.set(domain, shop)
    return shop
  }

  /** A shop filled from the documentation-shaped fixtures. */
  const addFixtureShop = (domain: string) => {
    const p1 = fixture<{ data: { products: { nodes: FakeShop["products"] } } }>("graphql/products.json")
    const p2 = fixture<{ data: { products: { nodes: FakeShop["products"] } } }>("graphql/products-page2.json")
    const c = fixture<{ data: { customer: FakeCustomer } }>("graphql/customer.json")
    const d1 = fixture<{ data: { codeDiscountNodeByCode: FakeShop["discounts"][number] } }>(
      "graphql/discount-by-code.json",
    )
    const d2 = fixture<{ data: { codeDiscountNodes: { nodes: FakeShop["discounts"] } } }>(
      "graphql/discounts.json",
    )
    return addShop(domain, {
      products: [...p1.data.products.nodes, ...p2.data.products.nodes],
      customers: [structuredClone(c.data.customer)],
      discounts: [d1.data.codeDiscountNodeByCode, ...d2.data.codeDiscountNodes.nodes],
    })
  }

  const cost = (shop: FakeShop) => ({
    requestedQueryCost: QUERY_COST,
    actualQueryCost: QUERY_COST,
    throttleStatus: {
      maximumAvailable: MAX_POINTS,
      currentlyAvailable: shop.available,
      restoreRate: RESTORE_RATE,
    },
  })

  const operations: Record<string, (shop: FakeShop, v: Json) => unknown> = {
    InboxShop: (shop) => ({
      shop: { name: shop.name, currencyCode: shop.currency, myshopifyDomain: shop.domain },
    }),
    InboxProducts: (shop, v) => ({
      products: page(
        shop.products
          .filter((p) => matchesTitle(v.query, p.title))
          .toSorted((a, b) => (a.title < b.title ? -1 : 1)),
        Number(v.first),
        v.after,
      ),
    }),
    InboxProductsByIds: (shop, v) => ({
      nodes: (v.ids as Array<string>).map(
        (id) => shop.products.find((p) => p.legacyResourceId === legacy(id)) ?? null,
      ),
    }),
    InboxVariant: (shop, v) => {
      for (const p of shop.products) {
        const variant = p.variants.nodes.find((x) => x.legacyResourceId === legacy(v.id))
        if (variant !== undefined) return { productVariant: { ...variant, product: p } }
      }
      return { productVariant: null }
    },
    InboxCustomer: (shop, v) => {
      const c = shop.customers.find((x) => x.legacyResourceId === legacy(v.id))
      if (c === undefined) return { customer: null }
      const since = /created_at:>='([^']+)'/.exec(String(v.orders ?? ""))?.[1]
      const orders = c.orders.nodes
        .filter((o) => since === undefined || Date.parse(o.createdAt) >= Date.parse(since))
        .toSorted(newestFirst)
        .slice(0, 20)
      return { customer: { ...c, orders: { nodes: orders } } }
    },
    InboxCustomerByEmail: (shop, v) => {
      const email = /email:"([^"]+)"/.exec(String(v.query))?.[1]?.toLowerCase()
      return {
        customers: {
          nodes: shop.customers
            .filter((c) => c.defaultEmailAddress?.emailAddress?.toLowerCase() === email)
            .slice(0, 1)
            .map((c) => ({ id: c.id, legacyResourceId: c.legacyResourceId })),
        },
      }
    },
    InboxOrders: (shop, v) => {
      const c = shop.customers.find((x) => x.legacyResourceId === legacy(v.id))
      if (c === undefined) return { customer: null }
      const sorted = c.orders.nodes.toSorted(newestFirst)
      return { customer: { orders: page(sorted, Number(v.first), v.after) } }
    },
    InboxCustomerNote: (shop, v) => {
      const input = v.input as { id: string; note: string }
      const c = shop.customers.find((x) => x.legacyResourceId === legacy(input.id))
      if (c === undefined)
        return {
          customerUpdate: {
            customer: null,
            userErrors: [{ field: ["id"], message: "Customer does not exist" }],
          },
        }
      if (input.note.length > shop.noteMaxLength) {
        const refused = fixture<{
          data: { customerUpdate: { userErrors: Array<{ message: string }> } }
        }>("graphql/customer-update-refused.json").data
        refused.customerUpdate.userErrors[0]!.message =
          `Note is too long (maximum is ${shop.noteMaxLength} characters)`
        return refused
      }
      c.note = input.note
      return { customerUpdate: { customer: { id: c.id, note: c.note }, userErrors: [] } }
    },
    InboxDiscountByCode: (shop, v) => ({
      codeDiscountNodeByCode:
        shop.discounts.find((d) =>
          d.codeDiscount.codes.nodes.some((x) => x.code.toUpperCase() === String(v.code).toUpperCase()),
        ) ?? null,
    }),
    InboxDiscounts: (shop, v) => {
      const q = typeof v.query === "string" ? v.query.toUpperCase() : ""
      return {
        codeDiscountNodes: {
          nodes: shop.discounts.filter(
            (d) => q === "" || d.codeDiscount.codes.nodes.some((x) => x.code.toUpperCase().includes(q)),
          ),
        },
      }
    },
  }

  const graphql = async (shop: FakeShop, req: IncomingMessage, res: ServerResponse) => {
    const token = (req.headers["x-shopify-access-token"] as string | undefined) ?? null
    const body = JSON.parse(await readBody(req)) as { query: string; variables?: Json }
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? "anonymous"
    requests.push({ shop: shop.domain, operation, variables: body.variables ?? {}, token })
    if (token === null || !shop.tokens.has(token))
      return send(res, 401, fixture("graphql/invalid-token.json"))
    const next = script.shift()
    if (next !== undefined && typeof next === "object")
      await new Promise((ok) => setTimeout(ok, next.delayMs))
    if (next === "http429") shop.refusedUntil = Date.now() + 1_000
    if (Date.now() < shop.refusedUntil)
      return send(
        res,
        429,
        {
          errors:
            "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
        },
        { "retry-after": String(Math.ceil((shop.refusedUntil - Date.now()) / 1000)) },
      )
    if (next === "http500") return send(res, 500, { errors: "Internal Server Error" })
    if (next === "internal") return send(res, 200, fixture("graphql/internal-error.json"))
    const now = Date.now()
    shop.available = Math.min(MAX_POINTS, shop.available + ((now - shop.lastRestore) / 1000) * RESTORE_RATE)
    shop.lastRestore = now
    if (next === "throttled" || shop.available < QUERY_COST) {
      const throttled = fixture<{ extensions: { cost: { throttleStatus: Json } } }>("graphql/throttled.json")
      throttled.extensions.cost.throttleStatus.currentlyAvailable = Math.floor(shop.available)
      return send(res, 200, throttled)
    }
    shop.available -= QUERY_COST
    const handler = operations[operation]
    if (handler === undefined)
      return send(res, 200, {
        errors: [
          {
            message: `Field '${operation}' doesn't exist on type 'QueryRoot'`,
            extensions: { code: "undefinedField" },
          },
        ],
      })
    return send(res, 200, { data: handler(shop, body.variables ?? {}), extensions: { cost: cost(shop) } })
  }

  const sign = (params: URLSearchParams): string =>
    createHmac("sha256", app.apiSecret)
      .update(
        [...params.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => `${k}=${v}`)
          .join("&"),
      )
      .digest("hex")

  /** The merchant approves the install: back to the app's redirect URI with a code, signed like Shopify's. */
  const authorize = (shop: FakeShop, url: URL, res: ServerResponse) => {
    if (url.searchParams.get("client_id") !== app.apiKey)
      return send(res, 400, { error: "invalid client_id" })
    const code = randomBytes(16).toString("hex")
    codes.set(code, { shop: shop.domain, used: false })
    const back = new URLSearchParams({
      code,
      host: Buffer.from(`admin.shopify.com/store/${shop.domain.split(".")[0]}`).toString("base64url"),
      shop: shop.domain,
      state: url.searchParams.get("state") ?? "",
      timestamp: String(Math.floor(Date.now() / 1000)),
    })
    back.set("hmac", sign(back))
    res.writeHead(302, { location: `${url.searchParams.get("redirect_uri")}?${back}` })
    res.end()
  }

  const verifySessionToken = (jwt: string, shop: FakeShop): boolean => {
    const [h, p, s] = jwt.split(".")
    if (h === undefined || p === undefined || s === undefined) return false
    const expected = createHmac("sha256", app.apiSecret).update(`${h}.${p}`).digest("base64url")
    if (expected !== s) return false
    const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as {
      dest?: string
      aud?: string
      exp?: number
    }
    return (
      claims.dest === `https://${shop.domain}` &&
      claims.aud === app.apiKey &&
      (claims.exp ?? 0) * 1000 > Date.now()
    )
  }

  const accessToken = async (shop: FakeShop, req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req)
    const form: Record<string, string> = (req.headers["content-type"] ?? "").includes("json")
      ? (JSON.parse(raw) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(raw))
    requests.push({
      shop: shop.domain,
      operation: `oauth:${form.grant_type ?? "authorization_code"}`,
      variables: {},
      token: null,
    })
    if (form.client_id !== app.apiKey || form.client_secret !== app.apiSecret)
      return send(res, 400, { error: "invalid_client", error_description: "Client credentials are invalid" })
    if (form.grant_type === "urn:ietf:params:oauth:grant-type:token-exchange") {
      if (!verifySessionToken(form.subject_token ?? "", shop))
        return send(res, 400, {
          error: "invalid_subject_token",
          error_description: "The session token is not valid",
        })
      const body = fixture<{ access_token: string; scope: string }>("oauth/token-exchange.json")
      const token = `shpat_${randomBytes(16).toString("hex")}`
      shop.tokens.add(token)
      return send(res, 200, { ...body, access_token: token })
    }
    const c = codes.get(form.code ?? "")
    if (c === undefined || c.used || c.shop !== shop.domain)
      return send(res, 400, {
        error: "invalid_request",
        error_description: "The authorization code was not found or was already used",
      })
    c.used = true
    const body = fixture<{ access_token: string; scope: string }>("oauth/access-token.json")
    const token = `shpat_${randomBytes(16).toString("hex")}`
    shop.tokens.add(token)
    return send(res, 200, { ...body, access_token: token })
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake")
    const [, domain, ...rest] = url.pathname.split("/")
    const path = `/${rest.join("/")}`
    const shop = shops.get(domain ?? "")
    const handle = async () => {
      if (shop === undefined) return send(res, 404, { errors: "Not Found" })
      if (req.method === "POST" && /^\/admin\/api\/[\w-]+\/graphql\.json$/.test(path))
        return graphql(shop, req, res)
      if (req.method === "GET" && path === "/admin/oauth/authorize") return authorize(shop, url, res)
      if (req.method === "POST" && path === "/admin/oauth/access_token") return accessToken(shop, req, res)
      return send(res, 404, { errors: "Not Found" })
    }
    handle().catch((e: unknown) => send(res, 500, { errors: String(e) }))
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()))
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : 0

  return {
    origin: `http://127.0.0.1:${port}`,
    shops,
    addShop,
    addFixtureShop,
    /** Answers the next requests this way, in order (then normally again). */
    script: (...s: Array<Scripted>) => script.push(...s),
    requests,
    /** An access token the fake accepts for this shop, as if the app were already installed. */
    issueToken: (domain: string): string => {
      const token = `shpat_${randomBytes(16).toString("hex")}`
      shops.get(domain)?.tokens.add(token)
      return token
    },
    revokeTokens: (domain: string) => shops.get(domain)?.tokens.clear(),
    /** Empties the query-cost bucket, as a burst of other calls would. */
    drain: (domain: string) => {
      const s = shops.get(domain)
      if (s !== undefined) {
        s.available = 0
        s.lastRestore = Date.now()
      }
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}

export type FakeShopify = Awaited<ReturnType<typeof startFakeShopify>>
