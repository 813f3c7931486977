/**
 * Email threading: which conversation an incoming email continues, and the headers that make our reply
 * continue the customer's thread in their mail client. Pure; the edge looks the keys up. @see R1, R2
 */
import { Schema } from "effect"

/** Longest Message-ID kept; RFC 5322 lines are at most 998 characters. */
export const MAX_MESSAGE_ID_LENGTH = 998
/** At most this many ids are kept in a `References` header we write (the first and the most recent). */
export const MAX_REFERENCES = 20

/** A Message-ID without its angle brackets, e.g. `CAF3x=abc@mail.gmail.com`. */
export const MessageIdValue = Schema.String.check(
  Schema.isMinLength(1),
  Schema.isMaxLength(MAX_MESSAGE_ID_LENGTH),
  Schema.isPattern(/^[^\s<>]+$/),
)
export type MessageIdValue = typeof MessageIdValue.Type

/**
 * Every id of an `In-Reply-To` or `References` header, in order, without brackets and without repeats.
 * Ids are `<...>` tokens; a header without brackets (some old clients) is read as space-separated ids.
 */
export const messageIdsIn = (header: string | null | undefined): ReadonlyArray<MessageIdValue> => {
  if (header === null || header === undefined) return []
  const bracketed = [...header.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? "")
  const raw = bracketed.length > 0 ? bracketed : header.split(/[\s,]+/)
  const seen = new Set<string>()
  const ids: Array<MessageIdValue> = []
  for (const id of raw) {
    const trimmed = id.trim()
    if (trimmed === "" || trimmed.length > MAX_MESSAGE_ID_LENGTH || /[\s<>]/.test(trimmed)) continue
    if (seen.has(trimmed)) continue
    seen.add(trimmed)
    ids.push(trimmed as MessageIdValue)
  }
  return ids
}

/** The one id of a `Message-ID` header, or null when it has none we can use. */
export const messageIdOf = (header: string | null | undefined): MessageIdValue | null =>
  messageIdsIn(header)[0] ?? null

/** The shop's address replies come back to; each conversation adds its token after a `+`. */
export interface ReplyBase {
  readonly local: string
  readonly domain: string
}

/** A reply token: lower-case letters and digits, long enough not to be guessed. */
export const REPLY_TOKEN = /^[a-z0-9]{16,40}$/

/** `local+token@domain`: the per-conversation reply address (`reply+<token>@your-domain`). */
export const replyAddress = (base: ReplyBase, token: string): string =>
  `${base.local}+${token}@${base.domain}`

/** Splits `local@domain` into a reply base; null when it is not one address. */
export const replyBaseOf = (address: string): ReplyBase | null => {
  const m = /^([^@\s+]+)@([^@\s]+)$/.exec(address.trim())
  return m === null ? null : { local: m[1]!, domain: m[2]!.toLowerCase() }
}

/** The token of a reply address of this base (case-insensitive, as mail systems treat them), or null. */
export const replyTokenOf = (address: string, base: ReplyBase): string | null => {
  const m = /^([^@\s]+)\+([^@\s+]+)@([^@\s]+)$/.exec(address.trim())
  if (m === null) return null
  if (m[1]!.toLowerCase() !== base.local.toLowerCase() || m[3]!.toLowerCase() !== base.domain) return null
  const token = m[2]!.toLowerCase()
  return REPLY_TOKEN.test(token) ? token : null
}

/** One way an email can name the conversation it continues, in the order they are trusted. */
export type ThreadKey =
  | { readonly _tag: "ReplyAddress"; readonly token: string }
  | { readonly _tag: "InReplyTo"; readonly messageId: MessageIdValue }
  | { readonly _tag: "References"; readonly messageId: MessageIdValue }

export interface ThreadHeaders {
  /** Every recipient (To, Cc, Delivered-To, the SMTP envelope). */
  readonly recipients: ReadonlyArray<string>
  readonly inReplyTo: string | null
  readonly references: string | null
}

/**
 * The keys to try, best first: a per-conversation reply address (it survives clients that drop headers),
 * then `In-Reply-To`, then `References` from the most recent id back to the first. No key: a new thread.
 */
export const threadKeys = (mail: ThreadHeaders, base: ReplyBase): ReadonlyArray<ThreadKey> => {
  const keys: Array<ThreadKey> = []
  const tokens = new Set<string>()
  for (const r of mail.recipients) {
    const token = replyTokenOf(r, base)
    if (token !== null && !tokens.has(token)) {
      tokens.add(token)
      keys.push({ _tag: "ReplyAddress", token })
    }
  }
  const inReplyTo = messageIdsIn(mail.inReplyTo)
  for (const messageId of inReplyTo) keys.push({ _tag: "InReplyTo", messageId })
  const replied = new Set<string>(inReplyTo)
  for (const messageId of [...messageIdsIn(mail.references)].reverse())
    if (!replied.has(messageId)) keys.push({ _tag: "References", messageId })
  return keys
}

/** What the store knows: the conversation of each reply token and of each Message-ID it has seen. */
export interface KnownThreads<C> {
  readonly byToken: ReadonlyMap<string, C>
  readonly byMessageId: ReadonlyMap<string, C>
}

/** The first key, in order, that names a known conversation, with the key that matched; null: a new thread. */
export const resolveThread = <C>(
  keys: ReadonlyArray<ThreadKey>,
  known: KnownThreads<C>,
): { readonly conversation: C; readonly by: ThreadKey } | null => {
  for (const key of keys) {
    const found =
      key._tag === "ReplyAddress" ? known.byToken.get(key.token) : known.byMessageId.get(key.messageId)
    if (found !== undefined) return { conversation: found, by: key }
  }
  return null
}

/** The message a reply answers: its id and its own `References`. */
export interface Parent {
  readonly messageId: MessageIdValue
  readonly references: ReadonlyArray<MessageIdValue>
}

/**
 * `In-Reply-To` and `References` of a reply (RFC 5322 §3.6.4): the parent's references followed by the
 * parent's id; when too long, the first id (the thread's root) and the most recent ones are kept.
 */
export const replyHeaders = (
  parent: Parent,
): { readonly inReplyTo: MessageIdValue; readonly references: ReadonlyArray<MessageIdValue> } => {
  const chain = [...parent.references.filter((id) => id !== parent.messageId), parent.messageId]
  const references =
    chain.length <= MAX_REFERENCES ? chain : [chain[0]!, ...chain.slice(chain.length - (MAX_REFERENCES - 1))]
  return { inReplyTo: parent.messageId, references }
}

/** `<id>` for a header. */
export const bracket = (id: MessageIdValue): string => `<${id}>`

/** The subject of a reply: the customer's subject with one `Re: ` (never `Re: Re: `). */
export const replySubject = (subject: string | null, fallback: string): string => {
  const s = (subject ?? "").replace(/[\r\n]+/g, " ").trim()
  if (s === "") return fallback
  return /^(re|aw|sv|antw|réf|ref)\s*:/i.test(s) ? s : `Re: ${s}`
}
