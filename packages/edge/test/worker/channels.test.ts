/**
 * Channels on Workers (R2): a reply to an email conversation goes to the HTTP email provider and one to a
 * platform conversation goes out as a signed webhook, both delivered from the shop object's alarm, and the
 * thread shows them sent.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc.

import { runDurableObjectAlarm } from "cloudflare:test"
import { env, exports } from "cloudflare:workers"
import { assert, beforeAll, describe, it } from "vitest"
import { SIGNATURE_HEADER, shopWebhookSecret, sign, signForShop, verify } from "../../src/auth/Signature.ts"
import { textReply } from "./setup/requests.ts"

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  return exports.default.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers }))
}
const body = async (r: Response) => (await r.json()) as Record<string, any>
const received = async () =>
  (await (await fetch(`${env.RECEIVER_URL}/received`)).json()) as Array<{
    path: string
    headers: Record<string, string>
    body: string
  }>

let owner: string
let rows: Array<any>

beforeAll(async () => {
  const r = await call("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
  })
  owner = (await body(r)).token
  rows = (await body(await call("/api/conversations?limit=100", { token: owner }))).rows
  rows = rows.concat(
    (await body(await call("/api/conversations?limit=100&status=closed", { token: owner }))).rows,
  )
})

/** Sends a reply and runs the shop's alarm until the reply's delivery is no longer queued. */
const replyAndDeliver = async (conversationId: string, text: string) => {
  const sent = await call(`/api/conversations/${conversationId}/replies`, {
    method: "POST",
    token: owner,
    body: textReply(text),
  })
  assert.strictEqual(sent.status, 201)
  await sent.text()
  for (;;) {
    const thread = (await body(await call(`/api/conversations/${conversationId}`, { token: owner }))).thread
    const item = thread.find((i: any) => i.event._tag === "ReplySent" && i.event.text === text)
    if (item.delivery.status !== "queued") return item
    await runDurableObjectAlarm(env.SHOP.getByName("demo"))
  }
}

describe("R2 delivery from the shop's Durable Object", () => {
  it("emails a reply to an email conversation through the HTTP provider", async () => {
    const row = rows.find((r) => r.platform === "email")
    assert.isDefined(row)
    const text = `Votre commande est partie ${crypto.randomUUID()}`
    const item = await replyAndDeliver(row.conversationId, text)
    assert.strictEqual(item.delivery.status, "sent")
    const email = (await received()).find((r) => r.path === "/email" && r.body.includes(text))
    assert.isDefined(email)
    const message = JSON.parse(email?.body ?? "{}")
    assert.strictEqual(message.to, item.event.route.to)
    assert.strictEqual(message.text, text)
  })

  it("posts a reply to a platform conversation as a webhook signed with the shop's secret", async () => {
    const row = rows.find(
      (r) => r.platform === "instagram" || r.platform === "messenger" || r.platform === "shop_app",
    )
    assert.isDefined(row)
    const text = `Merci pour votre message ${crypto.randomUUID()}`
    const item = await replyAndDeliver(row.conversationId, text)
    assert.strictEqual(item.delivery.status, "sent")
    const hook = (await received()).find((r) => r.path === "/webhook" && r.body.includes(text))
    assert.isDefined(hook)
    const signature = hook?.headers[SIGNATURE_HEADER] ?? ""
    const signed = new TextEncoder().encode(hook?.body ?? "")
    assert.isTrue(await verify(await shopWebhookSecret(env.INBOX_WEBHOOK_SECRET, "demo"), signed, signature))
    // The deployment secret itself no longer signs: each shop has its own.
    assert.isFalse(await verify(env.INBOX_WEBHOOK_SECRET, signed, signature))
    assert.isFalse(await verify("another secret", signed, signature))
    assert.strictEqual(JSON.parse(hook?.body ?? "{}").platform, row.platform)
  })

  it("takes a signed inbound platform message into the shop's object, and refuses a bad signature", async () => {
    const message = JSON.stringify({
      messageId: `msg_${crypto.randomUUID().replaceAll("-", "")}`,
      externalCustomerId: `ig-${crypto.randomUUID()}`,
      name: "Léa Moreau",
      email: null,
      text: "Bonjour, la lampe existe-t-elle en noir ?",
    })
    const forged = await call("/api/webhooks/instagram/demo", {
      method: "POST",
      headers: { [SIGNATURE_HEADER]: await sign("not the secret", message) },
      body: message,
    })
    assert.strictEqual(forged.status, 401)
    assert.strictEqual((await body(forged)).error.code, "WebhookSignatureInvalid")
    const accepted = await call("/api/webhooks/instagram/demo", {
      method: "POST",
      headers: { [SIGNATURE_HEADER]: await signForShop(env.INBOX_WEBHOOK_SECRET, "demo", message) },
      body: message,
    })
    assert.strictEqual(accepted.status, 202)
    const { conversationId } = await body(accepted)
    const thread = (await body(await call(`/api/conversations/${conversationId}`, { token: owner }))).thread
    assert.isTrue(thread.some((i: any) => i.event.text === "Bonjour, la lampe existe-t-elle en noir ?"))
  })
})
