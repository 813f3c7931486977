/**
 * A reply as an email: our own Message-ID, In-Reply-To/References pointing at the customer's last email,
 * Reply-To the conversation's reply address, a text and an HTML part. Composed here once; each runtime's
 * sender (SMTP, an HTTP API, the `send_email` binding, the local capture) only transmits it. @see R2
 */
import { EmailThreading, type Event, type Ids, Money } from "@inbox/core"
import { Effect } from "effect"
import type { StoreUnavailable } from "../../db/Database.ts"
import { parseEmailAddress } from "../../email/EmailAddress.ts"
import { Directory } from "../../repo/Directory.ts"
import { Emails } from "../../repo/Emails.ts"
import type { OutboxEntry } from "../../repo/Outbox.ts"
import { newReplyToken } from "../../workflows/InboundEmail.ts"
import { DeliveryFailed } from "../Channels.ts"
import { EmailSettings } from "./EmailSettings.ts"

export interface OutgoingEmail {
  /** The shop replying (the local capture files each shop's mail apart). */
  readonly shopId: string
  readonly from: { readonly name: string; readonly address: string }
  readonly to: string
  readonly replyTo: string
  readonly subject: string
  readonly text: string
  readonly html: string
  /** Without angle brackets. */
  readonly messageId: string
  readonly inReplyTo: string | null
  readonly references: ReadonlyArray<string>
}

/**
 * What a transport tells of the email it took: the Message-ID it carries when the transport set its own
 * (Cloudflare's `send_email` answers `{ messageId }`), so a customer's answer to that id still threads.
 */
export interface EmailSent {
  readonly messageId?: string
}

/** Transmits one composed email; rejects with a reason the merchant can act on. */
export type EmailSender = (email: OutgoingEmail) => Promise<EmailSent | undefined>

/**
 * The id a transport gave our email when it differs from the one we composed (brackets dropped), so it is
 * recorded beside ours; null when it kept ours or told nothing usable. @see R1
 */
export const replacedMessageId = (
  composed: OutgoingEmail,
  sent: EmailSent | undefined,
): EmailThreading.MessageIdValue | null => {
  const id = EmailThreading.messageIdOf(sent?.messageId)
  return id === null || id === composed.messageId ? null : id
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  )

/** Only absolute http(s) links go into a customer's mailbox. */
const httpUrl = (url: string | null, base: string | null): string | null => {
  if (url === null) return null
  try {
    const u = base === null ? new URL(url) : new URL(url, base)
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null
  } catch {
    return null
  }
}

type Reply = Extract<Event.ConversationEvent, { _tag: "ReplySent" | "AutomaticReplySent" }>

/** The reply's text and HTML bodies: its words, the shared products, the code, the image (by link). */
export const renderReply = (
  reply: Reply,
  options: { readonly publicUrl: string | null; readonly locale: string },
): { readonly text: string; readonly html: string } => {
  const lines: Array<string> = [reply.text]
  const html: Array<string> = [`<p>${escapeHtml(reply.text).replace(/\r?\n/g, "<br>")}</p>`]
  if (reply._tag === "ReplySent") {
    for (const p of reply.products) {
      const price = Money.format(p.price, options.locale)
      const url = httpUrl(p.url, options.publicUrl)
      lines.push(`${p.title} (${price})${url === null ? "" : `: ${url}`}`)
      html.push(
        `<p>${url === null ? escapeHtml(p.title) : `<a href="${escapeHtml(url)}">${escapeHtml(p.title)}</a>`} (${escapeHtml(price)})</p>`,
      )
    }
    if (reply.discount !== null) {
      lines.push(`Code: ${reply.discount.code}`)
      html.push(`<p><strong>Code: ${escapeHtml(reply.discount.code)}</strong></p>`)
    }
    const image = reply.image === null ? null : httpUrl(`/api/images/${reply.image.id}`, options.publicUrl)
    if (image !== null) {
      lines.push(image)
      html.push(`<p><img src="${escapeHtml(image)}" alt="" style="max-width:100%"></p>`)
    }
  }
  return {
    text: lines.filter((l) => l.trim() !== "").join("\n\n"),
    html: `<!doctype html><html><body>${html.join("")}</body></html>`,
  }
}

/** Our Message-ID for a reply: the same on every attempt, so a retried send is one message to mail clients. */
export const replyMessageId = (entry: Pick<OutboxEntry, "conversationId" | "seq">, domain: string): string =>
  `reply.${entry.conversationId}.${entry.seq}@${domain}`

/**
 * Composes the email of an outbox entry and records it (before it leaves, so the customer's answer threads
 * even if it arrives at once). Needs the conversation's reply token, made now if the chat never had one.
 */
export const composeReply = (
  entry: OutboxEntry,
  options: { readonly publicUrl: string | null },
): Effect.Effect<OutgoingEmail, DeliveryFailed | StoreUnavailable, Emails | EmailSettings | Directory> =>
  Effect.gen(function* () {
    if (entry.recipient === null)
      return yield* Effect.fail(new DeliveryFailed({ reason: { code: "no_email_address" } }))
    // Addresses stored before they were checked at the boundary are checked again: one mailbox or none.
    const to = parseEmailAddress(entry.recipient)
    if (to === null)
      return yield* Effect.fail(new DeliveryFailed({ reason: { code: "email_address_invalid" } }))
    const payload = entry.payload as { readonly event: Reply }
    const settings = yield* EmailSettings
    const emails = yield* Emails
    const shop = yield* (yield* Directory).shop(entry.shopId)
    const address = settings.addressOf(entry.shopId)
    const thread = yield* emails.ensureThread(
      entry.shopId as Ids.ShopId,
      entry.conversationId,
      newReplyToken(),
      null,
      entry.createdAt,
    )
    const parent = yield* emails.lastFromCustomer(entry.shopId as Ids.ShopId, entry.conversationId)
    const headers =
      parent === null
        ? null
        : EmailThreading.replyHeaders({
            messageId: parent.messageId as EmailThreading.MessageIdValue,
            references: parent.references as ReadonlyArray<EmailThreading.MessageIdValue>,
          })
    const shopName = shop?.name ?? address.name
    const subject = EmailThreading.replySubject(
      parent?.subject ?? thread.subject,
      shopName === "" ? "Your conversation" : `Your conversation with ${shopName}`,
    )
    const messageId = replyMessageId(entry, settings.messageIdDomain)
    const body = renderReply(payload.event, { publicUrl: options.publicUrl, locale: "en" })
    yield* emails.record({
      id: `eml_out_${entry.id}`,
      shopId: entry.shopId as Ids.ShopId,
      conversationId: entry.conversationId,
      messageId,
      direction: "out",
      references: headers?.references ?? [],
      fromAddress: address.address,
      subject,
      seq: entry.seq,
      rawKey: null,
      byteSize: null,
      createdAt: entry.createdAt,
    })
    return {
      shopId: entry.shopId,
      from: { name: address.name || shopName, address: address.address },
      to,
      replyTo: EmailThreading.replyAddress(address.base, thread.token),
      subject,
      text: body.text,
      html: body.html,
      messageId,
      inReplyTo: headers?.inReplyTo ?? null,
      references: headers?.references ?? [],
    }
  })
