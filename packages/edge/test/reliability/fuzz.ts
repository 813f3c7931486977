/**
 * Bad-input fuzzing over every route of the OpenAPI document: malformed JSON, wrong types, huge strings,
 * invalid or unknown ids, unknown fields, wrong content types, oversized bodies, lying images, bad
 * credentials. Each case must get a 4xx with the error body and leave every table unchanged.
 */
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { Notifications } from "@inbox/core"
import * as W from "@inbox/core/wire"
import { Schema } from "effect"
import fc from "fast-check"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { MAX_JSON_BODY_BYTES } from "../../src/app.ts"
import { signForShop } from "../../src/auth/Signature.ts"
import { makeSigner } from "../../src/auth/Token.ts"
import { DEFAULT_RETRY } from "../../src/channels/Dispatcher.ts"
import { sniffImageType } from "../../src/images/MagicBytes.ts"
import { seededServer } from "../node/harness.ts"
import { call, dumpTables, isErrorBody, login, PNG_1x1, shopInPath, startChat } from "./kit.ts"
import { runSequences, type SequenceOutcome } from "./sequences.ts"
import { runSocketFuzz, type SocketOutcome } from "./socketFuzz.ts"

const WEBHOOK_SECRET = "test-webhook-secret"

type Auth = "staff" | "shopper" | "none" | "webhook"
type Method = "GET" | "POST" | "PUT" | "DELETE"

/** What the fuzzer knows of a route beyond the OpenAPI document: the wire Schemas and a valid call. */
export interface RouteModel {
  readonly body?: Schema.Top & Schema.Decoder<unknown>
  readonly query?: Schema.Top & Schema.Decoder<unknown>
  /** A body that would succeed (faults are made from it). */
  readonly validBody?: (f: Fixtures) => Record<string, unknown>
  /** Schema-valid bodies the app must still refuse (unknown references, rule violations). */
  readonly refusedBodies?: (f: Fixtures) => ReadonlyArray<Record<string, unknown>>
  readonly image?: true
  /** A query parameter taking free text: hostile text there must never fail (any status below 500). */
  readonly freeText?: string
}

export interface Fixtures {
  readonly owner: string
  readonly chat: string
  readonly conversationId: string
  readonly customerId: string
  readonly staffId: string
  readonly otherSecretToken: string
}

const id = () => `fz${Math.floor(Math.random() * 1e9)}`

