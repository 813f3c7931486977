/**
 * The shop's live room inside its Durable Object: hibernatable WebSockets adapted to the runtime-agnostic
 * ShopRoom (authenticated by the one socket authentication, realtime/SocketAuth.ts; attachments and frame
 * checks in sockets.ts), the room rebuilt after hibernation from the sockets still open, its grace timers in
 * storage (graceTimers.ts), and the alarm it needs set by the entry point that gave it the work.
 */
import type { Ids } from "@inbox/core"
import { newId } from "@inbox/core"
import type { Delivery } from "@inbox/core/wire"
import { Unauthorized } from "../http/EdgeErrors.ts"
import { runWith } from "../http/runtime.ts"
import { CloseCode, MAX_FRAME_BYTES, type RoomHost, type RoomSocket, ShopRoom } from "../realtime/ShopRoom.ts"
import { socketIdentity } from "../realtime/SocketAuth.ts"
import { storeHost } from "../realtime/storeHost.ts"
import type { Committed } from "../repo/Conversations.ts"
import { GraceTimers } from "./graceTimers.ts"
import type { WorkerRuntime } from "./layers.ts"
import {
  type Attachment,
  decodeMerchantFrame,
  decodeShopperFrame,
  encodeMerchantFrame,
  frameBytes,
  reciprocalCode,
} from "./sockets.ts"

/** What a commit (here or in the Worker over remote libSQL) hands over for fan-out. */
export type Published =
  | { readonly _tag: "Committed"; readonly committed: Committed }
  | {
      readonly _tag: "DeliveryUpdated"
      readonly conversationId: string
      readonly seq: number
      readonly delivery: Delivery
    }
  | { readonly _tag: "StaffChanged" }

/** What the room needs of the object that hosts it. */
export interface LiveRoomHost {
  readonly ctx: DurableObjectState
  readonly runtime: WorkerRuntime
  readonly graceMs: number
  /** The shop, once the object knows it. */
  readonly shopId: () => string | null
  readonly now: () => number
  /** Sets the object's alarm to `at` unless it rings earlier already. */
  readonly wakeAt: (at: number) => Promise<void>
}

export class LiveRoom {
  private readonly host: LiveRoomHost
  private readonly grace: GraceTimers
  private readonly sockets = new Map<string, RoomSocket>()
  private room: Promise<ShopRoom> | null = null
  /** While the room is rebuilt after hibernation, nothing is sent and no presence is written. */
  private hydrating = false
  /** The earliest grace end the room asked for since the alarm was last set. */
  private wakeBy: number | null = null

  constructor(host: LiveRoomHost) {
    this.host = host
    this.grace = new GraceTimers(host.ctx.storage)
  }

  /** Opens a socket for `shopId` (the Worker routed by the shop a token names, unverified: checked here). */
  async accept(request: Request, shopId: string): Promise<Response> {
    const { ctx, runtime } = this.host
    const who = await runWith(runtime)(socketIdentity(request))
    if (who.shopId !== shopId) throw new Unauthorized()
    const sid = await runtime.managed.runPromise(newId("sock"))
    const attachment: Attachment =
      who.role === "staff"
        ? { sid, role: "staff", staffId: who.staffId, session: who.sessionId, viewing: null }
        : { sid, role: "shopper", customerId: who.customerId, conversationId: who.conversationId }
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    const tags =
      attachment.role === "staff"
        ? ["staff", `staff:${attachment.staffId}`]
        : ["shopper", `customer:${attachment.customerId}`, `conversation:${attachment.conversationId}`]
    // The room first: rebuilt from the sockets already here, it must not also pick up this one.
    const room = await this.live()
    ctx.acceptWebSocket(server, tags)
    server.serializeAttachment(attachment)
    const socket = this.socketFor(server, attachment.sid)
    if (who.role === "staff")
      await room.joinStaff(socket, { staffId: who.staffId, sessionId: who.sessionId }, who.since)
    else await room.joinShopper(socket, who.conversationId, who.since)
    await this.settled()
    return new Response(null, { status: 101, webSocket: client })
  }

  /** A frame from a socket: checked (size, type, Schema) before the room sees it. */
  async frame(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const attachment = ws.deserializeAttachment() as Attachment | null
    if (attachment === null) return
    // The same limits as the Node host: workerd accepts frames up to 1 MiB, the protocol needs a few bytes.
    if (frameBytes(message) > MAX_FRAME_BYTES) return this.refuse(ws, CloseCode.messageTooBig)
    if (typeof message !== "string") return this.refuse(ws, CloseCode.unsupportedData)
    try {
      await this.onFrame(ws, attachment, message)
    } catch (error) {
      console.error("socket frame failed", error)
      await this.refuse(ws, CloseCode.tryAgainLater)
    }
  }

  async closed(ws: WebSocket, code: number, reason: string): Promise<void> {
    await this.leave(ws)
    // Complete the closing handshake, as partyserver does; a socket already closed just says so.
    try {
      ws.close(reciprocalCode(code), reason)
    } catch {}
  }

