/**
 * Email both ways over real SMTP on loopback: an SMTP client (nodemailer) sends the .eml fixtures to the
 * inbox's listener, and replies reach a local SMTP server (smtp-server). Threading by each of the three keys,
 * duplicate Message-ID, quoted text and signature, auto-reply and bounce ignored, the original viewable.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc.
import { readFileSync } from "node:fs"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { TopicModel } from "@inbox/core"
import { Option } from "effect"
import nodemailer from "nodemailer"
import PostalMime, { type Email } from "postal-mime"
import { SMTPServer } from "smtp-server"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { smtpSender } from "../../src/channels/email/senders.node.ts"
import { dumpTables } from "../reliability/kit.ts"
import { seededServer, staffToken } from "./harness.ts"

const FIXTURES = join(import.meta.dirname, "../fixtures/email")
const fixture = (name: string, values: Record<string, string> = {}): string =>
  readFileSync(join(FIXTURES, name), "utf8").replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? "")

interface Received {
  readonly to: ReadonlyArray<string>
  readonly raw: string
  readonly email: Email
}
const received: Array<Received> = []
let receiver: SMTPServer
let server: Awaited<ReturnType<typeof seededServer>>
let token: string
let client: ReturnType<typeof nodemailer.createTransport>
/** When set, the transport sends our reply under this Message-ID instead of ours. */
let transportId: string | null = null

const http = async (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers)
  headers.set("authorization", `Bearer ${token}`)
  if (init.body !== undefined) headers.set("content-type", "application/json")
  return server.app.request(`http://127.0.0.1${path}`, { ...init, headers })
}

/** Sends a raw email to the listener, as another mail server would; resolves with the SMTP reply. */
const deliver = (raw: string, to = ["shop@demo.shop"], from = "ana.lopez@example.com") =>
  client.sendMail({ envelope: { from, to }, raw })

const thread = async (conversationId: string) =>
  (await (await http(`/api/conversations/${conversationId}`)).json()) as any

const customerMessages = (detail: any) =>
  detail.thread.filter((i: any) => i.event._tag === "CustomerMessageReceived").map((i: any) => i.event)

const findConversation = async (name: string): Promise<string> => {
  for (const status of ["open", "closed"]) {
    const page = (await (
      await http(`/api/conversations?status=${status}&q=${encodeURIComponent(name)}`)
    ).json()) as any
    if (page.rows.length > 0) return page.rows[0].conversationId
  }
  throw new Error(`no conversation for ${name}`)
}

/** Waits for the reply to reach the local SMTP server. */
const mailTo = async (address: string, count: number): Promise<Received> => {
  for (let i = 0; i < 400; i++) {
    const mine = received.filter((m) => m.to.includes(address))
    if (mine.length >= count) return mine[count - 1]!
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`no email #${count} to ${address}`)
}

/**
 * Waits for the outbox to record a reply's delivery past `queued`. The mail reaches the local SMTP server
 * before the transport's answer is recorded, so the status is read only once the dispatcher wrote it.
 */
const settled = async (conversationId: string, messageId: string) => {
  for (let i = 0; i < 400; i++) {
    const item = (await thread(conversationId)).thread.find((x: any) => x.event.messageId === messageId)
    if (item !== undefined && item.delivery.status !== "queued") return item
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`${messageId} never left the outbox`)
}

beforeAll(async () => {
  receiver = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks)
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: raw.toString(),
          email: await PostalMime.parse(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", () => ok()))
  const receiverPort = (receiver.server.address() as AddressInfo).port
  const smtp = smtpSender(`smtp://127.0.0.1:${receiverPort}`)
  server = await seededServer({
    smtpListen: { host: "127.0.0.1", port: 0 },
    channels: {
      webhook: { url: null, secret: "test-webhook-secret", timeoutMs: 2_000 },
      sendEmail: async (m) => {
        // A transport that gives the email a Message-ID of its own and answers it, as Cloudflare's
        // `send_email` does; off unless a test asks for it.
        // Read once: the test clears transportId as soon as the mail arrives, which can be before this
        // send's continuation runs.
        const id = transportId
        if (id === null) return smtp(m)
        await smtp({ ...m, messageId: id })
        return { messageId: `<${id}>` }
      },
      addresses: { from: "Maison Lumière <shop@demo.shop>", addresses: undefined, defaultShop: "demo" },
      publicUrl: "http://inbox.test",
      retry: { maxAttempts: 3, baseDelayMs: 20 },
      pollMs: 20,
    },
  })
  client = nodemailer.createTransport({
    host: "127.0.0.1",
    port: server.smtpPort!,
    secure: false,
    ignoreTLS: true,
  })
  token = await staffToken(server.app)
})

afterAll(async () => {
  client.close()
  await server.stop()
  await new Promise<void>((ok) => receiver.close(() => ok()))
})

