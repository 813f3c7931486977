/**
 * The Workers `email()` handler (Cloudflare Email Routing) in workerd, fed the same .eml fixtures as the SMTP
 * listener on Node: a new thread, a duplicate, our reply through the HTTP email API with its threading
 * headers, replies threaded by each of the three keys (quoted history stripped), an auto-reply ignored, a
 * bounce failing our reply, an unreadable email rejected.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc.

import { runDurableObjectAlarm } from "cloudflare:test"
import { env } from "cloudflare:workers"
import PostalMime from "postal-mime"
import { assert, beforeAll, describe, it } from "vitest"
import { replacedMessageId } from "../../src/channels/email/OutboundEmail.ts"
import { bindingEmailSender, mimeOf } from "../../src/do/channels.ts"
import worker from "../../src/runtime/worker.ts"
import autoReply from "../fixtures/email/auto-reply.eml?raw"
import bounce from "../fixtures/email/bounce.eml?raw"
import newThread from "../fixtures/email/new-thread.eml?raw"
import noSender from "../fixtures/email/no-sender.eml?raw"
import replyInReplyTo from "../fixtures/email/reply-in-reply-to.eml?raw"
import replyQuoted from "../fixtures/email/reply-quoted.eml?raw"
import replyReferences from "../fixtures/email/reply-references.eml?raw"
import { body, call, textReply } from "./setup/requests.ts"

/** What Email Routing hands the Worker: the envelope, the raw stream, and the reject/forward actions. */
const incoming = (raw: string, from: string, to: string) => {
  let rejected: string | null = null
  const bytes = new TextEncoder().encode(raw)
  const message: ForwardableEmailMessage = {
    from,
    to,
    headers: new Headers(),
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    canBeForwarded: true,
    setReject: (reason: string) => {
      rejected = reason
    },
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  }
  return { message, rejected: () => rejected }
}

const receive = async (raw: string, from = "ana.lopez@example.com", to = "shop@demo.shop") => {
  const m = incoming(raw, from, to)
  await worker.email(m.message, env as never)
  return m.rejected()
}

let owner: string
const fill = (raw: string, values: Record<string, string>) =>
  raw.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? "")

const customerMessages = async (conversationId: string) =>
  (await body(await call(`/api/conversations/${conversationId}`, { token: owner }))).thread.filter(
    (i: any) => i.event._tag === "CustomerMessageReceived",
  )

beforeAll(async () => {
  const r = await call("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
  })
  owner = (await body(r)).token
})

