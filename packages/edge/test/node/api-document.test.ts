/**
 * The OpenAPI document is exactly as strict as the server: requests generated from the document's own schemas
 * (path, query and body), with the credentials its security names, are never refused as invalid (400), and
 * never fail (5xx). Every operation has an operationId and its error responses.
 */
import fc from "fast-check"
import { afterAll, assert, beforeAll, it } from "vitest"
import { signForShop } from "../../src/auth/Signature.ts"
import { call, login, shopInPath, startChat } from "../reliability/kit.ts"
import { arbitraryOf, type DocumentOperation } from "./documentArbitrary.ts"
import { seededServer } from "./harness.ts"

const WEBHOOK_SECRET = "test-webhook-secret"

let server: Awaited<ReturnType<typeof seededServer>>
let doc: {
  readonly paths: Readonly<Record<string, Readonly<Record<string, DocumentOperation>>>>
}

beforeAll(async () => {
  server = await seededServer({
    // Budgets have their own tests; here they would only turn generated requests into 429s.
    rateLimits: {
      chat: { capacity: 1e9, refillPerSecond: 1e9 },
      storefront: { capacity: 1e9, refillPerSecond: 1e9 },
      login: { capacity: 1e9, refillPerSecond: 1e9 },
      account: { capacity: 1e9, refillPerSecond: 1e9 },
    },
  })
  doc = (await (await call(server.app, "/api/openapi.json")).json()) as typeof doc
})
afterAll(() => server.stop())

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  )

it("every operation has an operationId, a summary, and a response for each error status it may answer", () => {
  const ids = new Set<string>()
  for (const { path, method, op } of operations()) {
    assert.match(op.operationId, /^\w+\.\w+$/, `${method} ${path}`)
    assert.isFalse(ids.has(op.operationId), `duplicate ${op.operationId}`)
    ids.add(op.operationId)
    const statuses = Object.keys(op.responses)
    assert.isTrue(statuses.includes("503"), `${op.operationId} documents 503`)
    if (op.parameters.length > 0 || op.requestBody !== undefined)
      assert.isTrue(statuses.includes("400"), `${op.operationId} documents 400`)
    if (op.security.length > 0) assert.isTrue(statuses.includes("401"), `${op.operationId} documents 401`)
  }
})

it("requests generated from the document's own schemas are never refused as invalid, never a 5xx", async () => {
  const owner = (await login(server.app, "owner@demo.shop")).token
  const shopper = (await startChat(server.app, "demo", "document-shopper")).token
  const request = (path: string, method: string, op: DocumentOperation) => {
    const parameter = (where: "path" | "query") =>
      fc.record(
        Object.fromEntries(
          op.parameters.filter((p) => p.in === where).map((p) => [p.name, arbitraryOf(p.schema)]),
        ),
        {
          requiredKeys: op.parameters.filter((p) => p.in === where && p.required).map((p) => p.name),
        },
      )
    const json = op.requestBody?.content["application/json"]?.schema
    const bytes = op.requestBody !== undefined && json === undefined
    return fc
      .record({
        params: parameter("path"),
        query: parameter("query"),
        body: json === undefined ? fc.constant(undefined) : arbitraryOf(json),
      })
      .map(({ params, query, body }) => {
        const url = path.replaceAll(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(String((params as Record<string, unknown>)[name])),
        )
        const search = new URLSearchParams(
          Object.entries(query as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        ).toString()
        return {
          label: `${op.operationId} ${method} ${url}`,
          url: search === "" ? url : `${url}?${search}`,
          body: bytes
            ? new Uint8Array([0x89, 0x50, 0x4e, 0x47])
            : body === undefined
              ? undefined
              : JSON.stringify(body),
          contentType: bytes ? "image/png" : "application/json",
        }
      })
  }
  const schemes = (op: DocumentOperation) => op.security.flatMap((s) => Object.keys(s))
  const cases = fc.oneof(
    ...operations().map(({ path, method, op }) =>
      request(path, method, op).map((r) => ({ ...r, method, auth: schemes(op) })),
    ),
  )
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      const headers: Record<string, string> = { "content-type": c.contentType }
      const auth = c.auth
      if (auth.includes("bearer")) headers.authorization = `Bearer ${owner}`
      if (auth.includes("chatToken")) headers.authorization = `Bearer ${shopper}`
      if (auth.includes("signature"))
        headers["x-inbox-signature"] = await signForShop(WEBHOOK_SECRET, shopInPath(c.url), c.body ?? "")
      const r = await call(server.app, c.url, {
        method: c.method,
        headers,
        ...(c.body === undefined ? {} : { body: c.body }),
      })
      const text = await r.text()
      assert.notStrictEqual(r.status, 400, `${c.label} ${c.body ?? ""} → ${text}`)
      assert.isBelow(r.status, 500, `${c.label} → ${text}`)
    }),
    { numRuns: Math.max(200, fc.readConfigureGlobal().numRuns ?? 0) },
  )
})
