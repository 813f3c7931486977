/**
 * Web safety: security headers on every kind of answer, cookie attributes, CSRF on every cookie-authenticated
 * mutation (enumerated from the OpenAPI document), XSS payloads kept as inert JSON text, and no secret
 * written in the source beyond the documented development defaults.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { Hono } from "hono"
import { secureHeaders } from "hono/secure-headers"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { signForShop } from "../../src/auth/Signature.ts"
import * as Settings from "../../src/config/Settings.ts"
import { keptSecret } from "../../src/runtime/node.ts"
import { call, dumpTables, isErrorBody, jsonOf, login, startChat } from "../reliability/kit.ts"
import { repoRoot } from "../reliability/serverProcess.ts"
import { seededServer } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>
let server: Server
let owner: Awaited<ReturnType<typeof login>>

beforeAll(async () => {
  server = await seededServer()
  owner = await login(server.app, "owner@demo.shop")
})
afterAll(() => server.stop())

const checkHeaders = (r: Response, what: string) => {
  const csp = r.headers.get("content-security-policy") ?? ""
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
  ])
    assert.include(csp, directive, `${what}: CSP`)
  // Sockets and fetches only to this origin (CSP 3 'self' includes same-origin ws: and wss:).
  assert.strictEqual(
    csp
      .split(";")
      .find((d) => d.trim().startsWith("connect-src"))
      ?.trim(),
    "connect-src 'self'",
    `${what}: connect-src`,
  )
  // No inline or evaluated script anywhere: an injected <script> cannot run.
  assert.notMatch(csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "", /unsafe-(inline|eval)/)
  assert.strictEqual(r.headers.get("x-content-type-options"), "nosniff", `${what}: nosniff`)
  assert.strictEqual(r.headers.get("referrer-policy"), "strict-origin-when-cross-origin", `${what}: referrer`)
  assert.isNotNull(r.headers.get("x-frame-options"), `${what}: x-frame-options`)
  assert.isNotNull(r.headers.get("strict-transport-security"), `${what}: HSTS`)
}

describe("security headers", () => {
  it("on JSON answers, errors, HTML pages, documents and images", async () => {
    const answers: Array<[string, Response]> = [
      ["health", await call(server.app, "/healthz")],
      ["api json", await call(server.app, "/api/conversations", { token: owner.token })],
      ["401", await call(server.app, "/api/conversations")],
      ["404", await call(server.app, "/api/nope/<script>")],
      ["400", await call(server.app, "/api/auth/login", { method: "POST", body: "{" })],
      ["html docs", await call(server.app, "/api/docs")],
      ["openapi", await call(server.app, "/api/openapi.json")],
      ["page", await call(server.app, "/conversations")],
    ]
    for (const [what, r] of answers) checkHeaders(r, what)
  })

  it("on the answers built with them (a message sent, its replay), exactly as hono's secureHeaders sets them", async () => {
    const chat = await startChat(server.app, "demo", "security-headers")
    const send = () =>
      call(server.app, "/api/store/chat/messages", {
        method: "POST",
        token: chat.token,
        body: { clientMessageId: "m1", text: "Hello" },
      })
    // The same policy through hono's own middleware: what every answer carried before it was built in.
    const reference = new Hono()
      .use(
        secureHeaders({
          contentSecurityPolicy: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", "data:", "blob:"],
            connectSrc: ["'self'"],
            frameAncestors: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            objectSrc: ["'none'"],
          },
          referrerPolicy: "strict-origin-when-cross-origin",
          crossOriginResourcePolicy: "same-origin",
        }),
      )
      .get("/", (c) => c.json({}))
    const expected = [...(await reference.request("/")).headers].filter(([k]) => k !== "content-type")
    for (const [what, r] of [
      ["sent", await send()],
      ["replayed", await send()],
    ] as const) {
      assert.strictEqual(r.status, 201, what)
      checkHeaders(r, what)
      assert.deepStrictEqual(
        [...r.headers].filter(([k]) => k !== "content-type"),
        expected,
        `${what}: the same headers`,
      )
      assert.strictEqual(r.headers.get("content-type"), "application/json", what)
    }
  })
})

describe("cookies", () => {
  const loginAt = (origin: string) =>
    server.app.request(`${origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
    })

  it("the session cookie is HttpOnly, SameSite=Lax, Path=/, and Secure on any host but loopback", async () => {
    for (const [origin, secure] of [
      ["https://inbox.example.com", true],
      ["http://shop.example.org:8787", true],
      ["http://127.0.0.1:8787", false],
      ["http://localhost:8787", false],
    ] as const) {
      const cookies = (await loginAt(origin)).headers.getSetCookie()
      const session = cookies.find((c) => c.startsWith("inbox_session="))
      const csrf = cookies.find((c) => c.startsWith("inbox_csrf="))
      assert.isDefined(session, origin)
      assert.isDefined(csrf, origin)
      assert.include(session!, "HttpOnly")
      assert.include(session!, "SameSite=Lax")
      assert.include(session!, "Path=/")
      // The CSRF cookie is read by the page's script to echo it in a header: not HttpOnly, same flags otherwise.
      assert.notInclude(csrf!, "HttpOnly")
      assert.include(csrf!, "SameSite=Lax")
      for (const c of [session!, csrf!]) assert.strictEqual(c.includes("Secure"), secure, `${origin}: ${c}`)
    }
  })

  it("logout clears both cookies", async () => {
    const { token } = await login(server.app, "owner@demo.shop")
    const out = await call(server.app, "/api/auth/logout", { method: "POST", token })
    assert.strictEqual(out.status, 204)
    const cookies = out.headers.getSetCookie()
    for (const name of ["inbox_session", "inbox_csrf"])
      assert.match(cookies.find((c) => c.startsWith(`${name}=`)) ?? "", /Max-Age=0|Expires=Thu, 01 Jan 1970/)
  })
})

describe("CSRF", () => {
  it("every cookie-authenticated mutation without the matching x-inbox-csrf header is refused, and writes nothing", async () => {
    const doc = (await jsonOf(await call(server.app, "/api/openapi.json"))) as {
      paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>
    }
    const cookie = `inbox_session=${owner.token}; inbox_csrf=${owner.csrfToken}`
    const before = await dumpTables(server.client)
    let checked = 0
    for (const [template, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const cookieAuth = (op.security ?? []).some((s) => "cookie" in s)
        if (!cookieAuth || method === "get") continue
        const path = template
          .replace("{id}", template.startsWith("/api/customers") ? "cus_hugo" : "conv_hugo")
          .replace("{seq}", "1")
        for (const header of [undefined, "forged", `${owner.csrfToken}x`]) {
          const r = await call(server.app, path, {
            method: method.toUpperCase(),
            headers: {
              cookie,
              "content-type": "application/json",
              ...(header ? { "x-inbox-csrf": header } : {}),
            },
            body: "{}",
          })
          assert.strictEqual(r.status, 403, `${method} ${template} with ${header}`)
          assert.strictEqual(
            ((await r.json()) as { error: { code: string } }).error.code,
            "CsrfTokenMismatch",
          )
          checked++
        }
      }
    assert.isAtLeast(checked, 3 * 10)
    assert.strictEqual(await dumpTables(server.client), before)
  })

  it("a cookie pair set by someone else (not this session's token) is refused too", async () => {
    const r = await call(server.app, "/api/conversations/conv_hugo/read", {
      method: "POST",
      headers: { cookie: `inbox_session=${owner.token}; inbox_csrf=planted`, "x-inbox-csrf": "planted" },
    })
    assert.strictEqual(r.status, 403)
  })
})

/** Classic payloads: markup, attribute breakouts, URLs, templates, encodings, control characters. */
const XSS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<svg/onload=alert(1)>",
  "javascript:alert(1)",
  '<a href="javascript:alert(1)">clic</a>',
  "{{constructor.constructor('alert(1)')()}}",
  // A template-literal injection, written so that it is not one here.
  "$" + "{alert(1)}",
  "<iframe srcdoc='<script>alert(1)</script>'>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "\u003cscript\u003ealert(1)\u003c/script\u003e",
  "<style>*{display:none}</style>",
  "</textarea><script>alert(1)</script>",
  "'-alert(1)-'",
  "\u202egnp.exe",
]