describe("R1 email() handler in workerd", () => {
  let conversationId = ""
  let ourMessageId = ""
  let replyTo = ""
  let replyText = ""

  it("stores a new email as a new email conversation, once, even delivered twice", async () => {
    assert.isNull(await receive(newThread))
    assert.isNull(await receive(newThread))
    const page = await body(await call("/api/conversations?q=ana.lopez%40example.com", { token: owner }))
    assert.strictEqual(page.rows.length, 1)
    conversationId = page.rows[0].conversationId
    assert.strictEqual(page.rows[0].platform, "email")
    const messages = await customerMessages(conversationId)
    assert.strictEqual(messages.length, 1)
    assert.notInclude(messages[0].event.text, "+34 600 000 000")
    const original = await call(`/api/conversations/${conversationId}/emails/${messages[0].event.email.id}`, {
      token: owner,
    })
    assert.include(await original.text(), "+34 600 000 000")
  })

  it("R2 the reply leaves through the HTTP email API with our Message-ID, In-Reply-To and Reply-To", async () => {
    const text = `Size L is back next week ${crypto.randomUUID()}`
    replyText = text
    const sent = await call(`/api/conversations/${conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: textReply(text),
    })
    assert.strictEqual(sent.status, 201)
    await sent.text()
    let mail: any
    for (let i = 0; i < 20 && mail === undefined; i++) {
      await runDurableObjectAlarm(env.SHOP.getByName("demo"))
      const all = (await (await fetch(`${env.RECEIVER_URL}/received`)).json()) as Array<{
        path: string
        body: string
      }>
      const found = all.find((r) => r.path === "/email" && r.body.includes(text))
      mail = found === undefined ? undefined : JSON.parse(found.body)
    }
    assert.isDefined(mail)
    assert.strictEqual(mail.to, "ana.lopez@example.com")
    assert.strictEqual(mail.subject, "Re: Linen shirt in size L?")
    assert.strictEqual(mail.headers["In-Reply-To"], "<CAF=ana.1@mail.example.com>")
    assert.match(mail.headers["Message-ID"], /^<reply\.conv_[a-z0-9]+\.\d+@inbox\./)
    assert.match(mail.reply_to, /\+[a-z0-9]{24}@/)
    assert.include(mail.html, "<p>")
    ourMessageId = mail.headers["Message-ID"]
    replyTo = mail.reply_to
  })

  it("R1 threads a reply by In-Reply-To, and ignores an auto-reply (R5)", async () => {
    assert.isNull(await receive(fill(replyInReplyTo, { ourMessageId })))
    assert.strictEqual((await customerMessages(conversationId)).length, 2)
    assert.isNull(await receive(fill(autoReply, { ourMessageId })))
    assert.strictEqual((await customerMessages(conversationId)).length, 2)
  })

  it("R1 threads by the reply address (quoted history stripped) and by References alone", async () => {
    assert.isNull(await receive(fill(replyQuoted, { replyTo }), "ana.lopez@example.com", replyTo))
    const byAddress = await customerMessages(conversationId)
    assert.strictEqual(byAddress.length, 3)
    assert.strictEqual(byAddress[2].event.text, "Perfect, I will order them now.")
    assert.isTrue(byAddress[2].event.email.trimmed)
    assert.isNull(await receive(fill(replyReferences, { ourMessageId })))
    const byReferences = await customerMessages(conversationId)
    assert.strictEqual(byReferences.length, 4)
    assert.strictEqual(byReferences[3].event.text, "And is gift wrapping possible?")
  })

  it("R2 a bounce of our reply fails its delivery with the mail server's reason (R5: it starts nothing)", async () => {
    assert.isNull(await receive(fill(bounce, { ourMessageId }), "", "shop@demo.shop"))
    const detail = await body(await call(`/api/conversations/${conversationId}`, { token: owner }))
    const reply = detail.thread.find((i: any) => i.event._tag === "ReplySent" && i.event.text === replyText)
    assert.strictEqual(reply.delivery.status, "failed")
    assert.strictEqual(reply.delivery.reason.code, "email_bounced")
    assert.include(reply.delivery.reason.detail, "552 5.2.2 Mailbox full")
    assert.strictEqual((await customerMessages(conversationId)).length, 4)
    const daemon = await body(await call("/api/conversations?q=mailer-daemon", { token: owner }))
    assert.strictEqual(daemon.rows.length, 0)
  })

  it("rejects an email with no sender, with the reason", async () => {
    const reason = await receive(noSender, "unknown@example.net")
    assert.include(reason ?? "", "no sender")
  })
})

describe("R2 send_email binding", () => {
  it("R1 sends through a real binding, and keeps the Message-ID it answers so the customer's answer threads", async () => {
    const composed = {
      shopId: "demo",
      from: { name: "Maison Lumière", address: "shop@demo.shop" },
      to: "ana.lopez@example.com",
      replyTo: "shop+abcdefghijklmnopqrstuvwx@demo.shop",
      subject: "Re: Linen shirt in size L?",
      text: "Yes",
      html: "<p>Yes</p>",
      messageId: "reply.conv_1.5@inbox.demo.shop",
      inReplyTo: "CAF=ana.1@mail.example.com",
      references: ["CAF=ana.1@mail.example.com"],
    }
    const sent = await bindingEmailSender(env.EMAIL_SANDBOX)(composed)
    // The binding answers the email's Message-ID (the local one, like Cloudflare's, sets its own): whatever
    // it is, it is the one the dispatcher records for threading.
    const answered = /^<([^<>\s]+)>$/.exec(sent?.messageId ?? "")?.[1]
    assert.isDefined(answered)
    assert.strictEqual(replacedMessageId(composed, sent) ?? composed.messageId, answered)
  })

  it("builds the reply's MIME with mimetext: our headers survive a parse, text and HTML both present", async () => {
    const raw = mimeOf({
      shopId: "demo",
      from: { name: "Maison Lumière", address: "shop@demo.shop" },
      to: "ana.lopez@example.com",
      replyTo: "shop+abcdefghijklmnopqrstuvwx@demo.shop",
      subject: "Re: Linen shirt — size L?",
      text: "Yes <3",
      html: "<p>Yes &lt;3</p>",
      messageId: "reply.conv_1.4@inbox.demo.shop",
      inReplyTo: "CAF=ana.1@mail.example.com",
      references: Array.from({ length: 12 }, (_, i) => `ref.${i}.${"x".repeat(40)}@mail.example.com`),
    })
    const e = await PostalMime.parse(raw)
    assert.strictEqual(e.messageId, "<reply.conv_1.4@inbox.demo.shop>")
    assert.strictEqual(e.inReplyTo, "<CAF=ana.1@mail.example.com>")
    assert.strictEqual(e.subject, "Re: Linen shirt — size L?")
    assert.strictEqual(e.replyTo?.[0]?.address, "shop+abcdefghijklmnopqrstuvwx@demo.shop")
    assert.strictEqual((e.references ?? "").match(/<ref\./g)?.length, 12)
    assert.strictEqual(e.text?.trim(), "Yes <3")
    assert.include(e.html ?? "", "Yes &lt;3")
    // Folded: no header line over RFC 5322's 998 characters.
    assert.isTrue(raw.split("\r\n").every((line) => line.length <= 998))
  })
})
