/**
 * Authorization properties (R0.1–R0.3) over generated shops, staff (owners, with and without the chat
 * permission) and shoppers: every (actor, route, target) answers 401/403/404 exactly where it must, and
 * 2xx where it may. The sweep is exhaustive over each generated world; the case count is asserted.
 */
import fc from "fast-check"
import { afterAll, assert, beforeAll, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { makeSigner, type Signer } from "../../src/auth/Token.ts"
import { MODELS } from "../reliability/fuzz.ts"
import { call, jsonOf, startChat } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>

interface StaffMember {
  readonly id: string
  readonly shopId: string
  readonly owner: boolean
  readonly chat: boolean
  readonly token: string
}
interface Shopper {
  readonly shopId: string
  readonly customerId: string
  readonly conversationId: string
  readonly token: string
  readonly marker: string
}
interface World {
  readonly shops: ReadonlyArray<string>
  readonly staff: ReadonlyArray<StaffMember>
  readonly shoppers: ReadonlyArray<Shopper>
}

const SECRET = "test-session-secret"
let server: Server
let signer: Signer
let forger: Signer
let world: World

/** Shops with 1–3 staff each (the first is the owner, who always chats: R0.2) and 1–2 shoppers. */
const worldShape = fc.array(
  fc.record({
    staff: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
    shoppers: fc.integer({ min: 1, max: 2 }),
  }),
  { minLength: 2, maxLength: 4 },
)

const seed = Number.parseInt(process.env.FC_SEED ?? "", 10)

const build = async (): Promise<World> => {
  const [shape] = fc.sample(worldShape, { numRuns: 1, ...(Number.isSafeInteger(seed) ? { seed } : {}) })
  const shops: Array<string> = []
  const staff: Array<StaffMember> = []
  const shoppers: Array<Shopper> = []
  const now = Date.now()
  // Always at least one member without the permission, so the 403 sweeps never run empty.
  shape![0]!.staff.push(false)
  for (const [s, shop] of shape!.entries()) {
    const shopId = `authz_shop_${s}`
    shops.push(shopId)
    await server.client.execute({
      sql: "INSERT INTO shops (id, name, currency, event_seq, created_at) VALUES (?, ?, 'EUR', 0, ?)",
      args: [shopId, `Shop ${s}`, now],
    })
    await server.client.execute({
      sql: "INSERT INTO storefront_settings (shop_id, allowed_origins, updated_at) VALUES (?, ?, ?)",
      args: [shopId, JSON.stringify([DEMO_STOREFRONT]), now],
    })
    for (const [i, chat] of shop.staff.entries()) {
      const id = `authz_staff_${s}_${i}`
      const owner = i === 0
      await server.client.execute({
        sql: "INSERT INTO staff (id, shop_id, email, name, password_hash, is_owner, chat_permission) VALUES (?, ?, ?, ?, 'x', ?, ?)",
        args: [id, shopId, `${id}@example.com`, id, owner ? 1 : 0, owner ? 0 : chat ? 1 : 0],
      })
      // A signed token works only with its server-side session (what sign-in writes).
      await server.client.execute({
        sql: "INSERT INTO staff_sessions (id, shop_id, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        args: [`sid_${id}`, shopId, id, now, now + 3_600_000],
      })
      const token = await signer.sign({
        kind: "staff",
        shopId,
        staffId: id,
        sid: `sid_${id}`,
        csrf: "c",
        exp: now + 3_600_000,
      })
      // The owner row says no permission on purpose: owners hold it whatever the flag (R0.2).
      staff.push({ id, shopId, owner, chat: owner || chat, token })
    }
    for (let k = 0; k < shop.shoppers; k++) {
      const chat = await startChat(server.app, shopId, `authz-${s}-${k}-client`, null, `10.0.${s}.${k}`)
      const marker = `marker-${s}-${k}-${Math.random().toString(36).slice(2)}`
      const sent = await call(server.app, "/api/store/chat/messages", {
        method: "POST",
        token: chat.token,
        body: { clientMessageId: `hello-${s}-${k}`, text: marker },
      })
      assert.strictEqual(sent.status, 201)
      shoppers.push({ shopId, ...chat, marker })
    }
  }
  return { shops, staff, shoppers }
}

beforeAll(async () => {
  server = await seededServer()
  signer = await makeSigner(SECRET)
  forger = await makeSigner("someone-elses-secret")
  world = await build()
})
afterAll(() => server.stop())

type Actor =
  | { readonly kind: "anonymous" }
  | { readonly kind: "forged"; readonly token: string }
  | { readonly kind: "staff"; readonly who: StaffMember }
  | { readonly kind: "shopper"; readonly who: Shopper }

const tokenOf = (a: Actor): string | undefined =>
  a.kind === "anonymous" ? undefined : a.kind === "forged" ? a.token : a.who.token

let counter = 0
/** Staff routes aimed at one shopper's conversation or customer. */
const staffRoutes = (t: Shopper, assignee: StaffMember | undefined) => [
  { name: "read thread", method: "GET", path: `/api/conversations/${t.conversationId}` },
  {
    name: "reply",
    method: "POST",
    path: `/api/conversations/${t.conversationId}/replies`,
    body: () => ({ clientMessageId: `authz-reply-${counter++}`, text: "Bonjour" }),
  },
  {
    name: "set status",
    method: "POST",
    path: `/api/conversations/${t.conversationId}/status`,
    body: () => ({ status: "open" }),
  },
  { name: "mark read", method: "POST", path: `/api/conversations/${t.conversationId}/read` },
  { name: "mark unread", method: "POST", path: `/api/conversations/${t.conversationId}/unread` },
  ...(assignee === undefined
    ? []
    : [
        {
          name: "assign",
          method: "PUT",
          path: `/api/conversations/${t.conversationId}/assignee`,
          body: () => ({ staffId: assignee.id }),
        },
      ]),
  { name: "unassign", method: "DELETE", path: `/api/conversations/${t.conversationId}/assignee` },
  { name: "profile", method: "GET", path: `/api/customers/${t.customerId}/profile` },
  {
    name: "note",
    method: "PUT",
    path: `/api/customers/${t.customerId}/note`,
    body: () => ({ note: "VIP" }),
  },
]

/** What R0.1–R0.3 require of a staff route: who gets 401, 403, 404, or through. */
const expectedForStaffRoute = (actor: Actor, target: Shopper): number | "ok" => {
  if (actor.kind !== "staff") return 401
  if (!actor.who.chat) return 403
  if (actor.who.shopId !== target.shopId) return 404
  return "ok"
}

it("R0.1–R0.3 every actor × staff route × target answers exactly 401/403/404 or succeeds", async () => {
  const actors: Array<Actor> = [
    { kind: "anonymous" },
    {
      kind: "forged",
      token: await forger.sign({
        kind: "staff",
        shopId: world.shops[0]!,
        staffId: world.staff[0]!.id,
        sid: `sid_${world.staff[0]!.id}`,
        csrf: "c",
        exp: Date.now() + 3_600_000,
      }),
    },
    ...world.staff.map((who): Actor => ({ kind: "staff", who })),
    ...world.shoppers.map((who): Actor => ({ kind: "shopper", who })),
  ]
  const mismatches: Array<string> = []
  let cases = 0
  for (const actor of actors)
    for (const target of world.shoppers) {
      const assignee = world.staff.find((s) => s.shopId === target.shopId && s.chat)
      for (const route of staffRoutes(target, assignee)) {
        const r = await call(server.app, route.path, {
          method: route.method,
          ...(tokenOf(actor) === undefined ? {} : { token: tokenOf(actor)! }),
          ...("body" in route && route.body !== undefined ? { body: route.body() } : {}),
        })
        const expected = expectedForStaffRoute(actor, target)
        cases++
        const ok = expected === "ok" ? r.status >= 200 && r.status < 300 : r.status === expected
        const text = await r.text()
        if (!ok)
          mismatches.push(
            `${actor.kind}${actor.kind === "staff" ? `(${actor.who.id} chat=${actor.who.chat})` : ""} ${route.name} on ${target.conversationId}: ${r.status}, expected ${expected} ${text.slice(0, 120)}`,
          )
        // Whatever the status, another shop's or shopper's words never appear in the answer.
        if (actor.kind === "staff" && actor.who.shopId !== target.shopId && text.includes(target.marker))
          mismatches.push(`${actor.who.id} saw ${target.marker}`)
      }
    }
  assert.deepStrictEqual(mismatches, [])
  assert.isAtLeast(cases, actors.length * world.shoppers.length * 8)
  counted += cases
})

it("R0.1 lists (inbox, staff, saved replies) only ever hold the caller's shop; no chat permission → 403", async () => {
  let cases = 0
  for (const s of world.staff) {
    const own = new Set(world.shoppers.filter((x) => x.shopId === s.shopId).map((x) => x.conversationId))
    const colleagues = new Set(world.staff.filter((x) => x.shopId === s.shopId).map((x) => x.id))
    for (const path of [
      "/api/conversations",
      "/api/conversations?status=closed",
      "/api/staff",
      "/api/products",
    ]) {
      const r = await call(server.app, path, { token: s.token })
      cases++
      if (!s.chat) {
        assert.strictEqual(r.status, 403, `${s.id} ${path}`)
        continue
      }
      assert.strictEqual(r.status, 200, `${s.id} ${path}`)
      const body = await jsonOf(r)
      if (path.startsWith("/api/conversations"))
        for (const row of body.rows as Array<{ conversationId: string }>)
          assert.isTrue(own.has(row.conversationId), `${s.id} sees ${row.conversationId}`)
      if (path === "/api/staff")
        for (const member of body.staff as Array<{ id: string }>)
          assert.isTrue(colleagues.has(member.id), `${s.id} sees staff ${member.id}`)
    }
  }
  counted += cases
})

it("R0.2 only holders of the chat permission can be assigned; staff of another shop cannot", async () => {
  let cases = 0
  for (const target of world.shoppers) {
    const owner = world.staff.find((s) => s.shopId === target.shopId && s.owner)!
    for (const candidate of world.staff) {
      const r = await call(server.app, `/api/conversations/${target.conversationId}/assignee`, {
        method: "PUT",
        token: owner.token,
        body: { staffId: candidate.id },
      })
      cases++
      const code = ((await jsonOf(r)) as { error?: { code: string } }).error?.code
      if (candidate.shopId !== target.shopId) assert.strictEqual(r.status, 404, `${candidate.id}: ${code}`)
      else if (!candidate.chat) {
        assert.strictEqual(r.status, 422, `${candidate.id}`)
        assert.strictEqual(code, "AssigneeLacksChatPermission")
      } else assert.strictEqual(r.status, 200, `${candidate.id}: ${code}`)
    }
  }
  counted += cases
})

it("R0.3 a shopper reads and writes only their own conversation; tokens cannot be bent to another", async () => {
  let cases = 0
  for (const shopper of world.shoppers) {
    const view = await call(server.app, "/api/store/chat", { token: shopper.token })
    assert.strictEqual(view.status, 200)
    const text = await view.text()
    assert.include(text, shopper.marker)
    for (const other of world.shoppers)
      if (other !== shopper)
        assert.notInclude(text, other.marker, `${shopper.conversationId} sees ${other.marker}`)
    cases++
    // A chat token re-signed for someone else's conversation with the wrong key, or edited in place.
    for (const other of world.shoppers.filter((o) => o !== shopper)) {
      const forged = await forger.sign({
        kind: "chat",
        shopId: other.shopId,
        customerId: other.customerId,
        conversationId: other.conversationId,
        origin: DEMO_STOREFRONT,
        exp: Date.now() + 3_600_000,
      })
      const [body, sig] = shopper.token.split(".")
      const payload = JSON.parse(atob(body!.replaceAll("-", "+").replaceAll("_", "/"))) as Record<
        string,
        unknown
      >
      const edited = `${btoa(JSON.stringify({ ...payload, conversationId: other.conversationId }))
        .replaceAll("=", "")
        .replaceAll("+", "-")
        .replaceAll("/", "_")}.${sig}`
      for (const token of [forged, edited]) {
        for (const [method, path, b] of [
          ["GET", "/api/store/chat", undefined],
          ["POST", "/api/store/chat/messages", { clientMessageId: `x${counter++}`, text: "hi" }],
        ] as const) {
          const r = await call(server.app, path, { method, token, ...(b === undefined ? {} : { body: b }) })
          assert.strictEqual(r.status, 401, `${method} ${path}`)
          cases++
        }
      }
    }
    // A shopper's token opens no staff route.
    const staffSide = await call(server.app, `/api/conversations/${shopper.conversationId}`, {
      token: shopper.token,
    })
    assert.strictEqual(staffSide.status, 401)
    cases++
  }
  // A staff token opens no shopper route.
  const r = await call(server.app, "/api/store/chat", { token: world.staff[0]!.token })
  assert.strictEqual(r.status, 401)
  counted += cases + 1
})

it("R0.2 staff without the chat permission get 403 on every staff route of the OpenAPI document but /api/me", async () => {
  const doc = (await jsonOf(await call(server.app, "/api/openapi.json"))) as {
    paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>
  }
  const withoutChat = world.staff.filter((s) => !s.chat)
  const target = world.shoppers[0]!
  let cases = 0
  for (const member of withoutChat)
    for (const [template, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        if (!(op.security ?? []).some((x) => "bearer" in x)) continue
        // Signing out is any member's (and ends the token this sweep uses): security-sessions.test.ts.
        if (template === "/api/auth/logout") continue
        const path = template
          .replace("{id}", template.startsWith("/api/customers") ? target.customerId : target.conversationId)
          .replace("{seq}", "1")
          .replace("{emailId}", "eml_1")
        const r = await call(server.app, path, {
          method: method.toUpperCase(),
          token: member.token,
          ...(method === "get" || method === "delete" ? {} : { body: {} }),
        })
        cases++
        assert.strictEqual(r.status, template === "/api/me" ? 200 : 403, `${member.id} ${method} ${template}`)
      }
  counted += cases
})

it("R0.1 a chat holder of another shop gets 404 on every conversation and customer route of the OpenAPI document", async () => {
  const doc = (await jsonOf(await call(server.app, "/api/openapi.json"))) as {
    paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>
  }
  let cases = 0
  for (const target of world.shoppers) {
    const outsider = world.staff.find((s) => s.chat && s.shopId !== target.shopId)!
    const fixtures = {
      owner: outsider.token,
      chat: target.token,
      conversationId: target.conversationId,
      customerId: target.customerId,
      staffId: outsider.id,
      otherSecretToken: "",
    }
    for (const [template, ops] of Object.entries(doc.paths)) {
      if (!/^\/api\/(conversations|customers)\/\{id\}/.test(template)) continue
      for (const [method, op] of Object.entries(ops)) {
        if (!(op.security ?? []).some((x) => "bearer" in x)) continue
        const key = `${method.toUpperCase()} ${template}`
        const body = MODELS[key]?.validBody?.(fixtures)
        const path = template
          .replace("{id}", template.startsWith("/api/customers") ? target.customerId : target.conversationId)
          .replace("{seq}", "2")
          .replace("{emailId}", "eml_1")
        const r = await call(server.app, path, {
          method: method.toUpperCase(),
          token: outsider.token,
          ...(body === undefined ? {} : { body }),
        })
        cases++
        const text = await r.text()
        assert.strictEqual(
          r.status,
          404,
          `${outsider.id} ${key} on ${target.conversationId}: ${text.slice(0, 160)}`,
        )
        assert.notInclude(text, target.marker)
      }
    }
  }
  counted += cases
})

it("R0.2 a revoked chat permission takes effect on the next request", async () => {
  const member = world.staff.find((s) => !s.owner && s.chat) ?? world.staff.find((s) => !s.owner)
  if (member === undefined) return
  await server.client.execute({ sql: "UPDATE staff SET chat_permission = 1 WHERE id = ?", args: [member.id] })
  assert.strictEqual((await call(server.app, "/api/conversations", { token: member.token })).status, 200)
  await server.client.execute({ sql: "UPDATE staff SET chat_permission = 0 WHERE id = ?", args: [member.id] })
  assert.strictEqual((await call(server.app, "/api/conversations", { token: member.token })).status, 403)
  counted += 2
})

let counted = 0
afterAll(() => {
  // The figure SECURITY.md quotes: how many authorization cases one run checked.
  if (process.env.INBOX_REPORT_AUTHZ) console.log(`authz: cases=${counted}`)
})
