/**
 * Channels (R2) against real local receivers: SMTP (smtp-server) for email replies, an HTTP receiver for
 * signed platform webhooks; retry with backoff, failed after the retry budget, and signed inbound webhooks.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc.
import { createServer, type Server as HttpServer } from "node:http"
import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { shopWebhookSecret, sign, signForShop, verify } from "../../src/auth/Signature.ts"
import { runOnce } from "../../src/channels/Dispatcher.ts"
import { smtpSender } from "../../src/channels/email/senders.node.ts"
import { seededServer } from "./harness.ts"

const SECRET = "test-webhook-secret"

interface Mail {
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

const mails: Array<Mail> = []
let smtpRejectsNext = 0
let smtp: SMTPServer
let smtpPort = 0

interface Hook {
  readonly body: any
  readonly signatureValid: boolean
}
const hooks: Array<Hook> = []
let receiverStatus = 200
let receiver: HttpServer
let receiverPort = 0

let server: Awaited<ReturnType<typeof seededServer>>
let owner: string

const http = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  return server.app.request(`http://127.0.0.1${path}`, { ...init, headers })
}

/** Waits until the reply's delivery satisfies `pred` (the dispatcher runs in the background). */
const deliveryOf = async (conversationId: string, messageId: string, pred: (d: any) => boolean) => {
  for (let i = 0; i < 400; i++) {
    const detail = (await (
      await http(`/api/conversations/${conversationId}`, { token: owner })
    ).json()) as any
    const item = detail.thread.find((x: any) => x.event.messageId === messageId)
    if (item !== undefined && pred(item.delivery)) return item.delivery
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`delivery of ${messageId} never matched`)
}

const reply = async (conversationId: string, clientMessageId: string, text: string) => {
  const r = await http(`/api/conversations/${conversationId}/replies`, {
    method: "POST",
    token: owner,
    body: JSON.stringify({ clientMessageId, text }),
  })
  assert.strictEqual(r.status, 201)
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, callback) {
      if (smtpRejectsNext > 0) {
        smtpRejectsNext--
        return callback(new Error("Mailbox temporarily unavailable"))
      }
      callback()
    },
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
  smtpPort = (smtp.server.address() as AddressInfo).port

  receiver = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", async () => {
      const raw = new Uint8Array(Buffer.concat(chunks))
      hooks.push({
        body: JSON.parse(Buffer.from(raw).toString()),
        signatureValid: await verify(
          await shopWebhookSecret(SECRET, "demo"),
          raw,
          req.headers["x-inbox-signature"] as string | undefined,
        ),
      })
      res.statusCode = receiverStatus
      res.end()
    })
  })
  await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", () => ok()))
  receiverPort = (receiver.address() as AddressInfo).port

  server = await seededServer({
    webhookSecret: SECRET,
    channels: {
      webhook: { url: `http://127.0.0.1:${receiverPort}/hooks`, secret: SECRET, timeoutMs: 2_000 },
      sendEmail: smtpSender(`smtp://127.0.0.1:${smtpPort}`),
      addresses: { from: "Maison Lumière <shop@demo.shop>", addresses: undefined, defaultShop: "demo" },
      retry: { maxAttempts: 3, baseDelayMs: 20 },
      pollMs: 20,
    },
  })
  const login = await http("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
  })
  owner = ((await login.json()) as any).token
})

afterAll(async () => {
  await server.stop()
  await new Promise<void>((ok) => smtp.close(() => ok()))
  await new Promise<void>((ok) => receiver.close(() => ok()))
})

describe("email", () => {
  it("R2 a reply to an email conversation is sent by SMTP to the customer, then marked sent", async () => {
    await reply("conv_james", "mail-1", "Your refund is on its way.")
    const delivery = await deliveryOf("conv_james", "mail-1", (d) => d.status !== "queued")
    assert.strictEqual(delivery.status, "sent")
    assert.strictEqual(delivery.channel, "email")
    const mail = mails.find((m) => m.raw.includes("Your refund is on its way."))
    assert.isDefined(mail)
    assert.deepStrictEqual(mail!.to, ["james.whitfield@example.co.uk"])
  })

  it("retries after a failure with backoff and then succeeds, delivering once", async () => {
    smtpRejectsNext = 1
    await reply("conv_noah", "mail-2", "Address updated.")
    const delivery = await deliveryOf("conv_noah", "mail-2", (d) => d.status === "sent")
    assert.strictEqual(delivery.attempts, 2)
    assert.isNull(delivery.reason)
    assert.strictEqual(mails.filter((m) => m.raw.includes("Address updated.")).length, 1)
  })
})