describe("XSS payloads through the API", () => {
  it("are stored as text and come back byte for byte, as JSON, on every path that keeps text", async () => {
    const chat = await startChat(server.app, "demo", "xss-shopper-1", null, "192.0.2.10")
    for (const [i, payload] of XSS.entries()) {
      const sent = await call(server.app, "/api/store/chat/messages", {
        method: "POST",
        token: chat.token,
        body: { clientMessageId: `xss-m-${i}`, text: payload },
      })
      assert.strictEqual(sent.status, 201, payload)
      const replied = await call(server.app, `/api/conversations/${chat.conversationId}/replies`, {
        method: "POST",
        token: owner.token,
        body: { clientMessageId: `xss-r-${i}`, text: payload },
      })
      assert.strictEqual(replied.status, 201, payload)
      const note = await call(server.app, `/api/customers/${chat.customerId}/note`, {
        method: "PUT",
        token: owner.token,
        body: { note: payload },
      })
      assert.strictEqual(note.status, 200)
      assert.strictEqual(((await note.json()) as { note: string }).note, payload)
    }
    const thread = await call(server.app, `/api/conversations/${chat.conversationId}`, { token: owner.token })
    assert.match(thread.headers.get("content-type") ?? "", /^application\/json/)
    const texts = JSON.stringify(await thread.json())
    const shopperView = JSON.stringify(
      await (await call(server.app, "/api/store/chat", { token: chat.token })).json(),
    )
    for (const payload of XSS) {
      // JSON.stringify of the payload is exactly how an unaltered string appears inside the body.
      assert.include(texts, JSON.stringify(payload).slice(1, -1), payload)
      assert.include(shopperView, JSON.stringify(payload).slice(1, -1), payload)
    }
  })

  it("names from the storefront and platforms are kept as text too", async () => {
    const name = XSS[1]!
    const started = await call(server.app, "/api/store/demo/chat", {
      method: "POST",
      headers: { "cf-connecting-ip": "192.0.2.11" },
      body: { email: null, origin: DEMO_STOREFRONT, clientId: "xss-named-1", name },
    })
    assert.strictEqual(started.status, 201)
    const body = JSON.stringify({
      messageId: "xss-wh-1",
      externalCustomerId: "xss-ext",
      name: XSS[0],
      email: null,
      text: XSS[2],
    })
    const hook = await call(server.app, "/api/webhooks/messenger/demo", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-inbox-signature": await signForShop("test-webhook-secret", "demo", body),
      },
      body,
    })
    assert.strictEqual(hook.status, 202)
    const list = JSON.stringify(
      await (await call(server.app, "/api/conversations?limit=100", { token: owner.token })).json(),
    )
    assert.include(list, JSON.stringify(name).slice(1, -1))
    assert.include(list, JSON.stringify(XSS[0]).slice(1, -1))
  })

  it("error bodies echoing input are JSON, never HTML", async () => {
    for (const payload of XSS) {
      const r = await call(server.app, `/api/conversations/${encodeURIComponent(payload)}`, {
        token: owner.token,
      })
      assert.isAtLeast(r.status, 400)
      assert.match(r.headers.get("content-type") ?? "", /^application\/json/)
      assert.isTrue(isErrorBody(await r.json()))
    }
  })
})