  async errored(ws: WebSocket): Promise<void> {
    await this.leave(ws)
  }

  /** Hands each grace period that has ended to the room; says when the next one ends. */
  async graceDue(now: number): Promise<number | null> {
    if (this.host.shopId() === null) return null
    const room = await this.live()
    return this.grace.due(now, (conversationId) => room.graceEnded(conversationId))
  }

  /** Fans a commit (or a delivery's news, or a staff change) out to the open sockets. */
  async publish(message: Published): Promise<void> {
    const room = await this.live()
    if (message._tag === "StaffChanged") await room.recheck()
    else if (message._tag === "Committed") {
      await room.publish(message.committed)
      await this.settled()
    } else
      await room.publishDelivery(message.conversationId as Ids.ConversationId, message.seq, message.delivery)
  }

  /** Closes one socket for what it sent (or because it cannot be served now); the room forgets it. */
  private async refuse(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code)
    } catch {}
    await this.leave(ws).catch(() => {})
  }

  private async onFrame(ws: WebSocket, attachment: Attachment, text: string): Promise<void> {
    if (attachment.role === "staff") {
      const frame = decodeMerchantFrame(text)
      if (frame._tag === "None") return
      // What a tab is viewing must survive hibernation, so the rebuilt room still shows it to the others.
      if (frame.value._tag === "Viewing")
        ws.serializeAttachment({ ...attachment, viewing: frame.value.conversationId } satisfies Attachment)
    } else if (decodeShopperFrame(text)._tag === "None") return
    const room = await this.live()
    room.message(this.socketFor(ws, attachment.sid), text)
  }

  private socketFor(ws: WebSocket, sid: string): RoomSocket {
    let socket = this.sockets.get(sid)
    if (socket === undefined) {
      socket = {
        send: (data) => {
          if (!this.hydrating) ws.send(data)
        },
        close: (code, reason) => ws.close(code, reason),
      }
      this.sockets.set(sid, socket)
    }
    return socket
  }

  private async leave(ws: WebSocket): Promise<void> {
    const attachment = ws.deserializeAttachment() as Attachment | null
    if (attachment === null) return
    const room = await this.live()
    const socket = this.sockets.get(attachment.sid)
    this.sockets.delete(attachment.sid)
    if (socket !== undefined) room.leave(socket)
    await this.settled()
  }

  /** The room's grace timer; the alarm is set by the entry point that gave the room its work (`settled`). */
  private startGrace(conversationId: string, ms: number, restart: boolean): void {
    const at = this.host.now() + ms
    if (!this.grace.start(conversationId, at, restart)) return
    this.wakeBy = this.wakeBy === null ? at : Math.min(this.wakeBy, at)
  }

  /** Sets the alarm the room asked for, in the entry point that gave it the work (no promise outlives it). */
  private async settled(): Promise<void> {
    const at = this.wakeBy
    this.wakeBy = null
    if (at !== null) await this.host.wakeAt(at)
  }

  /**
   * The room, rebuilt after hibernation or eviction from the sockets still open and their attachments. The
   * rebuild sends nothing and writes nothing: the sockets already had their replay and presence.
   */
  private live(): Promise<ShopRoom> {
    this.room ??= (async () => {
      const room = new ShopRoom(this.roomHost(), this.host.graceMs)
      this.hydrating = true
      try {
        for (const ws of this.host.ctx.getWebSockets()) {
          const a = ws.deserializeAttachment() as Attachment | null
          if (a === null) continue
          const socket = this.socketFor(ws, a.sid)
          if (a.role === "staff") {
            await room.joinStaff(socket, { staffId: a.staffId as Ids.StaffId, sessionId: a.session }, null)
            if (a.viewing !== null)
              room.message(socket, encodeMerchantFrame({ _tag: "Viewing", conversationId: a.viewing }))
          } else await room.joinShopper(socket, a.conversationId as Ids.ConversationId, null)
        }
      } finally {
        this.hydrating = false
      }
      return room
    })()
    return this.room
  }

  /** The room's host: the store (silent while the room is rebuilt) and the grace timers in storage. */
  private roomHost(): RoomHost {
    const store = storeHost(
      this.host.runtime.managed.runPromise,
      (this.host.shopId() ?? "") as Ids.ShopId,
      (line) => console.error(line),
    )
    return {
      eventsSince: (shopSeq) =>
        this.hydrating
          ? Promise.resolve({ events: [], conversations: new Map(), shopSeq: 0 })
          : store.eventsSince(shopSeq),
      conversationEventsSince: (conversationId, seq) =>
        this.hydrating ? Promise.resolve([]) : store.conversationEventsSince(conversationId, seq),
      changePresence: (conversationId, online) =>
        this.hydrating ? Promise.resolve() : store.changePresence(conversationId, online),
      chatSessions: store.chatSessions,
      startGrace: (conversationId, ms, restart) => this.startGrace(conversationId, ms, restart),
      cancelGrace: (conversationId) => this.grace.cancel(conversationId),
      now: () => this.host.now(),
    }
  }
}