describe("platform webhooks", () => {
  it("R2 a reply on shop_app is POSTed to the webhook URL, signed with HMAC", async () => {
    receiverStatus = 200
    await reply("conv_maria", "hook-1", "¡Gracias María!")
    const delivery = await deliveryOf("conv_maria", "hook-1", (d) => d.status !== "queued")
    assert.strictEqual(delivery.status, "sent")
    const hook = hooks.find((h) => h.body.reply?.messageId === "hook-1")
    assert.isDefined(hook)
    assert.isTrue(hook!.signatureValid)
    assert.strictEqual(hook!.body.platform, "shop_app")
    assert.strictEqual(hook!.body.customerId, "cus_maria")
  })

  it("is marked failed, with the reason, once the retry budget is spent", async () => {
    receiverStatus = 500
    await reply("conv_liam", "hook-2", "Pickup is free.")
    const delivery = await deliveryOf("conv_liam", "hook-2", (d) => d.status === "failed")
    assert.strictEqual(delivery.attempts, 3)
    assert.deepStrictEqual(delivery.reason, { code: "webhook_rejected", detail: "500" })
    assert.strictEqual(hooks.filter((h) => h.body.reply?.messageId === "hook-2").length, 3)
    receiverStatus = 200
  })

  it("dispatchers sharing the database never send a reply twice (deliveries are claimed)", async () => {
    receiverStatus = 200
    const ids = Array.from({ length: 6 }, (_, i) => `claim-${i}`)
    for (const id of ids) await reply("conv_olivia", id, `Reply ${id}`)
    // Several passes at once, beside the server's own dispatcher.
    for (let i = 0; i < 4; i++)
      await Promise.all(
        [1, 2, 3].map(() => server.runtime.runPromise(runOnce({ maxAttempts: 3, baseDelayMs: 20 }))),
      )
    for (const id of ids) await deliveryOf("conv_olivia", id, (d) => d.status === "sent")
    for (const id of ids)
      assert.strictEqual(hooks.filter((h) => h.body.reply?.messageId === id).length, 1, id)
  })

  it("inbound: a signed message creates a customer message once; a bad signature is refused", async () => {
    const body = JSON.stringify({
      messageId: "ig-msg-1",
      externalCustomerId: "ig-4242",
      name: "Léa",
      email: null,
      text: "Do you have the candle in stock?",
    })
    const post = async (signature: string) =>
      http("/api/webhooks/instagram/demo", {
        method: "POST",
        headers: { "x-inbox-signature": signature },
        body,
      })
    const forged = await post(await sign("wrong-secret", body))
    assert.strictEqual(forged.status, 401)
    assert.strictEqual(((await forged.json()) as any).error.code, "WebhookSignatureInvalid")
    const first = await post(await signForShop(SECRET, "demo", body))
    assert.strictEqual(first.status, 202)
    const { conversationId } = (await first.json()) as any
    const again = await post(await signForShop(SECRET, "demo", body))
    assert.strictEqual(((await again.json()) as any).conversationId, conversationId)
    const detail = (await (
      await http(`/api/conversations/${conversationId}`, { token: owner })
    ).json()) as any
    assert.strictEqual(detail.conversation.platform, "instagram")
    assert.strictEqual(detail.conversation.customerName, "Léa")
    assert.strictEqual(detail.thread.filter((i: any) => i.event._tag === "CustomerMessageReceived").length, 1)
  })
})

describe("custom platform format", () => {
  it("the OpenAPI document gives the custom platform both directions: inbound, receipts, and the signed reply it receives", async () => {
    const doc = (await (await http("/api/openapi.json")).json()) as any
    assert.match(doc.paths["/api/webhooks/{platform}/{shopId}"].post.summary, /^Custom platform/)
    const hook = doc.webhooks.customPlatformReply.post
    assert.deepStrictEqual(hook.security, [{ signature: [] }])
    const schema = hook.requestBody.content["application/json"].schema
    const props = schema.properties ?? doc.components.schemas[schema.$ref?.split("/").pop()]?.properties
    assert.includeMembers(Object.keys(props), [
      "shopId",
      "platform",
      "conversationId",
      "customerId",
      "seq",
      "reply",
    ])
  })
})
