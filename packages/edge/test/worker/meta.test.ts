/**
 * Meta's webhook in workerd, each shop in its own Durable Object: the Worker answers the handshake, checks
 * X-Hub-Signature-256 over the raw bytes and hands each entry to the shop that connected the page.
 */
import { env } from "cloudflare:workers"
import { assert, beforeAll, describe, it } from "vitest"
import { sign } from "../../src/auth/Signature.ts"
import * as Meta from "../fixtures/meta/payloads.ts"
import { body, call } from "./setup/requests.ts"

const PAGE = "2000000000000001"
let owner: string

const deliver = async (payload: unknown, secret = env.INBOX_META_APP_SECRET) => {
  const text = JSON.stringify(payload)
  return call("/api/webhooks/meta", {
    method: "POST",
    headers: { "x-hub-signature-256": await sign(secret, text) },
    body: text,
  })
}

beforeAll(async () => {
  const r = await call("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
  })
  owner = (await body(r)).token
  const connected = await call("/api/channels/meta", {
    method: "PUT",
    token: owner,
    body: JSON.stringify({
      platform: "messenger",
      accountId: PAGE,
      pageId: PAGE,
      name: "Maison Lumière",
      accessToken: "EAAB-test",
    }),
  })
  assert.strictEqual(connected.status, 200)
})

describe("R1 Meta's webhook on Workers", () => {
  it("echoes the challenge for the verify token only", async () => {
    const ok = await call(
      `/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=${env.INBOX_META_VERIFY_TOKEN}&hub.challenge=42`,
    )
    assert.strictEqual(await ok.text(), "42")
    const bad = await call("/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42")
    assert.strictEqual(bad.status, 403)
  })

  it("stores a signed message once in the shop's object; a bad signature is refused", async () => {
    const ids = { account: PAGE, customer: `psid-${crypto.randomUUID()}` }
    const payload = Meta.envelope("page", [
      {
        id: PAGE,
        time: Date.now(),
        events: [Meta.textMessage(ids, `mid.${ids.customer}`, "Bonjour depuis Messenger", Date.now())],
      },
    ])
    const forged = await deliver(payload, "not-the-app-secret")
    assert.strictEqual(forged.status, 401)
    assert.strictEqual((await deliver(payload)).status, 200)
    assert.strictEqual((await deliver(payload)).status, 200)
    const page = await body(await call(`/api/conversations?q=${ids.customer.slice(-4)}`, { token: owner }))
    assert.strictEqual(page.rows.length, 1)
    const thread = (
      await body(await call(`/api/conversations/${page.rows[0].conversationId}`, { token: owner }))
    ).thread
    const messages = thread.filter(
      (i: { event: { _tag: string } }) => i.event._tag === "CustomerMessageReceived",
    )
    assert.strictEqual(messages.length, 1)
    assert.strictEqual(page.rows[0].platform, "messenger")
  })
})