/** Values allowed in source: the documented development defaults (README, SECURITY.md). */
const DEV_DEFAULTS = new Set(["inbox-demo", "inbox-demo-webhook-secret", "local-dev-only-not-a-secret"])

const SECRET_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["AWS key", /AKIA[0-9A-Z]{16}/],
  ["GitHub token", /gh[pousr]_[A-Za-z0-9]{36}/],
  ["Slack token", /xox[abpr]-[A-Za-z0-9-]{10,}/],
  ["Stripe key", /sk_(live|test)_[A-Za-z0-9]{16,}/],
  ["Cloudflare token", /\b[A-Za-z0-9_-]{40}\b(?=.*(CLOUDFLARE|CF_API))/],
  ["JWT", /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
]
/** `secret = "…"`, `password: '…'`, `apiKey="…"`: a literal assigned to a secret-sounding name. */
const ASSIGNED =
  /(secret|password|passwd|token|api[_-]?key|auth[_-]?token)["']?\s*[:=]\s*["'`]([^"'`\s]{8,})["'`]/gi

export const findSecrets = (text: string): Array<string> => {
  const found: Array<string> = []
  for (const [name, re] of SECRET_PATTERNS) if (re.test(text)) found.push(name)
  // A word alone ("Password" as a label) is no secret; a key has digits, symbols or length.
  for (const m of text.matchAll(ASSIGNED))
    if (!DEV_DEFAULTS.has(m[2]!) && !/^[A-Za-z]{1,11}$/.test(m[2]!)) found.push(`${m[1]} = ${m[2]}`)
  return found
}

