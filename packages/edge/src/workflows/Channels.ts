/**
 * The channels as the merchant sees them: where the reply being written will go (or why it cannot go now),
 * how each channel is set up, and the shop owner connecting a Messenger page or Instagram account. @see R2
 */
import { ConversationErrors, ReplyDestination as Destination, I18n, type Ids, Time } from "@inbox/core"
import type { ChannelStatus, MetaAccountBody, MetaPlatform, ReplyDestination } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { requireOwner } from "../auth/Owner.ts"
import { Channels } from "../channels/Channels.ts"
import { EmailSettings } from "../channels/email/EmailSettings.ts"
import { ChannelNotConfigured, MetaAccountNotFound } from "../http/EdgeErrors.ts"
import { Conversations } from "../repo/Conversations.ts"
import type { StaffRecord } from "../repo/Directory.ts"
import { MetaAccounts } from "../repo/MetaAccounts.ts"

export const destination = Effect.fn("Channels.destination")(function* (
  staff: StaffRecord,
  id: Ids.ConversationId,
  locale: I18n.Locale,
) {
  const state = yield* (yield* Conversations).load(staff.shopId, id)
  if (state === null)
    return yield* Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: id }))
  const now = Time.instant(yield* Clock.currentTimeMillis)
  const { route, window, closesAt } = Destination.replyDestination(state, now)
  const { setup } = yield* Channels
  const base = { captured: false, messagingType: null, closesAt: null, refusal: null } as const
  switch (route._tag) {
    case "chat":
    case "held": {
      const body: ReplyDestination = { ...base, channel: route._tag, to: null, connected: true }
      return body
    }
    case "email": {
      const body: ReplyDestination = {
        ...base,
        channel: "email",
        to: route.to,
        connected: setup.emailTransport !== "off",
        captured: setup.emailTransport === "capture",
      }
      return body
    }
    case "platform": {
      if (route.platform === "shop_app") {
        const body: ReplyDestination = {
          ...base,
          channel: "shop_app",
          to: null,
          connected: setup.customPlatform,
        }
        return body
      }
      const account = setup.meta ? yield* (yield* MetaAccounts).ofShop(staff.shopId) : []
      const connected = account.find((a) => a.platform === route.platform)
      const body: ReplyDestination = {
        ...base,
        channel: route.platform,
        to: connected?.name ?? null,
        // A custom platform's webhook may bridge Meta when no account is connected.
        connected: connected !== undefined || setup.customPlatform,
        messagingType:
          window === null || window._tag === "Failure"
            ? null
            : window.success.messagingType === "RESPONSE"
              ? "RESPONSE"
              : "HUMAN_AGENT",
        closesAt,
        refusal:
          window?._tag === "Failure"
            ? { code: window.failure._tag, message: I18n.errorMessage(window.failure, locale) }
            : null,
      }
      return body
    }
  }
})

export const status = Effect.fn("Channels.status")(function* (staff: StaffRecord) {
  const { setup } = yield* Channels
  const address = (yield* EmailSettings).addressOf(staff.shopId)
  const body: ChannelStatus = {
    email: { transport: setup.emailTransport, address: address.address, receiving: setup.emailReceiving },
    meta: {
      configured: setup.meta,
      accounts: setup.meta ? yield* (yield* MetaAccounts).ofShop(staff.shopId) : [],
    },
    customPlatform: { configured: setup.customPlatform },
  }
  return body
})

export const connectMeta = Effect.fn("Channels.connectMeta")(function* (
  staff: StaffRecord,
  body: MetaAccountBody,
) {
  yield* requireOwner(staff)
  if (!(yield* Channels).setup.meta) return yield* Effect.fail(new ChannelNotConfigured({ channel: "meta" }))
  return yield* (yield* MetaAccounts).connect(staff.shopId, body, yield* Clock.currentTimeMillis)
})

export const disconnectMeta = Effect.fn("Channels.disconnectMeta")(function* (
  staff: StaffRecord,
  platform: MetaPlatform,
  accountId: string,
) {
  yield* requireOwner(staff)
  if (!(yield* (yield* MetaAccounts).disconnect(staff.shopId, platform, accountId)))
    return yield* Effect.fail(new MetaAccountNotFound({ accountId }))
})
