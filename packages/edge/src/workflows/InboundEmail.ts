/**
 * An email reaches a shop (SMTP listener on Node, Email Routing on Workers): it is parsed once, threaded
 * (reply address, then In-Reply-To, then References; else a new conversation), stored once per Message-ID
 * with its original kept whole, and received as the customer's message. Mail no person wrote is never a
 * message: a bounce of one of our replies fails that reply's delivery instead. @see R1, R2, R5
 */
import { AutomatedMail, EmailThreading, type Ids } from "@inbox/core"
import { Cause, Clock, Effect, Exit, Schema } from "effect"
import { EmailSettings } from "../channels/email/EmailSettings.ts"
import { EmailUnreadable, type Envelope, type ParsedEmail, parseEmail } from "../channels/email/parse.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { Deliveries } from "../repo/Deliveries.ts"
import { Emails } from "../repo/Emails.ts"
import { ImageStore } from "../repo/Images.ts"
import { customerFor, receiveMessage, shopOrFail, startConversation } from "./Inbound.ts"

/** The email cannot be taken (not MIME, no sender, too large): refused permanently, never retried. */
export class EmailRejected extends Schema.TaggedError<EmailRejected>()("EmailRejected", {
  reason: Schema.String,
}) {}

export type EmailOutcome =
  | {
      readonly _tag: "Received"
      readonly conversationId: Ids.ConversationId
      readonly seq: number
      /** The key that found the conversation, or `New` for a new thread. */
      readonly threadedBy: EmailThreading.ThreadKey["_tag"] | "New"
    }
  | { readonly _tag: "Duplicate"; readonly conversationId: Ids.ConversationId }
  | {
      readonly _tag: "Ignored"
      readonly kind: Exclude<AutomatedMail.MailKind, "person">
      /** The reply a bounce reported undeliverable, now failed. */
      readonly bounced: { readonly conversationId: string; readonly seq: number } | null
    }

const hex = async (text: string): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")

const TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

/** 24 characters of [a-z0-9]: about 124 bits, so a reply address cannot be guessed. */
export const newReplyToken = (): string =>
  [...crypto.getRandomValues(new Uint8Array(24))].map((b) => TOKEN_ALPHABET[b % 36]).join("")

/**
 * The original's key in the blob store, beside the shop's images (`eml_` ids never collide with image ids,
 * and the image route finds only ids of its own table).
 */
export const emailKey = (shopId: string, emailId: string): string => `${shopId}/${emailId}`

/** A delivery report names its own id and the original's: a few lookups at most. */
const MAX_BOUNCE_IDS = 10

/**
 * The Message-IDs a delivery report quotes (its own, the original's in its attached headers), and its reason.
 * Any domain: a transport may have sent our reply under an id of its own (recorded beside ours); only ids
 * of our sent replies match one below.
 */
const bounceFacts = (raw: Uint8Array) => {
  const text = new TextDecoder().decode(raw.subarray(0, 512 * 1024))
  const ids = [...new Set([...text.matchAll(/^message-id:\s*<([^<>\s]+)>/gim)].map((m) => m[1] ?? ""))].slice(
    0,
    MAX_BOUNCE_IDS,
  )
  const diagnostic = /^diagnostic-code:\s*(?:smtp;\s*)?(.+)$/im.exec(text)?.[1]?.trim()
  const status = /^status:\s*([245]\.\d+\.\d+)/im.exec(text)?.[1]
  return {
    ids,
    reason: (diagnostic ?? (status === undefined ? "no reason given" : `status ${status}`)).slice(0, 300),
  }
}

/** A bounce of one of our replies: that reply's delivery fails with the report's reason. */
const failBouncedReply = Effect.fn("InboundEmail.failBouncedReply")(function* (
  shopId: Ids.ShopId,
  raw: Uint8Array,
) {
  const facts = bounceFacts(raw)
  const emails = yield* Emails
  for (const id of facts.ids) {
    const sent = yield* emails.byMessageId(shopId, id)
    if (sent === null || sent.direction !== "out" || sent.seq === null) continue
    const now = yield* Clock.currentTimeMillis
    const failed = yield* (yield* Deliveries).markBounced(
      shopId,
      sent.conversationId,
      sent.seq,
      { code: "email_bounced", detail: facts.reason },
      now,
    )
    if (failed !== null)
      yield* (yield* Broadcaster).deliveryUpdated(
        shopId,
        sent.conversationId as Ids.ConversationId,
        sent.seq,
        failed,
      )
    return { conversationId: sent.conversationId, seq: sent.seq }
  }
  return null
})

/** Parses with the deployment's own addresses, so our mail coming back is recognised as a loop. */
export const readEmail = Effect.fn("InboundEmail.readEmail")(function* (
  raw: Uint8Array<ArrayBuffer>,
  envelope: Envelope,
) {
  const settings = yield* EmailSettings
  return yield* Effect.tryPromise({
    try: () =>
      parseEmail(raw, envelope, {
        addresses: settings.ownAddresses,
        messageIdDomain: settings.messageIdDomain,
      }),
    catch: (e) => new EmailRejected({ reason: e instanceof EmailUnreadable ? e.message : String(e) }),
  })
})