const sourceFiles = (dir: string): Array<string> => {
  const out: Array<string> = []
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|js|json|jsonc|toml|html)$/.test(name) && !name.endsWith(".model.json")) out.push(path)
  }
  return out
}

describe("secrets", () => {
  it("the scanner recognises what it looks for (so a clean scan means something)", () => {
    assert.isNotEmpty(findSecrets(`const apiKey = "${"q".repeat(24)}"`))
    assert.isNotEmpty(findSecrets(`-----BEGIN RSA PRIVATE KEY-----`))
    assert.isEmpty(
      findSecrets(`webhookSecret: process.env.INBOX_WEBHOOK_SECRET ?? "inbox-demo-webhook-secret"`),
    )
  })

  it("no hard-coded secret in application source, scripts or configuration beyond the dev defaults", () => {
    const roots = [
      "packages/core/src",
      "packages/edge/src",
      "packages/edge/scripts",
      "packages/web/src",
      "packages/web/index.html",
      "package.json",
      "packages/edge/package.json",
      "wrangler.toml",
      "packages/edge/wrangler.toml",
    ]
    const offenders: Array<string> = []
    let scanned = 0
    for (const root of roots) {
      const path = join(repoRoot, root)
      let files: Array<string>
      try {
        files = statSync(path).isDirectory() ? sourceFiles(path) : [path]
      } catch {
        continue
      }
      for (const file of files) {
        scanned++
        for (const hit of findSecrets(readFileSync(file, "utf8")))
          offenders.push(`${relative(repoRoot, file)}: ${hit}`)
      }
    }
    assert.isAbove(scanned, 50)
    assert.deepStrictEqual(offenders, [])
  })

  it("the session secret has no default in code: the settings leave it unset, Node generates one per data folder", () => {
    assert.isNull(Settings.fromEnv({}).sessionSecret)
    assert.isNull(Settings.fromBindings({}).sessionSecret)
    assert.strictEqual(Settings.fromEnv({ INBOX_SESSION_SECRET: "set" }).sessionSecret, "set")
    const dir = mkdtempSync(join(tmpdir(), "inbox-secret-"))
    try {
      const generated = keptSecret(dir, Settings.fromEnv({}).sessionSecret, "session-secret")
      assert.isAtLeast(generated.length, 43)
      assert.strictEqual(keptSecret(dir, Settings.fromEnv({}).sessionSecret, "session-secret"), generated)
      assert.notStrictEqual(
        keptSecret(mkdtempSync(join(dir, "other-")), Settings.fromEnv({}).sessionSecret, "session-secret"),
        generated,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
