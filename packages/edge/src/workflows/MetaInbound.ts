/**
 * Meta's webhook events for one shop (Messenger `page` or `instagram`), after the signature was checked:
 * customer messages (once per `mid`, with Meta's own timestamp for the window), echoes (ours dropped, the
 * shop's replies from elsewhere shown as its messages), and delivery / read watermarks that move replies to
 * Delivered / Read. Events of an account the shop did not connect are ignored. @see R1, R2, R18
 */
import { type Event, type Ids, MAX_MESSAGE_LENGTH, Time } from "@inbox/core"
import type { MetaEntry, MetaEvent, MetaPlatform } from "@inbox/core/wire"
import { Clock, Effect, Schema } from "effect"
import { profileName } from "../channels/meta/Graph.ts"
import { MetaSettings } from "../channels/meta/MetaSettings.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Customers } from "../repo/Customers.ts"
import { Deliveries } from "../repo/Deliveries.ts"
import { answerOnce, decodeStored } from "../repo/IdempotencyKeys.ts"
import { MetaAccounts } from "../repo/MetaAccounts.ts"
import { MetaMessages } from "../repo/MetaMessages.ts"
import { Outbox } from "../repo/Outbox.ts"
import { customerFor, receiveMessage, shopOrFail, startConversation } from "./Inbound.ts"
import { publish } from "./Merchant.ts"

/** How long after a reply its echo may arrive before the Send API answered (Instagram echoes carry no mark). */
const ECHO_RACE_MS = 10 * 60_000

/** A message id of ours for a Meta `mid` (which may be long and hold any character): stable across retries. */
export const messageIdOf = async (prefix: string, mid: string): Promise<Ids.MessageId> => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(mid))
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")
  return `${prefix}_${hex.slice(0, 40)}` as Ids.MessageId
}

/** What a customer attached: said in the thread, never shown (R18). Stickers, reels, shares are files. */
export const notesOf = (message: NonNullable<MetaEvent["message"]>): ReadonlyArray<Event.AttachmentNote> => {
  const notes = (message.attachments ?? []).map((a): Event.AttachmentNote => {
    const kind = a.type === "image" || a.type === "video" || a.type === "audio" ? a.type : "file"
    return { kind, name: kind === "file" && a.type !== "file" ? a.type : null }
  })
  return message.is_unsupported === true ? [...notes, { kind: "file", name: "unsupported" }] : notes
}