/** Keyed by `METHOD /openapi/path`; a documented route missing here fails the run (new routes get fuzzed). */
export const MODELS: Record<string, RouteModel> = {
  "POST /api/auth/login": {
    body: W.LoginBody,
    validBody: () => ({ email: "owner@demo.shop", password: "inbox-demo" }),
    refusedBodies: () => [
      { email: "owner@demo.shop", password: "wrong" },
      { email: "nobody@nowhere.example", password: "inbox-demo" },
    ],
  },
  "GET /api/me": {},
  "GET /api/conversations": { query: W.InboxQuery, freeText: "q" },
  "GET /api/conversations/{id}": {},
  "POST /api/conversations/{id}/replies": {
    body: W.ReplyBody,
    validBody: () => ({
      clientMessageId: id(),
      text: "hello",
      productIds: [],
      discountCode: null,
      imageId: null,
    }),
    refusedBodies: () => [
      { clientMessageId: id(), text: "" },
      { clientMessageId: id(), text: "x".repeat(5001) },
      { clientMessageId: id(), text: "a", productIds: ["prod_nope"] },
      { clientMessageId: id(), text: "a", discountCode: "NOPE-NOPE" },
      { clientMessageId: id(), text: "a", imageId: "img_nope" },
    ],
  },
  "POST /api/conversations/{id}/status": { body: W.StatusBody, validBody: () => ({ status: "closed" }) },
  "POST /api/conversations/{id}/read": {},
  "POST /api/conversations/{id}/unread": {},
  "PUT /api/conversations/{id}/assignee": {
    body: W.AssigneeBody,
    validBody: (f) => ({ staffId: f.staffId }),
    refusedBodies: () => [{ staffId: "staff_nope" }],
  },
  "DELETE /api/conversations/{id}/assignee": {},
  "GET /api/staff": { query: W.StaffQuery },
  "GET /api/products": { query: W.SearchQuery, freeText: "q" },
  "GET /api/discounts": { query: W.SearchQuery, freeText: "q" },
  "GET /api/customers/{id}/profile": { query: W.ProfileQuery },
  "PUT /api/customers/{id}/note": { body: W.NoteBody, validBody: () => ({ note: "fuzz" }) },
  "POST /api/images": { image: true },
  "GET /api/images/{id}": {},
  "GET /api/store/{shopId}": {},
  "POST /api/store/{shopId}/chat": {
    body: W.StartChatBody,
    validBody: () => ({ email: null, origin: DEMO_STOREFRONT, clientId: id() }),
  },
  "GET /api/store/chat": {},
  "POST /api/store/chat/messages": {
    body: W.ChatMessageBody,
    validBody: () => ({ clientMessageId: id(), text: "hi" }),
    refusedBodies: () => [
      { clientMessageId: id(), text: "" },
      { clientMessageId: id(), text: "x".repeat(5001) },
      { clientMessageId: id(), text: "look", hasImage: true },
    ],
  },
  "POST /api/store/chat/cart": {
    body: W.CartChangeBody,
    validBody: () => ({ variantId: "var_nope", quantity: 1 }),
    refusedBodies: () => [
      { variantId: "var_nope", quantity: 1 },
      // Sold out, and more than is left (L6).
      { variantId: "var_shirt_l", quantity: 1 },
      { variantId: "var_carafe", quantity: 999 },
    ],
  },
  "POST /api/store/chat/cart/remove": {
    body: W.CartChangeBody,
    validBody: () => ({ variantId: "var_nope", quantity: 1 }),
    refusedBodies: () => [{ variantId: "var_nope", quantity: 1 }],
  },
  "POST /api/store/chat/discount": {
    body: W.ApplyDiscountBody,
    validBody: () => ({ code: "WELCOME10" }),
    refusedBodies: () => [{ code: "NEVER-SHARED" }, { code: "" }, { code: "💥" }],
  },
  "POST /api/webhooks/{platform}/{shopId}": { body: W.InboundMessage },
  "POST /api/webhooks/{platform}/{shopId}/receipts": {
    body: W.DeliveryReceipt,
    // A well-formed, signed receipt for nothing known is acknowledged (202, delivered: false): no refusal case.
  },
  "GET /api/saved-replies": {},
  "POST /api/saved-replies": {
    body: W.SavedReplyBody,
    validBody: () => ({ shortcut: id(), text: "Thanks!" }),
    refusedBodies: () => [
      { shortcut: "has space", text: "x" },
      { shortcut: "", text: "x" },
      { shortcut: id(), text: "x", productIds: ["prod_nope"] },
      { shortcut: id(), text: "x", discountCode: "NOPE-NOPE" },
    ],
  },
  "PUT /api/saved-replies/{id}": {
    body: W.SavedReplyBody,
    validBody: () => ({ shortcut: id(), text: "Thanks!" }),
  },
  "DELETE /api/saved-replies/{id}": {},
  "GET /api/settings/availability": {},
  "PUT /api/settings/availability": {
    body: W.AvailabilitySettings,
    validBody: () => ({ availability: { _tag: "AlwaysAvailable" }, insideHours: null, outsideHours: null }),
  },
  "GET /api/store-availability/{shopId}": {},
  "GET /api/store/{shopId}/widget": {},
  "GET /widget/{shopId}": {},
  "GET /api/settings/storefront": {},
  "PUT /api/settings/storefront/allowed-origins": {
    body: W.AllowedOriginsBody,
    validBody: () => ({ origins: [DEMO_STOREFRONT] }),
  },
  "POST /api/settings/storefront/identity-secret": {},
  "DELETE /api/settings/storefront/identity-secret": {},
  "POST /api/conversations/{id}/replies/{seq}/retry": {},
  "PUT /api/conversations/{id}/block": {},
  "DELETE /api/conversations/{id}/block": {},
  "GET /api/search": { query: W.ConversationSearchQuery, freeText: "q" },
  "GET /api/notification-settings": {},
  "PUT /api/notification-settings": {
    body: Notifications.NotificationSettings,
    validBody: () => ({ newConversation: true, newMessageOnMine: false, assignedToMe: true }),
  },
  "GET /api/metrics": { query: W.MetricsQuery },
  "GET /api/conversations/{id}/emails/{emailId}": {},
  "GET /api/email-capture": {},
  "GET /api/email-capture/{name}": {},
  "GET /api/conversations/{id}/destination": {},
  "GET /api/channels": {},
  "PUT /api/channels/meta": {
    body: W.MetaAccountBody,
    validBody: () => ({ platform: "messenger", accountId: "1", pageId: "1", name: "Page", accessToken: "t" }),
  },
  "DELETE /api/channels/meta/{platform}/{accountId}": {},
  "GET /api/webhooks/meta": { query: W.MetaVerifyQuery },
  // Signed with Meta's header or not, the fuzz server has no Meta app: refused before anything is read.
  "POST /api/webhooks/meta": { body: W.MetaWebhook, validBody: () => ({ object: "page", entry: [] }) },

  "POST /api/admin/import/products": {
    body: W.ImportProductsBody,
    validBody: () => {
      const p = id()
      return {
        products: [
          {
            id: p,
            title: "Fuzz Lamp",
            price: { amount: 1000, currency: "EUR" },
            imageUrl: null,
            url: `https://shop.example/products/${p}`,
            status: "active",
            onlineStore: true,
            variants: [{ id: `${p}-v`, title: "One", price: { amount: 1000, currency: "EUR" }, stock: 3 }],
          },
        ],
      }
    },
  },
  "POST /api/admin/import/customers": {
    body: W.ImportCustomersBody,
    validBody: () => ({
      customers: [
        {
          id: id(),
          name: "Fuzz Customer",
          email: null,
          phone: null,
          location: null,
          timeZone: null,
          createdAt: 0,
          emailMarketing: false,
          smsMarketing: false,
          adminUrl: null,
        },
      ],
    }),
  },
  "POST /api/admin/import/orders": {
    body: W.ImportOrdersBody,
    validBody: () => ({ orders: [] }),
    refusedBodies: () => [
      {
        orders: [
          {
            id: id(),
            customerId: "nobody",
            reference: "#1",
            placedAt: 0,
            total: { amount: 100, currency: "EUR" },
            status: "paid",
            adminUrl: null,
          },
        ],
      },
    ],
  },
  "POST /api/admin/import/discounts": {
    body: W.ImportDiscountsBody,
    validBody: () => ({ discounts: [] }),
  },
  "GET /api/customers/{id}/orders": { query: W.OrdersQuery },
  "GET /api/settings/store-connection": {},
  "POST /api/settings/store-connection": {
    body: W.ConnectStoreBody,
    validBody: () => ({ shop: "fuzz-store.myshopify.com" }),
  },
  "POST /api/settings/store-connection/sync": {},
  "DELETE /api/settings/store-connection": {},
  "GET /api/shopify/install": { query: W.InstallQuery },
  "GET /api/shopify/callback": { query: W.CallbackQuery },
  "POST /api/shopify/session": { body: W.SessionTokenBody, validBody: () => ({ sessionToken: "a.b.c" }) },
}

