/**
 * The declaration (`@inbox/core/wire` `Api`) is the API: every declared endpoint is served, documented and
 * reachable from the web's typed client (which decodes its answer with the declared Schema), and the app
 * has no route that is not declared.
 */
import { Api, Endpoint, endpoints } from "@inbox/core/wire"
import { Option } from "effect"
import fc from "fast-check"
import { afterAll, assert, beforeAll, it } from "vitest"
import WebSocket from "ws"
import { ApiError, framesOf, INVALID_RESPONSE, makeClient, pathOf } from "../../../web/src/api/client.ts"
import { login, PNG_1x1, startChat } from "../reliability/kit.ts"
import { arbitraryOf, type DocumentOperation, type JsonSchema } from "./documentArbitrary.ts"
import { seededServer, webBuildStandIn } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
let owner: string
let shopper: string
// The widget's endpoints answer files of the web build: stand-ins are enough to answer them.
const web = webBuildStandIn()
beforeAll(async () => {
  server = await seededServer({ webDist: web.path })
  owner = (await login(server.app, "owner@demo.shop")).token
  shopper = (await startChat(server.app, "demo", "declaration-shopper")).token
})
afterAll(async () => {
  await server.stop()
  web.remove()
})

/** The routes Hono holds, but the two fallbacks (unknown `/api/*` → 404, anything else → the web build). */
const servedRoutes = () =>
  server.app.routes.filter((r) => r.method !== "ALL" && r.path !== "/*").map((r) => `${r.method} ${r.path}`)

it("every route the app serves is declared, and every declared endpoint is served", () => {
  const declared = endpoints().map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`)
  const served = [...new Set(servedRoutes())]
  assert.deepStrictEqual(
    served.filter((r) => !declared.includes(r)),
    [],
    "served but not declared",
  )
  assert.deepStrictEqual(
    declared.filter((r) => !served.includes(r)),
    [],
    "declared but not served",
  )
  assert.strictEqual(new Set(declared).size, declared.length, "one declaration per method and path")
})

it("every declared endpoint is documented under its operationId", async () => {
  const doc = (await (await server.app.request("http://127.0.0.1/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { operationId: string }>>
  }
  for (const { id, endpoint } of endpoints()) {
    const operation = doc.paths[endpoint.path.replaceAll(/:(\w+)/g, "{$1}")]?.[endpoint.method.toLowerCase()]
    assert.strictEqual(operation?.operationId, id)
  }
})

/** One valid value of a JSON Schema of the document, in wire form. */
const sample = (schema: JsonSchema): unknown => fc.sample(arbitraryOf(schema), { numRuns: 1 })[0]

const parametersOf = (op: DocumentOperation, where: "path" | "query") => {
  const present = op.parameters.filter((p) => p.in === where && p.required)
  return present.length === 0 && where === "path"
    ? undefined
    : Object.fromEntries(present.map((p) => [p.name, String(sample(p.schema))]))
}

it("every HTTP endpoint answers the typed client: decoded with its Schema, or a declared error, never 404 or a 5xx", async () => {
  const client = makeClient({
    baseUrl: "http://127.0.0.1",
    fetch: async (input, init) => server.app.request(input, init),
    locale: () => "en",
    csrf: () => null,
    staffToken: () => owner,
  })
  const doc = (await (await server.app.request("http://127.0.0.1/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, DocumentOperation>>
  }
  for (const { id, endpoint } of endpoints()) {
    if (endpoint.frames !== undefined) continue
    const op = doc.paths[endpoint.path.replaceAll(/:(\w+)/g, "{$1}")]![endpoint.method.toLowerCase()]!
    const json = op.requestBody?.content["application/json"]?.schema
    const input = {
      params: parametersOf(op, "path"),
      query: parametersOf(op, "query"),
      body: Endpoint.isBytes(endpoint.body)
        ? new Blob([PNG_1x1], { type: "image/png" })
        : json === undefined
          ? undefined
          : sample(json),
      token: endpoint.auth === "shopper" ? shopper : undefined,
    }
    try {
      await client.call(endpoint, input as never)
    } catch (e) {
      assert.instanceOf(e, ApiError, id)
      const error = e as ApiError
      assert.notInclude(["RouteNotFound", INVALID_RESPONSE], error.code, id)
      assert.isBelow(error.status, 500, `${id}: ${error.code}`)
      assert.include(Endpoint.errorsOf(endpoint), error.code, `${id} answered an undeclared ${error.code}`)
    }
  }
})

it("the sockets are reachable from the typed client's address and frames decode with the declared Schemas", async () => {
  const ws = (path: string, headers: Record<string, string> = {}) =>
    new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers })
  const firstFrame = (socket: WebSocket) =>
    new Promise<string>((ok, fail) => {
      socket.once("message", (data) => ok(data.toString()))
      socket.once("error", fail)
    })
  // A session of its own: the sweep above signed `owner` out (session.logout ends the token's session).
  const staffToken = (await login(server.app, "owner@demo.shop")).token
  const merchant = ws(pathOf(Api.realtime.merchant, {}, {}), { authorization: `Bearer ${staffToken}` })
  const merchantReady = framesOf(Api.realtime.merchant).decode(await firstFrame(merchant))
  assert.deepInclude(Option.getOrThrow(merchantReady), { _tag: "Ready" })
  merchant.close()
  const chat = ws(pathOf(Api.realtime.shopper, {}, { token: shopper }))
  const chatReady = framesOf(Api.realtime.shopper).decode(await firstFrame(chat))
  assert.deepInclude(Option.getOrThrow(chatReady), { _tag: "Ready" })
  chat.close()
})