describe("email over SMTP", () => {
  let conversationId = ""
  let ourMessageId = ""
  let replyTo = ""

  it("R1 a new email starts an email conversation; the thread shows it without its signature, the original whole", async () => {
    const sent = await deliver(fixture("new-thread.eml"))
    assert.match(sent.response, /^250/)
    conversationId = await findConversation("ana.lopez@example.com")
    const detail = await thread(conversationId)
    assert.strictEqual(detail.conversation.platform, "email")
    assert.strictEqual(detail.conversation.customerName, "Ana Lopez")
    const [message] = customerMessages(detail)
    assert.include(message.text, "Will the linen shirt be back in size L before Christmas?")
    assert.notInclude(message.text, "+34 600 000 000")
    assert.isTrue(message.email.trimmed)
    assert.strictEqual(message.email.subject, "Linen shirt in size L?")
    const original = await http(`/api/conversations/${conversationId}/emails/${message.email.id}`)
    assert.strictEqual(original.status, 200)
    assert.match(original.headers.get("content-type") ?? "", /^text\/plain/)
    assert.include(await original.text(), "+34 600 000 000")
  })

  it("the same Message-ID delivered again is accepted and stored once", async () => {
    const again = await deliver(fixture("new-thread.eml"))
    assert.match(again.response, /^250/)
    assert.strictEqual(customerMessages(await thread(conversationId)).length, 1)
  })

  it("R2 a reply leaves with our Message-ID, In-Reply-To/References to the customer's email, Reply-To its address, text + HTML", async () => {
    const r = await http(`/api/conversations/${conversationId}/replies`, {
      method: "POST",
      body: JSON.stringify({ clientMessageId: "mail-reply-1", text: "Yes, size L is back next week <3" }),
    })
    assert.strictEqual(r.status, 201)
    const mail = await mailTo("ana.lopez@example.com", 1)
    const e = mail.email
    assert.deepStrictEqual(mail.to, ["ana.lopez@example.com"])
    assert.strictEqual(e.subject, "Re: Linen shirt in size L?")
    assert.strictEqual(e.inReplyTo, "<CAF=ana.1@mail.example.com>")
    assert.include(e.references ?? "", "<CAF=ana.1@mail.example.com>")
    assert.match(e.messageId ?? "", /^<reply\.conv_[a-z0-9]+\.\d+@inbox\.demo\.shop>$/)
    assert.match(e.replyTo?.[0]?.address ?? "", /^shop\+[a-z0-9]{24}@demo\.shop$/)
    assert.strictEqual(e.from?.address, "shop@demo.shop")
    assert.include(e.text ?? "", "Yes, size L is back next week <3")
    // The HTML part escapes what the merchant typed.
    assert.include(e.html ?? "", "Yes, size L is back next week &lt;3")
    ourMessageId = e.messageId!
    replyTo = e.replyTo![0]!.address!
    const item = await settled(conversationId, "mail-reply-1")
    assert.strictEqual(item.delivery.status, "sent")
  })

  it("R1 threading key 1: the per-conversation reply address, with quoted history stripped", async () => {
    await deliver(fixture("reply-quoted.eml", { replyTo }), [replyTo])
    const messages = customerMessages(await thread(conversationId))
    assert.strictEqual(messages.length, 2)
    assert.strictEqual(messages[1].text, "Perfect, I will order them now.")
    assert.isTrue(messages[1].email.trimmed)
  })

  it("R1 threading key 2: In-Reply-To alone (another subject, the plain shop address)", async () => {
    await deliver(fixture("reply-in-reply-to.eml", { ourMessageId }))
    const messages = customerMessages(await thread(conversationId))
    assert.strictEqual(messages.at(-1).text, "One more question: do you ship to Madrid?")
  })

  it("R1 threading key 3: References alone, among unrelated ids", async () => {
    await deliver(fixture("reply-references.eml", { ourMessageId }))
    const messages = customerMessages(await thread(conversationId))
    assert.strictEqual(messages.length, 4)
    assert.strictEqual(messages.at(-1).text, "And is gift wrapping possible?")
  })

  it("R5 an auto-reply to our reply neither adds a message nor reopens the closed conversation", async () => {
    const closed = await http(`/api/conversations/${conversationId}/status`, {
      method: "POST",
      body: JSON.stringify({ status: "closed" }),
    })
    assert.strictEqual(closed.status, 200)
    const sent = await deliver(fixture("auto-reply.eml", { ourMessageId }))
    assert.match(sent.response, /^250/)
    const detail = await thread(conversationId)
    assert.strictEqual(detail.conversation.status, "closed")
    assert.strictEqual(customerMessages(detail).length, 4)
  })

  it("R2 a bounce of our reply fails that reply's delivery with the mail server's reason, and starts nothing", async () => {
    await deliver(fixture("bounce.eml", { ourMessageId }), ["shop@demo.shop"], "")
    const detail = await thread(conversationId)
    const item = detail.thread.find((i: any) => i.event.messageId === "mail-reply-1")
    assert.strictEqual(item.delivery.status, "failed")
    assert.strictEqual(item.delivery.reason.code, "email_bounced")
    assert.include(item.delivery.reason.detail, "552 5.2.2 Mailbox full")
    assert.strictEqual(detail.conversation.status, "closed")
    const page = (await (await http(`/api/conversations?status=open&q=mailer-daemon`)).json()) as any
    assert.strictEqual(page.rows.length, 0)
  })

  it("R10 the topic is read from the stripped text: a thank-you quoting a discount question gets no topic", async () => {
    const raw = fixture("quoted-topic.eml")
    // Guard: read whole, this email would be labelled a discount question.
    const whole = raw.slice(raw.indexOf("\n\n") + 2)
    assert.strictEqual(Option.getOrNull(TopicModel.label(whole))?.topic, "pricing_discounts")
    await deliver(raw, ["shop@demo.shop"], "lea.martin@example.fr")
    const detail = await thread(await findConversation("lea.martin@example.fr"))
    const [message] = customerMessages(detail)
    assert.strictEqual(message.text, "Great, thanks a lot.")
    assert.isTrue(message.email.trimmed)
    assert.deepStrictEqual(
      detail.thread.filter((i: any) => i.event._tag === "TopicDetected"),
      [],
    )
    // Control: the same email asking where the order is, above the same quote, is labelled by what it asks.
    const asking = raw
      .replace(
        "Great, thanks a lot.",
        "Where is my order? The tracking number shows nothing and it has not arrived.",
      )
      .replace("CAF=lea.7", "CAF=tom.1")
      .replace("From: Lea Martin <lea.martin@example.fr>", "From: Tom Bernard <tom.bernard@example.fr>")
    await deliver(asking, ["shop@demo.shop"], "tom.bernard@example.fr")
    const topics = (await thread(await findConversation("tom.bernard@example.fr"))).thread
      .filter((i: any) => i.event._tag === "TopicDetected")
      .map((i: any) => i.event.topic)
    assert.deepStrictEqual(topics, ["order_status"])
  })

  it("R18 an HTML-only email is read as text; its image is noted, never shown; scripts are just text gone", async () => {
    await deliver(fixture("html-with-image.eml"), ["shop@demo.shop"], "kenji@example.jp")
    const id = await findConversation("kenji@example.jp")
    const [message] = customerMessages(await thread(id))
    assert.include(message.text, "my order arrived")
    assert.notInclude(message.text, "<b>")
    assert.deepStrictEqual(message.attachments, [{ kind: "image", name: "broken-cup.jpg" }])
    assert.strictEqual(message.email.subject, "注文について")
  })

  it("an email without a sender is refused permanently (550), and nothing is stored", async () => {
    const before = await dumpTables(server.client)
    const error = await deliver(fixture("no-sender.eml")).then(
      () => null,
      (e: { responseCode?: number }) => e,
    )
    assert.strictEqual(error?.responseCode, 550)
    assert.strictEqual(await dumpTables(server.client), before)
  })

  it("R1 a transport that sets its own Message-ID: the customer's answer to that id still threads", async () => {
    transportId = "0123456789abcdef@transport.example"
    const r = await http(`/api/conversations/${conversationId}/replies`, {
      method: "POST",
      body: JSON.stringify({ clientMessageId: "mail-reply-2", text: "We ship everywhere in Europe." }),
    })
    assert.strictEqual(r.status, 201)
    const mail = await mailTo("ana.lopez@example.com", 2)
    assert.strictEqual(mail.email.messageId, "<0123456789abcdef@transport.example>")
    // Recorded once the transport answered (the send marks the reply sent after it).
    assert.strictEqual((await settled(conversationId, "mail-reply-2")).delivery.status, "sent")
    transportId = null
    const before = customerMessages(await thread(conversationId)).length
    await deliver(
      fixture("reply-in-reply-to.eml", { ourMessageId: "<0123456789abcdef@transport.example>" })
        .replace("CAF=ana.3", "CAF=ana.9")
        .replace("do you ship to Madrid?", "and to Lisbon?"),
    )
    const messages = customerMessages(await thread(conversationId))
    assert.strictEqual(messages.length, before + 1)
    assert.strictEqual(messages.at(-1).text, "One more question: and to Lisbon?")
    // And a bounce quoting that id fails that reply.
    await deliver(
      fixture("bounce.eml", { ourMessageId: "<0123456789abcdef@transport.example>" }).replace(
        "ABC123@mx.example.com",
        "DEF456@mx.example.com",
      ),
      ["shop@demo.shop"],
      "",
    )
    const item = (await thread(conversationId)).thread.find((i: any) => i.event.messageId === "mail-reply-2")
    assert.strictEqual(item.delivery.status, "failed")
    assert.strictEqual(item.delivery.reason.code, "email_bounced")
  })

  it("on the embedded default, any recipient reaches the demo shop", async () => {
    const sent = await deliver(fixture("reply-in-reply-to.eml", { ourMessageId: "<nobody@nowhere>" }), [
      "anyone@else.example",
    ])
    assert.match(sent.response, /^250/)
  })
})