/**
 * Routes without any input to get wrong over HTTP: static documents, the health probe, sign-out (its own
 * tests: test/node/security-sessions.test.ts), and the WebSocket endpoints (a plain request is a 426 before anything is read).
 */
const NO_INPUT = new Set([
  "POST /api/auth/logout",
  "GET /api/openapi.json",
  "GET /api/docs",
  "GET /healthz",
  "GET /api/realtime",
  "GET /api/store/chat/realtime",
  // Raw bytes checked by Shopify's HMAC before anything is read: test/node/shopify-webhooks.test.ts fuzzes those.
  "POST /api/shopify/webhooks",
  "GET /widget.js",
])

interface Route extends RouteModel {
  readonly key: string
  readonly method: Method
  readonly template: string
  readonly auth: Auth
  readonly params: ReadonlyArray<string>
}

/** The routes of the app's own OpenAPI document, each with its model. */
export const routesOf = (doc: {
  paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>
}): { routes: ReadonlyArray<Route>; unmodelled: ReadonlyArray<string> } => {
  const routes: Array<Route> = []
  const unmodelled: Array<string> = []
  for (const [template, ops] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(ops)) {
      const key = `${m.toUpperCase()} ${template}`
      if (NO_INPUT.has(key)) continue
      // A route added since this table was written still gets the faults that need no model.
      const model = MODELS[key] ?? {}
      if (MODELS[key] === undefined) unmodelled.push(key)
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s))
      const auth: Auth = schemes.includes("bearer")
        ? "staff"
        : schemes.includes("chatToken")
          ? "shopper"
          : schemes.includes("signature")
            ? "webhook"
            : "none"
      routes.push({
        ...model,
        key,
        method: m.toUpperCase() as Method,
        template,
        auth,
        params: [...template.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!),
      })
    }
  return { routes, unmodelled }
}