export const receiveEmail = Effect.fn("InboundEmail.receive")(function* (
  shopId: string,
  raw: Uint8Array<ArrayBuffer>,
  envelope: Envelope,
) {
  const shop = yield* shopOrFail(shopId)
  const settings = yield* EmailSettings
  const email: ParsedEmail = yield* readEmail(raw, envelope)
  if (!AutomatedMail.mayStartOrReopen(email.kind)) {
    const bounced = email.kind === "bounce" ? yield* failBouncedReply(shop.id, raw) : null
    const outcome: EmailOutcome = {
      _tag: "Ignored",
      kind: email.kind as Exclude<AutomatedMail.MailKind, "person">,
      bounced,
    }
    return outcome
  }
  const emails = yield* Emails
  const seen = yield* emails.byMessageId(shop.id, email.messageId)
  if (seen !== null && seen.seq !== null) {
    const outcome: EmailOutcome = {
      _tag: "Duplicate",
      conversationId: seen.conversationId as Ids.ConversationId,
    }
    return outcome
  }

  const keys = EmailThreading.threadKeys(
    {
      recipients: email.recipients,
      inReplyTo: email.inReplyTo,
      references: email.references.map(EmailThreading.bracket).join(" "),
    },
    settings.addressOf(shop.id).base,
  )
  const known = yield* emails.known(
    shop.id,
    keys.flatMap((k) => (k._tag === "ReplyAddress" ? [k.token] : [])),
    keys.flatMap((k) => (k._tag === "ReplyAddress" ? [] : [k.messageId])),
  )
  const thread = EmailThreading.resolveThread(keys, known)
  const now = yield* Clock.currentTimeMillis
  // The id of the original follows from the Message-ID: a redelivery stores the same bytes under the same key.
  const emailId = `eml_${(yield* Effect.promise(() => hex(`${shop.id}\n${email.messageId}`))).slice(0, 32)}`
  const conversationId =
    thread?.conversation ??
    (yield* Effect.gen(function* () {
      const customer = yield* customerFor(shop, {
        clientId: `email:${email.from.address}`,
        name: email.from.name || email.from.address,
        email: email.from.address,
      })
      return yield* startConversation(shop, {
        key: `inbound-email-start:${email.messageId}`,
        customerId: customer.id,
        platform: "email",
        customerEmail: email.from.address,
      })
    }))
  // The thread's reply address exists before anyone answers, and keeps the first subject for `Re:`.
  yield* emails.ensureThread(shop.id, conversationId, newReplyToken(), email.subject, now)
  const rawKey = emailKey(shop.id, emailId)
  yield* (yield* ImageStore).put(rawKey, raw)
  const received = yield* receiveMessage(shop, conversationId, {
    key: `inbound-email:${email.messageId}`,
    messageId: emailId as Ids.MessageId,
    text: email.text,
    email: { id: emailId as Ids.EmailId, subject: email.subject ?? "", trimmed: email.trimmed },
    attachments: email.attachments,
  })
  yield* emails.record({
    id: emailId,
    shopId: shop.id,
    conversationId: received.conversationId,
    messageId: email.messageId,
    direction: "in",
    references: email.references,
    fromAddress: email.from.address,
    subject: email.subject,
    seq: received.seq,
    rawKey,
    byteSize: raw.byteLength,
    createdAt: now,
  })
  const outcome: EmailOutcome = {
    _tag: "Received",
    conversationId: received.conversationId,
    seq: received.seq,
    threadedBy: thread?.by._tag ?? "New",
  }
  return outcome
})

/** Errors that say the email itself cannot be taken: the same bytes again would fail the same way. */
const PERMANENT = new Set([
  "EmailRejected",
  "ShopNotFound",
  "MessageEmpty",
  "MessageTooLong",
  "CustomerEmailRequired",
  "CustomerCannotSendImages",
])

/**
 * What a mail server is told: `accepted` once stored; `rejected` (5xx, the sender bounces it with the reason)
 * when the email itself cannot be taken; `retry` (4xx, the sender keeps it and tries later) otherwise.
 */
export type EmailVerdict =
  | { readonly _tag: "accepted"; readonly outcome: EmailOutcome }
  | { readonly _tag: "rejected"; readonly reason: string }
  | { readonly _tag: "retry"; readonly reason: string }

export const verdictOf = (exit: Exit.Exit<EmailOutcome, unknown>): EmailVerdict => {
  if (Exit.isSuccess(exit)) return { _tag: "accepted", outcome: exit.value }
  const failure = exit.cause.reasons.find(Cause.isFailReason)?.error as
    | { readonly _tag?: string; readonly reason?: unknown }
    | undefined
  if (failure?._tag !== undefined && PERMANENT.has(failure._tag))
    return {
      _tag: "rejected",
      reason: typeof failure.reason === "string" ? failure.reason : `refused (${failure._tag})`,
    }
  return { _tag: "retry", reason: String(Cause.squash(exit.cause)) }
}
