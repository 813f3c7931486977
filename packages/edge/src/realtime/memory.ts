/** The in-process host of ShopRooms (Node): one room per shop, fed by the Broadcaster after each commit. */
import type { Ids } from "@inbox/core"
import { Effect, Layer } from "effect"
import type { StoredEvent } from "../repo/Conversations.ts"
import { Broadcaster } from "./Broadcaster.ts"
import { type RoomHost, ShopRoom } from "./ShopRoom.ts"

export class ShopRooms {
  private readonly rooms = new Map<string, ShopRoom>()
  private readonly makeHost: (shopId: Ids.ShopId) => RoomHost
  private readonly graceMs: number | undefined

  constructor(makeHost: (shopId: Ids.ShopId) => RoomHost, graceMs?: number) {
    this.makeHost = makeHost
    this.graceMs = graceMs
  }

  room(shopId: Ids.ShopId): ShopRoom {
    let room = this.rooms.get(shopId)
    if (room === undefined) {
      room = new ShopRoom(this.makeHost(shopId), this.graceMs)
      this.rooms.set(shopId, room)
    }
    return room
  }

  close(): void {
    for (const room of this.rooms.values()) room.close()
  }

  /** The Broadcaster port over these rooms. */
  layer(): Layer.Layer<Broadcaster> {
    return Layer.succeed(Broadcaster, {
      // The room is made on the first commit if need be: it owns the grace timer of a chat started before any
      // socket of the shop connected (R9), which must still end in "offline".
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