export interface FuzzCase {
  readonly fault: string
  /** Valid but hostile input: any answer below 500 that changes nothing is right. */
  readonly tolerated?: true
  readonly route: string
  readonly method: Method
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string | Uint8Array
}

const paramFor = (route: Route, name: string, f: Fixtures): string => {
  if (name === "shopId") return "demo"
  if (name === "platform") return "messenger"
  // No reply of the conversation has this number: a retry has nothing to resend.
  if (name === "seq") return "999999"
  if (route.template.startsWith("/api/customers")) return f.customerId
  if (route.template.startsWith("/api/images")) return "img_nope"
  return f.conversationId
}

const pathOf = (route: Route, values: Record<string, string>) =>
  route.template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? ""))

const authHeaders = (route: Route, f: Fixtures): Record<string, string> =>
  route.auth === "staff"
    ? { authorization: `Bearer ${f.owner}` }
    : route.auth === "shopper"
      ? { authorization: `Bearer ${f.chat}` }
      : {}

const isValid = (schema: Schema.Top & Schema.Decoder<unknown>, u: unknown): boolean =>
  Schema.decodeUnknownExit(schema)(u)._tag === "Success"

const BAD_IDS = [
  "../../etc/passwd",
  "..",
  "%00",
  "\u0000",
  "'; DROP TABLE shops;--",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "😀",
  " ",
  "a".repeat(65),
  "a".repeat(5000),
  "conv_hugo\n",
  "__proto__",
  "constructor",
]

const KNOWN_IDS = new Set(["demo", "conv_hugo", "messenger", "shop_app", "instagram"])

const badId = fc.oneof(
  fc.constantFrom(...BAD_IDS),
  fc.string({ minLength: 1, maxLength: 100, unit: "binary" }),
  // Well-formed but nobody's: a 404, never another record.
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/).filter((s) => !KNOWN_IDS.has(s) && !s.startsWith("conv_")),
)

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 20_001, max: 200_000 }).map((n) => "é".repeat(Math.floor(n / 2))),
)

const MALFORMED = [
  "",
  "{",
  '{"a":',
  "[1,2",
  "nul",
  "{'single': 'quotes'}",
  '{"text": "\\ud800"}',
  "\u0000",
  "undefined",
  '{"__proto__": {"admin": true}}',
  "1e999999",
  "[".repeat(5000),
]

const QUERY_VALUES = [
  "",
  "0",
  "101",
  "-1",
  "1.5",
  "NaN",
  "1e3",
  "abc",
  "open ",
  "TRUE",
  "all",
  "q".repeat(201),
  "😀",
]

/** Search syntax, SQL and markup: text the app must treat as text. */
const HOSTILE_TEXT = [
  '"',
  '""',
  "*",
  "a*",
  "NEAR(a b)",
  "a OR b",
  "-a",
  "^a",
  "a:b",
  "(",
  ")",
  "'",
  "%",
  "_",
  "\\",
  "' OR 1=1 --",
  '"; DROP TABLE conversation_events; --',
  "<img src=x onerror=alert(1)>",
  "{{7*7}}",
  "\u0000",
  "ǅ𝔘ⁿ𝕚ⓒ𝖔𝒹е",
]

const WRONG_CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/jsonx",
  "",
]