const clip = (text: string): string =>
  text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`

/** The customer's latest conversation on this platform, or null when they never wrote. */
const conversationOf = Effect.fn("MetaInbound.conversationOf")(function* (
  shopId: Ids.ShopId,
  platform: MetaPlatform,
  customer: string,
) {
  const customers = yield* Customers
  const known = yield* customers.byClientId(shopId, `${platform}:${customer}`)
  return known === null ? null : yield* customers.latestConversation(shopId, known.id)
})

const customerMessage = Effect.fn("MetaInbound.customerMessage")(function* (
  shopId: Ids.ShopId,
  platform: MetaPlatform,
  accountId: string,
  event: MetaEvent,
  message: NonNullable<MetaEvent["message"]>,
) {
  // An Instagram "unsend" is not a message; a mid seen before is a redelivery.
  if (message.is_deleted === true) return
  const messages = yield* MetaMessages
  if ((yield* messages.find(shopId, message.mid)) !== null) return
  const shop = yield* shopOrFail(shopId)
  const customerId = event.sender.id
  const clientId = `${platform}:${customerId}`
  const customers = yield* Customers
  let name = (yield* customers.byClientId(shop.id, clientId))?.name ?? null
  if (name === null) {
    // A first message: ask Meta for the person's name once (it may not give it).
    const { config } = yield* MetaSettings
    const account = yield* (yield* MetaAccounts).sending(shop.id, platform, accountId)
    const fetched =
      config === null || account === null
        ? null
        : yield* Effect.promise(() => profileName(config.graph, account.accessToken, platform, customerId))
    name =
      fetched ?? `${platform === "messenger" ? "Messenger" : "Instagram"} customer ${customerId.slice(-4)}`
  }
  const customer = yield* customerFor(shop, { clientId, name, email: null })
  const conversationId =
    (yield* customers.latestConversation(shop.id, customer.id)) ??
    (yield* startConversation(shop, {
      key: `meta-start:${clientId}`,
      customerId: customer.id,
      platform,
      customerEmail: null,
    }))
  const received = yield* receiveMessage(shop, conversationId, {
    key: `meta:${message.mid}`,
    messageId: yield* Effect.promise(() => messageIdOf("meta", message.mid)),
    text: clip(message.text ?? ""),
    attachments: notesOf(message),
    ...(event.timestamp === undefined
      ? {}
      : { sentAt: Time.instant(Math.max(0, Math.floor(event.timestamp))) }),
  })
  yield* messages.record({
    shopId: shop.id,
    mid: message.mid,
    conversationId: received.conversationId,
    direction: "in",
    seq: received.seq,
    part: 0,
    at: yield* Clock.currentTimeMillis,
  })
})

/** An echo: ours (by mid, by our metadata mark, by app id, or a reply whose answer is still on its way), or the shop's own. */
const echo = Effect.fn("MetaInbound.echo")(function* (
  shopId: Ids.ShopId,
  platform: MetaPlatform,
  event: MetaEvent,
  message: NonNullable<MetaEvent["message"]>,
) {
  const messages = yield* MetaMessages
  if ((yield* messages.find(shopId, message.mid)) !== null) return
  if (message.metadata?.startsWith("inbox:") === true) return
  const { config } = yield* MetaSettings
  if (config?.appId != null && message.app_id !== undefined && String(message.app_id) === config.appId) return
  const conversationId = yield* conversationOf(shopId, platform, event.recipient.id)
  // The page wrote to someone who never wrote to the shop: no conversation to show it in.
  if (conversationId === null) return
  const now = yield* Clock.currentTimeMillis
  const text = message.text ?? ""
  const ours = yield* (yield* Outbox).recentReplyTexts(shopId, conversationId, now - ECHO_RACE_MS)
  if (text !== "" && ours.some((t) => t.trim() === text.trim())) return
  const messageId = yield* Effect.promise(() => messageIdOf("echo", message.mid))
  const stored = yield* answerOnce(
    shopId,
    `meta-echo:${message.mid}`,
    (yield* Conversations).execute({
      shopId,
      conversationId,
      command: () =>
        Effect.succeed({
          _tag: "RecordReplySentOutsideInbox" as const,
          messageId,
          text: clip(text),
          attachments: notesOf(message),
        }),
      onCommitted: publish(shopId),
    }),
    (c) => ({ status: 200, body: c.events[0]?.seq ?? 0 }),
  )
  const seq = yield* decodeStored(Schema.Int, stored.body)
  yield* messages.record({
    shopId,
    mid: message.mid,
    conversationId,
    direction: "echo",
    seq,
    part: 0,
    at: now,
  })
})

/** A delivery or read watermark (or an Instagram seen `mid`): our replies up to it move forward. */
const watermark = Effect.fn("MetaInbound.watermark")(function* (
  shopId: Ids.ShopId,
  platform: MetaPlatform,
  event: MetaEvent,
) {
  const conversationId = yield* conversationOf(shopId, platform, event.sender.id)
  if (conversationId === null) return
  const messages = yield* MetaMessages
  const moves: Array<{
    readonly to: "delivered" | "read"
    readonly by: { at: number } | { mids: ReadonlyArray<string> }
  }> = []
  if (event.delivery !== undefined)
    moves.push({
      to: "delivered",
      by:
        event.delivery.mids !== undefined && event.delivery.mids.length > 0
          ? { mids: event.delivery.mids }
          : { at: event.delivery.watermark },
    })
  if (event.read?.watermark !== undefined) moves.push({ to: "read", by: { at: event.read.watermark } })
  if (event.read?.mid !== undefined) {
    const seen = yield* messages.find(shopId, event.read.mid)
    if (seen !== null) moves.push({ to: "read", by: { at: seen.at } })
  }
  const now = yield* Clock.currentTimeMillis
  for (const move of moves) {
    const sent = yield* messages.sentUpTo(shopId, conversationId, move.by)
    const seqs = [...new Set(sent.map((m) => m.seq))]
    const moved = yield* (yield* Deliveries).advance(shopId, platform, conversationId, seqs, move.to, now)
    for (const m of moved)
      yield* (yield* Broadcaster).deliveryUpdated(shopId, conversationId, m.seq, m.delivery)
  }
})

const onEvent = Effect.fn("MetaInbound.onEvent")(function* (
  shopId: Ids.ShopId,
  platform: MetaPlatform,
  accountId: string,
  event: MetaEvent,
) {
  const message = event.message
  if (message !== undefined && message.is_echo === true) yield* echo(shopId, platform, event, message)
  else if (message !== undefined) yield* customerMessage(shopId, platform, accountId, event, message)
  else if (event.delivery !== undefined || event.read !== undefined) yield* watermark(shopId, platform, event)
})

/**
 * Receives the entries of one shop, each event in Meta's order (its timestamp), `standby` events the same as
 * `messaging` ones. Answers how many events were read.
 */
export const receiveEntries = Effect.fn("MetaInbound.receiveEntries")(function* (
  shopId: Ids.ShopId,
  platform: MetaPlatform,
  entries: ReadonlyArray<MetaEntry>,
) {
  const accounts = yield* MetaAccounts
  // Only accounts this shop connected: a webhook cannot write into a shop through another's page.
  const mine: Array<{ readonly accountId: string; readonly event: MetaEvent }> = []
  for (const entry of entries)
    if ((yield* accounts.shopOf(platform, entry.id)) === shopId)
      for (const event of [...(entry.messaging ?? []), ...(entry.standby ?? [])])
        mine.push({ accountId: entry.id, event })
  // Meta's order is its timestamps, across the entries of one POST (a stable sort keeps ties as sent).
  mine.sort((a, b) => (a.event.timestamp ?? 0) - (b.event.timestamp ?? 0))
  let events = 0
  for (const { accountId, event } of mine) {
    events++
    yield* onEvent(shopId, platform, accountId, event).pipe(
      // A message the rules refuse (e.g. blank) is dropped, not retried forever by Meta; only the store
      // being away fails the POST, so Meta delivers it again.
      Effect.catchIf(
        (e): e is Exclude<typeof e, { readonly _tag: "StoreUnavailable" | "VersionConflict" }> =>
          e._tag !== "StoreUnavailable" && e._tag !== "VersionConflict",
        (e) => Effect.logWarning(`Meta event ignored: ${e._tag}`),
      ),
    )
  }
  return events
})

/** `object` of the webhook → our platform. */
export const platformOf = (object: "page" | "instagram"): MetaPlatform =>
  object === "page" ? "messenger" : "instagram"
