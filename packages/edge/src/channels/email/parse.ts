/**
 * Reads one incoming email (raw RFC 5322 bytes) the same way on Node and Workers: postal-mime parses the
 * MIME, html-to-text reads an HTML-only email, email-reply-parser removes the quoted history and signature
 * from what the thread shows, and the core decides what kind of mail it is. The raw bytes stay the original the merchant can open. @see R1, R5
 */
import { AutomatedMail, EmailThreading, type Event, MAX_MESSAGE_LENGTH } from "@inbox/core"
import EmailReplyParser from "email-reply-parser"
import { convert as htmlToText } from "html-to-text"
import PostalMime, { type Address } from "postal-mime"
import { parseEmailAddress } from "../../email/EmailAddress.ts"

/** Largest email accepted (the SMTP listener announces it; Workers Email Routing caps at 25 MiB). */
export const MAX_EMAIL_BYTES = 10 * 1024 * 1024
/** Text handed to the quote stripper: its regular expressions stay linear on anything shorter. */
const MAX_STRIP_INPUT = 64 * 1024
/** References kept from one header (what a lookup may name). */
const MAX_REFERENCES_READ = 50

export interface Envelope {
  /** SMTP MAIL FROM; `""` for the null reverse-path of bounces; null when unknown. */
  readonly from: string | null
  readonly to: ReadonlyArray<string>
}

/** Who we are, so that our own mail coming back is a loop. */
export interface Ourselves {
  readonly addresses: ReadonlyArray<string>
  readonly messageIdDomain: string
}

export interface ParsedEmail {
  /** The Message-ID without brackets; a content hash for the rare mail that has none, so it still de-duplicates. */
  readonly messageId: string
  readonly from: { readonly address: string; readonly name: string }
  readonly recipients: ReadonlyArray<string>
  readonly subject: string | null
  readonly inReplyTo: string | null
  readonly references: ReadonlyArray<string>
  readonly referencesHeader: string | null
  /** What the thread shows: the new text, without quoted history and signature, at most MAX_MESSAGE_LENGTH. */
  readonly text: string
  /** Something was removed from `text` (quote, signature, or length); the original has it all. */
  readonly trimmed: boolean
  readonly attachments: ReadonlyArray<Event.AttachmentNote>
  readonly kind: AutomatedMail.MailKind
}

/** The email cannot be read as a customer's message (no sender, or not MIME at all). */
export class EmailUnreadable extends Error {
  override readonly name = "EmailUnreadable"
}

const mailboxes = (
  list: ReadonlyArray<Address> | Address | undefined,
): Array<{ address: string; name: string }> =>
  (list === undefined ? [] : Array.isArray(list) ? list : [list]).flatMap((a: Address) =>
    a.group !== undefined ? a.group : a.address !== undefined ? [{ address: a.address, name: a.name }] : [],
  )

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("")

const kindOf = (mimeType: string): Event.AttachmentNote["kind"] => {
  const top = mimeType.split("/")[0]
  return top === "image" || top === "video" || top === "audio" ? top : "file"
}

/** The new text of a reply: the stripper's visible text, or the whole text when stripping left nothing. */
const visibleText = (full: string): { readonly text: string; readonly trimmed: boolean } => {
  const normalized = full.replace(/\r\n?/g, "\n").trim()
  if (normalized === "") return { text: "", trimmed: false }
  const head = normalized.slice(0, MAX_STRIP_INPUT)
  const visible = new EmailReplyParser().read(head).getVisibleText().trim()
  const text = visible === "" ? normalized : visible
  const trimmed = text.length < normalized.length
  if (text.length <= MAX_MESSAGE_LENGTH) return { text, trimmed }
  return { text: `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`, trimmed: true }
}

export const parseEmail = async (
  raw: Uint8Array<ArrayBuffer>,
  envelope: Envelope,
  ourselves: Ourselves,
): Promise<ParsedEmail> => {
  if (raw.byteLength > MAX_EMAIL_BYTES) throw new EmailUnreadable(`larger than ${MAX_EMAIL_BYTES} bytes`)
  let email: Awaited<ReturnType<typeof PostalMime.parse>>
  try {
    email = await PostalMime.parse(raw, { maxNestingDepth: 50, maxHeadersSize: 256 * 1024 })
  } catch (e) {
    throw new EmailUnreadable(`not a MIME message: ${e instanceof Error ? e.message : String(e)}`)
  }
  const sender = mailboxes(email.from)[0] ?? mailboxes(email.sender)[0]
  // The sender becomes the conversation's reply address: exactly one valid mailbox, as for any customer email.
  const address = sender === undefined ? null : parseEmailAddress(sender.address)
  if (sender === undefined || address === null) throw new EmailUnreadable("no sender address")
  const from = { address: address.toLowerCase(), name: sender.name.trim() }
  const recipients = [
    ...mailboxes(email.to),
    ...mailboxes(email.cc),
    ...(email.deliveredTo === undefined ? [] : [{ address: email.deliveredTo, name: "" }]),
    ...envelope.to.map((address) => ({ address, name: "" })),
  ].map((m) => m.address.toLowerCase())
  const headers = email.headers.map((h) => ({ key: h.key, value: h.value }))
  const kind = AutomatedMail.classifyMail({
    headers,
    from: from.address,
    envelopeFrom: envelope.from,
    ownAddresses: ourselves.addresses,
    ownMessageIdDomain: ourselves.messageIdDomain,
  })
  const messageId =
    EmailThreading.messageIdOf(email.messageId) ??
    `${hex(await crypto.subtle.digest("SHA-256", raw))}@no-message-id.invalid`
  // An HTML-only email is read as its text: links and images are layout, scripts and styles are dropped.
  const full =
    email.text ??
    (email.html === undefined
      ? ""
      : htmlToText(email.html.slice(0, MAX_STRIP_INPUT * 4), {
          wordwrap: false,
          selectors: [
            { selector: "img", format: "skip" },
            { selector: "a", options: { ignoreHref: true } },
            { selector: "blockquote", format: "skip" },
          ],
        }))
  const { text, trimmed } = visibleText(full)
  const attachments = email.attachments
    // Inline parts the HTML refers to (logos, signature images) are part of the layout, not files sent.
    .filter((a) => a.related !== true && !a.mimeType.startsWith("message/delivery-status"))
    .map((a) => ({ kind: kindOf(a.mimeType), name: a.filename?.slice(0, 200) ?? null }))
    .slice(0, 20)
  return {
    messageId,
    from,
    recipients: [...new Set(recipients)],
    subject: email.subject?.trim() || null,
    inReplyTo: email.inReplyTo ?? null,
    references: EmailThreading.messageIdsIn(email.references).slice(-MAX_REFERENCES_READ),
    referencesHeader: email.references ?? null,
    text,
    trimmed,
    attachments,
    kind,
  }
}