/** All the ways one route can be called wrongly. */
const casesFor = (route: Route, f: Fixtures): fc.Arbitrary<FuzzCase> => {
  const base = Object.fromEntries(route.params.map((p) => [p, paramFor(route, p, f)]))
  const make = (
    fault: string,
    over: {
      params?: Record<string, string>
      headers?: Record<string, string>
      body?: string | Uint8Array
      query?: string
    },
  ): FuzzCase => ({
    fault,
    route: route.key,
    method: route.method,
    path: pathOf(route, { ...base, ...over.params }) + (over.query === undefined ? "" : `?${over.query}`),
    headers: { ...authHeaders(route, f), ...over.headers },
    ...(over.body === undefined ? {} : { body: over.body }),
  })
  const json = { "content-type": "application/json" }
  const validBody = () => JSON.stringify(route.validBody?.(f) ?? {})
  const arbs: Array<fc.Arbitrary<FuzzCase>> = []

  if (route.params.length > 0)
    arbs.push(
      fc.tuple(fc.constantFrom(...route.params), badId).map(([p, v]) =>
        make("invalid id", {
          params: { [p]: v },
          headers: json,
          ...(route.body ? { body: validBody() } : {}),
        }),
      ),
    )

  if (route.auth === "staff" || route.auth === "shopper") {
    const other = route.auth === "staff" ? f.chat : f.owner
    const tokens = [
      "",
      "garbage",
      "a.b",
      `${f.owner.slice(0, -2)}xx`,
      f.otherSecretToken,
      other,
      "x".repeat(20_000),
      "eyJraW5kIjoic3RhZmYifQ.",
    ]
    arbs.push(
      fc.constantFrom(...tokens).map((t) =>
        make("bad credentials", {
          headers: { ...json, authorization: t === "" ? "" : `Bearer ${t}` },
          ...(route.body ? { body: validBody() } : {}),
        }),
      ),
    )
    if (route.auth === "staff" && route.method !== "GET")
      arbs.push(
        fc.constantFrom("", "forged").map((csrf) =>
          make("cookie without CSRF token", {
            headers: {
              ...json,
              authorization: "",
              cookie: `inbox_session=${f.owner}; inbox_csrf=real`,
              ...(csrf === "" ? {} : { "x-inbox-csrf": csrf }),
            },
            ...(route.body ? { body: validBody() } : {}),
          }),
        ),
      )
  }

  if (route.query !== undefined) {
    // Only values the Schema refuses (unknown keys are ignored, so they are no fault): picked up front.
    const schema = route.query
    const fields = Object.keys((schema as unknown as { fields?: Record<string, unknown> }).fields ?? {})
    const invalid = fields.flatMap((k) =>
      QUERY_VALUES.filter((v) => !isValid(schema, { [k]: v })).map((v) => ({ [k]: v })),
    )
    if (invalid.length > 0)
      arbs.push(
        fc
          .constantFrom(...invalid)
          .map((q) => make("invalid query", { query: new URLSearchParams(q).toString() })),
      )
  }

  if (route.freeText !== undefined) {
    const key = route.freeText
    arbs.push(
      fc
        .oneof(
          fc.constantFrom(...HOSTILE_TEXT),
          fc.string({ minLength: 1, maxLength: 200, unit: "grapheme" }),
        )
        .map((q) => ({
          ...make("hostile search text", { query: new URLSearchParams({ [key]: q }).toString() }),
          tolerated: true as const,
        })),
    )
  }

  if (route.body !== undefined) {
    const schema = route.body
    const template = route.validBody?.(f) ?? {}
    const fields = Object.keys(template)
    const signed = route.auth === "webhook"
    const send = (fault: string, body: string, headers: Record<string, string> = json) =>
      fc.constant(null).map(() => make(fault, { body, headers }))
    arbs.push(fc.constantFrom(...MALFORMED).chain((b) => send("malformed JSON", b)))
    arbs.push(
      fc
        .constantFrom("image/png", "application/json", "application/octet-stream")
        .map((ct) => make("image bytes to a JSON route", { body: PNG_1x1, headers: { "content-type": ct } })),
    )
    arbs.push(
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => !isValid(schema, v))
        .chain((v) => send("wrong shape", JSON.stringify(v))),
    )
    if (fields.length > 0) {
      arbs.push(
        fc
          .tuple(fc.constantFrom(...fields), wrongValue)
          .map(([k, v]) => ({ ...template, [k]: v }))
          .filter((v) => !isValid(schema, v))
          .chain((v) => send("wrong type or huge string", JSON.stringify(v))),
      )
      arbs.push(
        fc
          .tuple(
            fc.dictionary(
              fc.constantFrom("__proto__", "constructor", "isOwner", "shopId", "admin", "x"),
              fc.jsonValue({ maxDepth: 1 }),
              { minKeys: 1 },
            ),
            fc.constantFrom(...fields),
            wrongValue,
          )
          .map(([extra, k, v]) => ({ ...template, ...extra, [k]: v }))
          .filter((v) => !isValid(schema, v))
          .chain((v) => send("unknown fields", JSON.stringify(v))),
      )
      const without = (k: string) => Object.fromEntries(Object.entries(template).filter(([key]) => key !== k))
      const missing = fields.filter((k) => !isValid(schema, without(k)))
      if (missing.length > 0)
        arbs.push(
          fc.constantFrom(...missing).chain((k) => {
            const { [k]: _gone, ...rest } = template
            return send("missing field", JSON.stringify(rest))
          }),
        )
      arbs.push(
        fc
          .constantFrom(...WRONG_CONTENT_TYPES)
          .chain((ct) =>
            send("wrong content type", JSON.stringify(template), ct === "" ? {} : { "content-type": ct }),
          ),
      )
    }
    arbs.push(
      fc
        .integer({ min: MAX_JSON_BODY_BYTES + 1, max: MAX_JSON_BODY_BYTES * 4 })
        .chain((n) => send("oversized body", JSON.stringify({ ...template, text: "z".repeat(n) }))),
    )
    if (route.refusedBodies !== undefined) {
      const refused = route.refusedBodies(f)
      arbs.push(fc.constantFrom(...refused).chain((b) => send("refused by a rule", JSON.stringify(b))))
    }
    // A lone UTF-16 surrogate is valid JSON but has no UTF-8 form: refused in every string field. (H2)
    const lone = fc.constantFrom("\ud800", "\udfff", "a\udbffb", "\udc00\ud800")
    const withLone = (body: Record<string, unknown>) => {
      const strings = Object.keys(body).filter((k) => typeof body[k] === "string")
      return strings.length === 0
        ? null
        : fc
            .tuple(fc.constantFrom(...strings), lone)
            .map(([k, v]) => ({ ...body, [k]: `${String(body[k])}${v}` }))
            .chain((b) => send("lone surrogate", JSON.stringify(b)))
    }
    const loneInTemplate = withLone(template)
    if (loneInTemplate !== null) arbs.push(loneInTemplate)
    if (signed) {
      // Unsigned, wrongly signed, or signed with garbage inside: never parsed into a message.
      const message = { messageId: id(), externalCustomerId: "ext", name: "N", email: null, text: "hi" }
      const loneInMessage = withLone(message)
      if (loneInMessage !== null) arbs.push(loneInMessage)
      arbs.push(
        fc.constantFrom("", "sha256=00", "sha256=", "md5=abc").map((sig) =>
          make("bad signature", {
            body: JSON.stringify(message),
            headers: { ...json, ...(sig === "" ? {} : { "x-inbox-signature": sig }) },
          }),
        ),
      )
    }
  }

  if (route.image) {
    const lying = fc
      .uint8Array({ maxLength: 64 })
      .filter((b) => sniffImageType(b) === null)
      .map((b) => b as Uint8Array)
    arbs.push(
      fc
        .tuple(
          fc.oneof(
            lying,
            fc.constantFrom(
              new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
              new TextEncoder().encode("<!doctype html><script>alert(1)</script>"),
              new TextEncoder().encode("%PDF-1.7"),
              PNG_1x1.slice(0, 7),
            ),
          ),
          fc.constantFrom("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "text/html"),
        )
        .map(([bytes, ct]) =>
          make("image with a lying MIME type", { body: bytes, headers: { "content-type": ct } }),
        ),
    )
  }
  return fc.oneof(...arbs)
}

