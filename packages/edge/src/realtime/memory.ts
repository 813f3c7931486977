/**
 * The in-process host of ShopRooms (Node): one room per shop over the store, fed by the Broadcaster after
 * each commit, with the grace period kept by a timer per conversation.
 */
import type { Ids } from "@inbox/core"
import { Clock, Effect, Layer } from "effect"
import type { StoredEvent } from "../repo/Conversations.ts"
import { Broadcaster } from "./Broadcaster.ts"
import { type RoomHost, ShopRoom } from "./ShopRoom.ts"

/** What a room of a shop reads of it (storeHost, plus who may read the inbox now). */
export type ShopStore = Omit<RoomHost, "startGrace" | "cancelGrace" | "now">

export class ShopRooms {
  private readonly rooms = new Map<string, ShopRoom>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly store: (shopId: Ids.ShopId) => ShopStore
  private readonly graceMs: number | undefined

  constructor(store: (shopId: Ids.ShopId) => ShopStore, graceMs?: number) {
    this.store = store
    this.graceMs = graceMs
  }

  room(shopId: Ids.ShopId): ShopRoom {
    let room = this.rooms.get(shopId)
    if (room === undefined) {
      const timers = this.timers
      // Conversation ids are unique within a shop only.
      const key = (conversationId: string) => `${shopId}/${conversationId}`
      const cancelGrace = (conversationId: string) => {
        clearTimeout(timers.get(key(conversationId)))
        timers.delete(key(conversationId))
      }
      const made: ShopRoom = new ShopRoom(
        {
          ...this.store(shopId),
          startGrace: (conversationId, ms, restart) => {
            if (!restart && timers.has(key(conversationId))) return
            cancelGrace(conversationId)
            timers.set(
              key(conversationId),
              setTimeout(() => {
                timers.delete(key(conversationId))
                void made.graceEnded(conversationId).catch(() => {})
              }, ms),
            )
          },
          cancelGrace,
          now: () => Effect.runSync(Clock.currentTimeMillis),
        },
        this.graceMs,
      )
      room = made
      this.rooms.set(shopId, room)
    }
    return room
  }

  /** The host is shutting down: pending grace timers are dropped (the next start reconciles). */
  close(): void {
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
  }

  /** The Broadcaster port over these rooms. */
  layer(): Layer.Layer<Broadcaster> {
    return Layer.succeed(Broadcaster, {
      // The room is made on the first commit if need be: it starts the grace period of a chat started before
      // any socket of the shop connected (R9), which must still end in "offline".
      // Not awaited: the room sends in call order after its access check, and the request need not wait.
      committed: (shopId, committed) =>
        Effect.sync(
          () =>
            void this.room(shopId)
              .publish(committed)
              .catch(() => {}),
        ),
      deliveryUpdated: (shopId, conversationId, seq, delivery) =>
        Effect.sync(
          () =>
            void this.rooms
              .get(shopId)
              ?.publishDelivery(conversationId as Ids.ConversationId, seq, delivery)
              .catch(() => {}),
        ),
      staffChanged: (shopId) =>
        Effect.sync(
          () =>
            void this.rooms
              .get(shopId)
              ?.recheck()
              .catch(() => {}),
        ),
    })
  }
}

export type { StoredEvent }
