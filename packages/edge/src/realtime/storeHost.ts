/** What a room reads and writes of its shop, from the store: the same whatever hosts the room. */
import { type Ids, Staff } from "@inbox/core"
import { Clock, Effect } from "effect"
import type { AppServices } from "../http/runtime.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Sessions } from "../repo/Sessions.ts"
import * as Shopper from "../workflows/Shopper.ts"
import type { RoomHost } from "./ShopRoom.ts"

/** Events per page of a reconnect replay. */
export const REPLAY_PAGE = 500

export type StoreHost = Pick<
  RoomHost,
  "eventsSince" | "conversationEventsSince" | "changePresence" | "chatSessions"
>

export const storeHost = (
  run: <A, E>(effect: Effect.Effect<A, E, AppServices>) => Promise<A>,
  shopId: Ids.ShopId,
  log: (line: string) => void,
): StoreHost => ({
  eventsSince: (shopSeq) =>
    run(
      Effect.gen(function* () {
        const store = yield* Conversations
        // One page at a time: the room asks again from the last shop seq it sent until a page is empty.
        const events = yield* store.eventsSince(shopId, shopSeq, REPLAY_PAGE)
        // One query for the page's conversations, not one per conversation.
        const conversations = yield* store.loadNamedMany(
          shopId,
          events.map((e) => e.conversationId),
        )
        return { events, conversations, shopSeq: yield* store.currentShopSeq(shopId) }
      }),
    ),
  conversationEventsSince: (conversationId, seq) =>
    run(
      Effect.gen(function* () {
        const events = yield* (yield* Conversations).events(shopId, conversationId)
        return events.filter((e) => e.seq > seq)
      }),
    ),
  changePresence: (conversationId, online) =>
    run(Shopper.changePresence(shopId, conversationId, online)).catch((e: unknown) =>
      log(`presence not recorded: ${String(e)}`),
    ),
  // Live sessions whose staff member holds the chat permission: the tabs allowed to see what follows. @see R0.2
  chatSessions: () =>
    run(
      Effect.gen(function* () {
        const live = yield* (yield* Sessions).live(shopId, yield* Clock.currentTimeMillis)
        return new Set(live.filter((s) => Staff.canChat(s.staff)).map((s) => s.sessionId))
      }),
    ),
})