/** Webhook bodies need a signature over the final bytes: signed here, after generation. */
const finish = async (c: FuzzCase): Promise<FuzzCase> => {
  if (!c.route.startsWith("POST /api/webhooks") || c.fault === "bad signature" || c.fault === "invalid id")
    return c
  if (typeof c.body !== "string") return c
  return {
    ...c,
    headers: {
      ...c.headers,
      "x-inbox-signature": await signForShop(WEBHOOK_SECRET, shopInPath(c.path), c.body),
    },
  }
}

export interface FuzzOutcome {
  readonly cases: number
  readonly status5xx: number
  readonly stateChanges: number
  /** Answers outside 4xx (a 2xx means bad input was accepted). */
  readonly not4xx: number
  /** 4xx bodies not shaped `{error: {code, message}}`. */
  readonly unstructured: number
  readonly byFault: Record<string, number>
  readonly byStatus: Record<string, number>
  readonly failures: ReadonlyArray<string>
  readonly routes: number
  /** Documented routes the table above does not know yet (fuzzed with ids and credentials only). */
  readonly unmodelled: ReadonlyArray<string>
  readonly sockets: SocketOutcome
  readonly sequences: SequenceOutcome
}

const imageFiles = (dir: string): number => {
  try {
    return readdirSync(join(dir, "images"), { recursive: true }).length
  } catch {
    return 0
  }
}

