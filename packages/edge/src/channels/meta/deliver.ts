/**
 * A reply to Messenger or Instagram through the Send API: Meta's window decides its label (RESPONSE within
 * 24 h, MESSAGE_TAG HUMAN_AGENT for a person's reply up to 7 days) or refuses it; text, then the merchant's
 * image by URL, each a message whose `mid` is recorded at once, so a retry sends only what did not leave and
 * the echo of each is recognised as ours. @see R2
 */
import { Conversation, type Event, type Ids, MessagingWindow, Money, Time } from "@inbox/core"
import { Clock, Effect } from "effect"
import type { StoreUnavailable } from "../../db/Database.ts"
import { Conversations } from "../../repo/Conversations.ts"
import { Customers } from "../../repo/Customers.ts"
import type { SendingAccount } from "../../repo/MetaAccounts.ts"
import { MetaMessages } from "../../repo/MetaMessages.ts"
import type { OutboxEntry } from "../../repo/Outbox.ts"
import { DeliveryFailed } from "../Channels.ts"
import { GraphFailure, type OutgoingPart, sendMessage } from "./Graph.ts"
import type { MetaConfig } from "./MetaSettings.ts"

/** Messenger's limit for one text message; longer replies leave as several. */
export const MAX_TEXT = 2000

type Reply = Extract<Event.ConversationEvent, { _tag: "ReplySent" | "AutomaticReplySent" }>

/** Splits at line or word boundaries where it can, never inside a surrogate pair. */
export const chunks = (text: string, max = MAX_TEXT): ReadonlyArray<string> => {
  const out: Array<string> = []
  let rest = text.trim()
  while (rest.length > max) {
    let cut = Math.max(rest.lastIndexOf("\n", max), rest.lastIndexOf(" ", max))
    if (cut < max / 2) cut = max
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? "")) cut--
    out.push(rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).trimStart()
  }
  if (rest !== "") out.push(rest)
  return out
}

/** The messages a reply becomes: its text (with shared products and code), then its image by URL. */
export const partsOf = (
  reply: Reply,
  publicUrl: string | null,
): ReadonlyArray<OutgoingPart> | DeliveryFailed => {
  const lines = [reply.text]
  if (reply._tag === "ReplySent") {
    for (const p of reply.products) lines.push(`${p.title} (${Money.format(p.price, "en")}): ${p.url}`)
    if (reply.discount !== null) lines.push(`Code: ${reply.discount.code}`)
  }
  const text = lines.filter((l) => l.trim() !== "").join("\n\n")
  const parts: Array<OutgoingPart> = chunks(text).map((t) => ({ _tag: "text", text: t }))
  if (reply._tag === "ReplySent" && reply.image !== null) {
    // Meta fetches the image itself: it needs a public address for it.
    if (publicUrl === null)
      return new DeliveryFailed({ reason: { code: "image_needs_public_url" }, permanent: true })
    parts.push({ _tag: "image", url: new URL(`/api/images/${reply.image.id}`, publicUrl).href })
  }
  return parts
}

/** Our echo mark: Meta returns it in `message.metadata` of the echo. */
export const metadataOf = (entry: Pick<OutboxEntry, "conversationId" | "seq">, part: number): string =>
  `inbox:${entry.conversationId}:${entry.seq}:${part}`

export const deliverMeta = (
  entry: OutboxEntry,
  account: SendingAccount,
  meta: MetaConfig,
  publicUrl: string | null,
): Effect.Effect<void, DeliveryFailed | StoreUnavailable, Conversations | Customers | MetaMessages> =>
  Effect.gen(function* () {
    const shopId = entry.shopId as Ids.ShopId
    const payload = entry.payload as { readonly event: Reply; readonly customerId: string }
    const clientId = yield* (yield* Customers).clientIdOf(shopId, payload.customerId)
    const prefix = `${account.platform}:`
    if (clientId === null || !clientId.startsWith(prefix))
      return yield* Effect.fail(
        new DeliveryFailed({
          reason: { code: "no_platform_identity", detail: account.platform },
          permanent: true,
        }),
      )
    const recipient = clientId.slice(prefix.length)
    const state = yield* (yield* Conversations).load(shopId, entry.conversationId as Ids.ConversationId)
    const now = Time.instant(yield* Clock.currentTimeMillis)
    // Checked again at send time: a retry hours later may fall outside the window the composer saw.
    const window = MessagingWindow.messagingTypeAt({
      platform: account.platform,
      lastCustomerMessageAt: state === null ? null : Conversation.lastCustomerMessageAtOf(state),
      now,
      author: payload.event._tag === "ReplySent" ? "person" : "automatic",
    })
    if (window._tag === "Failure")
      return yield* Effect.fail(
        new DeliveryFailed({
          reason: { code: "outside_messaging_window", detail: window.failure.reason },
          permanent: true,
        }),
      )
    const parts = partsOf(payload.event, publicUrl)
    if (parts instanceof DeliveryFailed) return yield* Effect.fail(parts)
    const messages = yield* MetaMessages
    const sent = yield* messages.sentParts(shopId, entry.conversationId, entry.seq)
    for (const [part, content] of parts.entries()) {
      if (sent.has(part)) continue
      const mid = yield* Effect.tryPromise({
        try: () =>
          sendMessage(meta.graph, {
            pageId: account.pageId,
            accessToken: account.accessToken,
            recipient,
            messaging: window.success,
            part: content,
            metadata: metadataOf(entry, part),
          }),
        catch: (e) =>
          e instanceof GraphFailure
            ? new DeliveryFailed({ reason: e.failure, permanent: e.permanent })
            : new DeliveryFailed({ reason: { code: "meta_unreachable", detail: String(e) } }),
      })
      yield* messages.record({
        shopId,
        mid,
        conversationId: entry.conversationId,
        direction: "out",
        seq: entry.seq,
        part,
        at: yield* Clock.currentTimeMillis,
      })
    }
  })
