/**
 * The shopper's email is the `to` of every reply sent once they leave (R2, R9): it must be exactly one
 * mailbox. Checked at the chat start and on platform messages (422 CustomerEmailInvalid, EN/FR), and again
 * before a real SMTP server is handed anything, for addresses stored before the check existed.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc.

import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { signForShop } from "../../src/auth/Signature.ts"
import { runOnce } from "../../src/channels/Dispatcher.ts"
import { smtpSender } from "../../src/channels/email/senders.node.ts"
import { call, dumpTables, login } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

const SECRET = "test-webhook-secret"
const RETRY = { maxAttempts: 2, baseDelayMs: 1 }
const mails: Array<{ readonly to: ReadonlyArray<string>; readonly raw: string }> = []
let smtp: SMTPServer
let server: Awaited<ReturnType<typeof seededServer>>
let owner: string

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = ""
      stream.on("data", (c: Buffer) => {
        raw += c.toString()
      })
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((ok) => smtp.listen(0, "127.0.0.1", () => ok()))
  const port = (smtp.server.address() as AddressInfo).port
  server = await seededServer({
    graceMs: 30,
    channels: {
      webhook: { url: null, secret: SECRET, timeoutMs: 2_000 },
      sendEmail: smtpSender(`smtp://127.0.0.1:${port}`),
      addresses: { from: "Maison Lumière <shop@demo.shop>", addresses: undefined, defaultShop: "demo" },
      retry: RETRY,
      // Deliveries run only when a test says so.
      pollMs: 3_600_000,
    },
  })
  owner = (await login(server.app, "owner@demo.shop")).token
})

afterAll(async () => {
  await server.stop()
  await new Promise<void>((ok) => smtp.close(() => ok()))
})

const startChat = (email: string | null, clientId: string, locale = "en") =>
  call(server.app, "/api/store/demo/chat", {
    method: "POST",
    headers: { "accept-language": locale },
    body: { email, origin: DEMO_STOREFRONT, clientId },
  })

describe("M2 a shopper's email is exactly one valid address", () => {
  it("a list, a second address after ';', a group, a quoted comma or a bare host is refused with 422, in EN and FR", async () => {
    const hostile = [
      "a@x.example, b@y.example, c@z.example",
      "Name <x@shop.example>; y@shop.example",
      "team: a@x.example, b@y.example;",
      '"a,b"@x.example',
      "zoe@gmail",
      "a@@x.example",
      "not an email",
    ]
    for (const [i, email] of hostile.entries()) {
      const before = await dumpTables(server.client)
      const en = await startChat(email, `m2-client-${i}-en`)
      const body = (await en.json()) as any
      assert.strictEqual(en.status, 422, `${email}: ${JSON.stringify(body)}`)
      assert.strictEqual(body.error.code, "CustomerEmailInvalid")
      assert.match(body.error.message, /not valid/)
      const fr = (await (await startChat(email, `m2-client-${i}-fr`, "fr")).json()) as any
      assert.match(fr.error.message, /n'est pas valide/)
      assert.strictEqual(await dumpTables(server.client), before, `${email}: nothing is stored`)
    }
  })

  it("a header smuggled after CR/LF is refused before it reaches the workflow (400)", async () => {
    const r = await startChat("x@shop.example\r\nBcc: injected@evil.example", "m2-client-crlf")
    assert.strictEqual(r.status, 400)
    assert.strictEqual(((await r.json()) as any).error.code, "InvalidRequest")
  })

  it("a signed platform message with a list as its email is refused (422), nothing stored", async () => {
    const body = JSON.stringify({
      messageId: "m2-webhook-1",
      externalCustomerId: "ext-m2",
      name: "Mallory",
      email: "a@x.example, b@y.example",
      text: "hello",
    })
    const before = await dumpTables(server.client)
    const r = await call(server.app, "/api/webhooks/messenger/demo", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-inbox-signature": await signForShop(SECRET, "demo", body),
      },
      body,
    })
    assert.strictEqual(r.status, 422)
    assert.strictEqual(((await r.json()) as any).error.code, "CustomerEmailInvalid")
    assert.strictEqual(await dumpTables(server.client), before)
  })

  it("a valid address with a display name is kept as the bare address, and the reply goes to that one mailbox", async () => {
    const started = await startChat("Zoé Garnier <zoe.garnier@example.fr>", "m2-client-valid")
    assert.strictEqual(started.status, 201)
    const { conversationId } = (await started.json()) as any
    const detail = (await (
      await call(server.app, `/api/conversations/${conversationId}`, { token: owner })
    ).json()) as any
    assert.strictEqual(detail.conversation.customerEmail, "zoe.garnier@example.fr")
    // No socket ever opened: after the grace period the shopper counts as gone, so the reply goes by email.
    let presence = ""
    for (let i = 0; i < 200 && presence !== "offline_email"; i++) {
      const now = (await (
        await call(server.app, `/api/conversations/${conversationId}`, { token: owner })
      ).json()) as any
      presence = now.conversation.presence._tag
      if (presence !== "offline_email") await new Promise((r) => setTimeout(r, 20))
    }
    assert.strictEqual(presence, "offline_email")
    const sent = await call(server.app, `/api/conversations/${conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: { clientMessageId: "m2-reply-valid", text: "Your parcel left today." },
    })
    assert.strictEqual(sent.status, 201)
    await server.runtime.runPromise(runOnce(RETRY))
    const mail = mails.find((m) => m.raw.includes("Your parcel left today."))
    const after = (await (
      await call(server.app, `/api/conversations/${conversationId}`, { token: owner })
    ).json()) as any
    assert.deepStrictEqual(mail?.to, ["zoe.garnier@example.fr"], JSON.stringify(after.thread.at(-1)))
  })

  it("an address list stored before the check is never handed to the mailer: the delivery fails with a reason", async () => {
    const sent = await call(server.app, "/api/conversations/conv_james/replies", {
      method: "POST",
      token: owner,
      body: { clientMessageId: "m2-reply-stored", text: "Refund issued, see attached." },
    })
    assert.strictEqual(sent.status, 201)
    await server.client.execute(
      "update outbox set recipient = 'james.whitfield@example.co.uk, injected@evil.example' where status = 'queued' and conversation_id = 'conv_james'",
    )
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      await server.runtime.runPromise(runOnce(RETRY))
      await new Promise((r) => setTimeout(r, 5))
    }
    assert.isUndefined(
      mails.find((m) => m.raw.includes("Refund issued, see attached.")),
      "no mail was sent to the stored list",
    )
    const detail = (await (
      await call(server.app, "/api/conversations/conv_james", { token: owner })
    ).json()) as any
    const item = detail.thread.find((x: any) => x.event.messageId === "m2-reply-stored")
    assert.strictEqual(item.delivery.status, "failed")
    assert.deepStrictEqual(item.delivery.reason, { code: "email_address_invalid" })
  })
})