/** Runs `cases` generated bad requests against a fresh seeded server. */
export const runFuzz = async (options: {
  readonly cases: number
  readonly seed: number
  /** Raw WebSocket cases (default: a tenth of `cases`, at least 40). */
  readonly socketCases?: number
  /** Store-then-read sequences (default: a thirtieth of `cases`, at least 20). */
  readonly sequences?: number
  readonly log?: (line: string) => void
}): Promise<FuzzOutcome> => {
  const server = await seededServer({
    // The limits have their own tests; here they would only turn bad requests into 429s.
    rateLimits: {
      chat: { capacity: 1e9, refillPerSecond: 1e9 },
      storefront: { capacity: 1e9, refillPerSecond: 1e9 },
      login: { capacity: 1e9, refillPerSecond: 1e9 },
      account: { capacity: 1e9, refillPerSecond: 1e9 },
    },
    // The fuzz shopper has no socket: it goes offline after this grace period, before the first dump.
    graceMs: 20,
    // No delivery in the background: only the request under test may move the dump.
    channels: {
      webhook: { url: null, secret: WEBHOOK_SECRET, timeoutMs: 2_000 },
      sendEmail: null,
      retry: DEFAULT_RETRY,
      pollMs: 3_600_000,
    },
  })
  try {
    const owner = await login(server.app, "owner@demo.shop")
    const camille = await login(server.app, "camille@demo.shop")
    const chat = await startChat(server.app, "demo", "fuzz-shopper-1")
    // Wait for the offline commit of the grace period (R9): nothing else may move the dump from here on.
    for (let i = 0; i < 250; i++) {
      const r = await call(server.app, `/api/conversations/${chat.conversationId}`, { token: owner.token })
      const detail = (await r.json()) as { conversation?: { presence?: { _tag?: string } } }
      if (detail.conversation?.presence?._tag !== "online") break
      await new Promise((done) => setTimeout(done, 20))
    }
    const stranger = await makeSigner("not-the-server-secret")
    const fixtures: Fixtures = {
      owner: owner.token,
      chat: chat.token,
      conversationId: "conv_hugo",
      customerId: chat.customerId,
      staffId: camille.staff.id,
      otherSecretToken: await stranger.sign({
        kind: "staff",
        shopId: "demo",
        staffId: owner.staff.id,
        sid: "x",
        csrf: "x",
        exp: Date.now() + 3_600_000,
      }),
    }
    const doc = (await (await call(server.app, "/api/openapi.json")).json()) as Parameters<typeof routesOf>[0]
    const { routes, unmodelled } = routesOf(doc)
    const unknownRoute = fc
      .tuple(fc.constantFrom("GET", "POST", "PUT", "DELETE") as fc.Arbitrary<Method>, fc.webPath())
      .map(
        ([method, p]): FuzzCase => ({
          fault: "unknown route",
          route: "unknown",
          method,
          path: `/api/nope${p.startsWith("/") ? p : `/${p}`}`,
          headers: { authorization: `Bearer ${fixtures.owner}` },
        }),
      )
    const all = fc.oneof(...routes.map((r) => casesFor(r, fixtures)), unknownRoute)
    const generated = fc.sample(all, { numRuns: options.cases, seed: options.seed })

    let before = await dumpTables(server.client)
    let files = imageFiles(server.dir)
    let status5xx = 0
    let stateChanges = 0
    let not4xx = 0
    let unstructured = 0
    const byFault: Record<string, number> = {}
    const byStatus: Record<string, number> = {}
    const failures: Array<string> = []
    for (const [i, raw] of generated.entries()) {
      const c = await finish(raw)
      byFault[c.fault] = (byFault[c.fault] ?? 0) + 1
      if (process.env.FUZZ_TRACE) options.log?.(`case ${i}: ${c.fault} ${c.method} ${c.path.slice(0, 100)}`)
      const r = await call(server.app, c.path, {
        method: c.method,
        headers: c.headers,
        ...(c.body === undefined ? {} : { body: c.body }),
      })
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
      const text = await r.text()
      let parsed: unknown = null
      try {
        parsed = JSON.parse(text)
      } catch {}
      const describe = () =>
        `${c.fault}: ${c.method} ${c.path.slice(0, 120)} ${typeof c.body === "string" ? c.body.slice(0, 120) : `<${c.body?.byteLength ?? 0} bytes>`} → ${r.status} ${text.slice(0, 200)}`
      if (r.status >= 500) status5xx++
      if (c.tolerated === true ? r.status >= 500 : r.status < 400 || r.status >= 500) {
        not4xx++
        failures.push(describe())
      } else if (r.status >= 400 && !isErrorBody(parsed)) {
        unstructured++
        failures.push(`unstructured ${describe()}`)
      }
      const after = await dumpTables(server.client)
      const filesAfter = imageFiles(server.dir)
      if (after !== before || filesAfter !== files) {
        stateChanges++
        failures.push(`state changed by ${describe()}`)
        before = after
        files = filesAfter
      }
      if (options.log !== undefined && (i + 1) % 1000 === 0) options.log(`${i + 1} cases`)
    }
    // Frames no well-behaved client sends, on both kinds of socket: nothing may be written either.
    const sockets = await runSocketFuzz(
      {
        port: server.port,
        client: server.client,
        staffToken: fixtures.owner,
        chatToken: fixtures.chat,
        settled: async () => {
          for (let i = 0; i < 250; i++) {
            const r = await call(server.app, `/api/conversations/${chat.conversationId}`, {
              token: owner.token,
            })
            const detail = (await r.json()) as { conversation?: { presence?: { _tag?: string } } }
            if (detail.conversation?.presence?._tag === "online") return
            await new Promise((done) => setTimeout(done, 20))
          }
        },
      },
      { cases: options.socketCases ?? Math.max(40, Math.round(options.cases / 10)), seed: options.seed },
    )
    // Last, because they write: hostile values stored, then read through every read path.
    const sequences = await runSequences(
      { app: server.app, port: server.port, staffToken: fixtures.owner, webhookSecret: WEBHOOK_SECRET },
      { sequences: options.sequences ?? Math.max(20, Math.round(options.cases / 30)), seed: options.seed },
    )
    return {
      sockets,
      sequences,
      cases: generated.length,
      status5xx,
      stateChanges,
      not4xx,
      unstructured,
      byFault,
      byStatus,
      failures,
      routes: routes.length,
      unmodelled,
    }
  } finally {
    await server.stop()
  }
}

export const fuzzLine = (o: FuzzOutcome): string =>
  `fuzz: cases=${o.cases} status5xx=${o.status5xx} statechanges=${o.stateChanges} ` +
  `sockets=${o.sockets.cases} socketfaults=${o.sockets.failures.length} ` +
  `sequences=${o.sequences.sequences} sequencefaults=${o.sequences.failures.length}`

/** True when the run found anything wrong. */
export const fuzzFailed = (o: FuzzOutcome): boolean =>
  o.status5xx +
    o.stateChanges +
    o.not4xx +
    o.unstructured +
    o.sockets.failures.length +
    o.sequences.failures.length >
  0
