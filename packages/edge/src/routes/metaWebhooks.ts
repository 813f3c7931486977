/**
 * Meta's webhook for Messenger and Instagram: the verification handshake, and the signed event POSTs (the
 * signature is checked over the raw bytes by `serve` before this runs). Each entry goes to the shop that
 * connected its page or account; entries of no shop are ignored. @see R1, R2
 */
import type { Ids } from "@inbox/core"
import type { Api, MetaEntry, MetaVerifyQuery } from "@inbox/core/wire"
import { Effect } from "effect"
import { constantTimeEqual } from "../auth/Password.ts"
import { ChannelNotConfigured, WebhookVerifyTokenInvalid } from "../http/EdgeErrors.ts"
import type { AppRuntime } from "../http/runtime.ts"
import type { HttpHandlers } from "../http/serve.ts"
import { MetaAccounts } from "../repo/MetaAccounts.ts"
import { platformOf, receiveEntries } from "../workflows/MetaInbound.ts"

const encoder = new TextEncoder()

/** The challenge to echo when the verify token matches; the failure otherwise. Shared with the Worker. */
export const handshake = (
  meta: { readonly verifyToken: string } | undefined,
  query: MetaVerifyQuery,
): Uint8Array | ChannelNotConfigured | WebhookVerifyTokenInvalid => {
  if (meta === undefined) return new ChannelNotConfigured({ channel: "meta" })
  if (!constantTimeEqual(encoder.encode(query["hub.verify_token"]), encoder.encode(meta.verifyToken)))
    return new WebhookVerifyTokenInvalid()
  return encoder.encode(query["hub.challenge"])
}

/** The entries of a POST grouped by the shop each names (entries of no shop are left out). */
export const entriesByShop = <E, R>(
  entries: ReadonlyArray<MetaEntry>,
  shopOf: (accountId: string) => Effect.Effect<string | null, E, R>,
) =>
  Effect.gen(function* () {
    const groups = new Map<string, Array<MetaEntry>>()
    for (const entry of entries) {
      const shop = yield* shopOf(entry.id)
      if (shop === null) continue
      groups.set(shop, [...(groups.get(shop) ?? []), entry])
    }
    return groups
  })

export const metaWebhookHandlers = (runtime: AppRuntime): HttpHandlers<typeof Api.metaWebhooks> => ({
  verify: ({ query }) => {
    const answer = handshake(runtime.meta, query)
    return answer instanceof Uint8Array
      ? Effect.succeed({ bytes: answer, contentType: "text/plain; charset=utf-8" })
      : Effect.fail(answer)
  },
  receive: ({ body }) =>
    Effect.gen(function* () {
      const platform = platformOf(body.object)
      const accounts = yield* MetaAccounts
      const groups = yield* entriesByShop(body.entry, (id) => accounts.shopOf(platform, id))
      let events = 0
      for (const [shopId, entries] of groups)
        events += yield* receiveEntries(shopId as Ids.ShopId, platform, entries)
      return { events }
    }),
})
