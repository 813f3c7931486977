/**
 * One shop's live room, runtime-agnostic (hosted in process on Node, in the shop's Durable Object on Workers):
 * merchant tabs and shopper sockets, shopper presence with a grace period (R8/R9), who is viewing or typing,
 * fan-out of committed events with the shop sequence number, and gap-free replay on reconnect; each fan-out
 * first closes the tabs whose session or chat permission is gone (R0.2). Longer than most modules because
 * presence, replay and access all act on the same member sets.
 */
import { Access, type Conversation, type Ids, InboxRow, Text } from "@inbox/core"
import {
  type Delivery,
  MerchantClientFrame,
  MerchantServerFrame,
  ShopperClientFrame,
  ShopperServerFrame,
} from "@inbox/core/wire"
import { Schema } from "effect"
import type { Committed, StoredEvent } from "../repo/Conversations.ts"

/** What the room needs of a socket: the host adapts `ws` or a hibernatable WebSocket to this. */
export interface RoomSocket {
  readonly send: (data: string) => void
  readonly close: (code?: number, reason?: string) => void
}

/**
 * What the room needs of its host: durable history, presence commands, who may read the inbox, and the grace
 * period's timer. The host keeps that timer where it survives what the host may go through (a Node timer; a
 * Durable Object's alarm across hibernation) and calls `graceEnded` when it is due.
 */
export interface RoomHost {
  /** One page of the shop's events after a shop sequence number, in order, with each conversation's current state. */
  readonly eventsSince: (shopSeq: number) => Promise<{
    readonly events: ReadonlyArray<StoredEvent>
    readonly conversations: ReadonlyMap<
      string,
      { readonly state: Conversation.Conversation; readonly customerName: string }
    >
    readonly shopSeq: number
  }>
  /** Customer-visible events of one conversation after a sequence number. */
  readonly conversationEventsSince: (
    conversationId: Ids.ConversationId,
    seq: number,
  ) => Promise<ReadonlyArray<StoredEvent>>
  /** Runs the ChangePresence command (its commit comes back through `committed`). */
  readonly changePresence: (conversationId: Ids.ConversationId, online: boolean) => Promise<void>
  /** Starts the grace period of a shopper gone (again, when `restart`; else only if none is pending). */
  readonly startGrace: (conversationId: Ids.ConversationId, ms: number, restart: boolean) => void
  /** The shopper is back before the end of the grace period. */
  readonly cancelGrace: (conversationId: Ids.ConversationId) => void
  /**
   * The sessions whose staff member may read the inbox now (live session, chat permission). Checked before
   * every fan-out and on `recheck`, so a tab that lost access is closed before it sees anything more. @see R0.2
   */
  readonly chatSessions: () => Promise<ReadonlySet<string>>
  /** Wall clock for throttling typing frames. */
  readonly now: () => number
}

/** Who a merchant tab is: the staff member and the session their token names. */
export interface StaffIdentity {
  readonly staffId: Ids.StaffId
  readonly sessionId: string
}

interface StaffMember {
  readonly kind: "staff"
  readonly socket: RoomSocket
  readonly staffId: Ids.StaffId
  readonly sessionId: string
  viewing: Ids.ConversationId | null
  lastTypingAt: number
  /** Live frames held back while the replay is being sent, so nothing is lost or doubled. */
  buffer: Array<{ readonly shopSeq: number; readonly frame: MerchantServerFrame }> | null
}

interface ShopperMember {
  readonly kind: "shopper"
  readonly socket: RoomSocket
  readonly conversationId: Ids.ConversationId
  lastTypingAt: number
  buffer: Array<{ readonly seq: number; readonly frame: ShopperServerFrame }> | null
}

/** The largest frame a client may send (a typing or viewing frame is a few dozen bytes); larger closes 1009. */
export const MAX_FRAME_BYTES = 64 * 1024

/** RFC 6455 close codes the hosts use when a peer breaks the protocol or the server cannot serve it now. */
export const CloseCode = {
  unsupportedData: 1003,
  /** The tab's session ended or its staff member lost the chat permission. */
  policyViolation: 1008,
  messageTooBig: 1009,
  tryAgainLater: 1011,
} as const

/** At most one typing frame per socket in this window: a held-down key must not flood every tab. */
export const TYPING_THROTTLE_MS = 1_000

/** How long a shopper may be gone (reload, next page) before they count as offline. @see R9 */
export const DEFAULT_GRACE_MS = 10_000

const decodeMerchant = Schema.decodeUnknownOption(Schema.fromJsonString(Text.wellFormed(MerchantClientFrame)))
const decodeShopper = Schema.decodeUnknownOption(Schema.fromJsonString(Text.wellFormed(ShopperClientFrame)))
// Frames leave encoded by their Schemas, the same the web decodes them with.
const encodeMerchant = Schema.encodeSync(Schema.fromJsonString(MerchantServerFrame))
const encodeShopper = Schema.encodeSync(Schema.fromJsonString(ShopperServerFrame))

export class ShopRoom {
  private readonly staff = new Set<StaffMember>()
  private readonly shoppers = new Set<ShopperMember>()
  private readonly host: RoomHost
  private readonly graceMs: number
  /** Fan-outs, one after another in call order, each after the access check. */
  private outgoing: Promise<void> = Promise.resolve()

  constructor(host: RoomHost, graceMs: number = DEFAULT_GRACE_MS) {
    this.host = host
    this.graceMs = graceMs
  }

  /** A merchant tab connects; with `since`, it first receives every Committed frame after that shop seq. */
  async joinStaff(socket: RoomSocket, who: StaffIdentity, since: number | null): Promise<void> {
    const { staffId, sessionId } = who
    const member: StaffMember = {
      kind: "staff",
      socket,
      staffId,
      sessionId,
      viewing: null,
      lastTypingAt: 0,
      buffer: [],
    }
    this.staff.add(member)
    let last = since ?? 0
    try {
      if (since === null) last = (await this.host.eventsSince(Number.MAX_SAFE_INTEGER)).shopSeq
      // Page through the log until it is exhausted; `last` only moves with what was actually sent, so an
      // event committed meanwhile is either replayed or still in the buffer, never skipped.
      else
        for (;;) {
          const page = await this.host.eventsSince(last)
          if (page.events.length === 0) break
          for (const e of page.events) {
            const conv = page.conversations.get(e.conversationId)
            if (conv !== undefined)
              this.sendStaff(member, {
                _tag: "Committed",
                shopSeq: e.shopSeq,
                conversationId: e.conversationId,
                seq: e.seq,
                event: e.event,
                row: InboxRow.inboxRow(conv.state, staffId, conv.customerName),
              })
            last = Math.max(last, e.shopSeq)
          }
        }
    } finally {
      const held = member.buffer ?? []
      member.buffer = null
      for (const h of held)
        if (h.shopSeq === 0 || h.shopSeq > last) {
          this.sendStaff(member, h.frame)
          last = Math.max(last, h.shopSeq)
        }
    }
    this.sendStaff(member, { _tag: "Ready", shopSeq: last })
    for (const m of this.staff)
      if (m.viewing !== null)
        this.sendStaff(member, {
          _tag: "Viewing",
          conversationId: m.viewing,
          staffIds: this.viewers(m.viewing),
        })
    for (const conversationId of this.onlineConversations())
      this.sendStaff(member, { _tag: "Presence", conversationId, online: true })
  }

  /** A shopper's chat socket: it is their presence in the store. @see R8 */
  async joinShopper(
    socket: RoomSocket,
    conversationId: Ids.ConversationId,
    since: number | null,
  ): Promise<void> {
    const member: ShopperMember = { kind: "shopper", socket, conversationId, lastTypingAt: 0, buffer: [] }
    const wasOnline = this.isOnline(conversationId)
    this.shoppers.add(member)
    this.host.cancelGrace(conversationId)
    let last = since ?? 0
    try {
      if (since !== null)
        for (const e of await this.host.conversationEventsSince(conversationId, since))
          if (Access.visibleToCustomer(e.event)) {
            this.sendShopper(member, { _tag: "Committed", seq: e.seq, event: e.event })
            last = Math.max(last, e.seq)
          }
    } finally {
      const held = member.buffer ?? []
      member.buffer = null
      for (const h of held) if (h.seq === 0 || h.seq > last) this.sendShopper(member, h.frame)
    }
    this.sendShopper(member, { _tag: "Ready", seq: last })
    if (!wasOnline) {
      this.broadcastStaff({ _tag: "Presence", conversationId, online: true })
      await this.host.changePresence(conversationId, true)
    }
  }

  leave(socket: RoomSocket): void {
    for (const m of this.staff)
      if (m.socket === socket) {
        this.staff.delete(m)
        if (m.viewing !== null) this.broadcastViewing(m.viewing)
      }
    for (const m of this.shoppers)
      if (m.socket === socket) {
        this.shoppers.delete(m)
        if (!this.isOnline(m.conversationId)) this.host.startGrace(m.conversationId, this.graceMs, true)
      }
  }

  /** A frame from a socket; anything that does not decode is ignored (never trusted, never echoed). */
  message(socket: RoomSocket, data: string): void {
    const staff = [...this.staff].find((m) => m.socket === socket)
    if (staff !== undefined) {
      const frame = decodeMerchant(data)
      if (frame._tag === "None") return
      const f = frame.value
      if (f._tag === "Viewing") {
        const previous = staff.viewing
        staff.viewing = f.conversationId
        if (previous !== null && previous !== f.conversationId) this.broadcastViewing(previous)
        if (f.conversationId !== null) this.broadcastViewing(f.conversationId)
      } else {
        if (!this.typingAllowed(staff)) return
        for (const m of this.staff)
          if (m !== staff)
            this.sendStaff(m, {
              _tag: "Typing",
              conversationId: f.conversationId,
              who: { staffId: staff.staffId },
            })
        for (const m of this.shoppers)
          if (m.conversationId === f.conversationId) this.sendShopper(m, { _tag: "Typing" })
      }
      return
    }
    const shopper = [...this.shoppers].find((m) => m.socket === socket)
    if (shopper !== undefined && decodeShopper(data)._tag === "Some" && this.typingAllowed(shopper))
      this.broadcastStaff({ _tag: "Typing", conversationId: shopper.conversationId, who: "customer" })
  }

  /** Fans out a commit once every tab still allowed to see it is known; in call order. @see R0.2 */
  publish(c: Committed): Promise<void> {
    return this.inOrder(() => this.committed(c))
  }

  /** Fans out a delivery status, after the same access check. */
  publishDelivery(conversationId: Ids.ConversationId, seq: number, delivery: Delivery): Promise<void> {
    return this.inOrder(() => this.deliveryUpdated(conversationId, seq, delivery))
  }

  /** A session ended or a permission changed: tabs that lost access are closed now. */
  recheck(): Promise<void> {
    return this.inOrder(() => {})
  }

  private inOrder(send: () => void): Promise<void> {
    const run = this.outgoing.then(async () => {
      await this.closeRevoked()
      send()
    })
    this.outgoing = run.catch(() => {})
    return run
  }

  /**
   * Closes the tabs whose session or permission is gone. When access cannot be checked (the store is away)
   * every tab is closed with "try again later": it reconnects, and the handshake checks again.
   */
  private async closeRevoked(): Promise<void> {
    if (this.staff.size === 0) return
    const live = await this.host.chatSessions().catch(() => null)
    for (const m of [...this.staff]) {
      if (live?.has(m.sessionId)) continue
      this.staff.delete(m)
      if (m.viewing !== null) this.broadcastViewing(m.viewing)
      try {
        m.socket.close(live === null ? CloseCode.tryAgainLater : CloseCode.policyViolation)
      } catch {
        // Already closing: leave() finds nothing more to do.
      }
    }
  }

  /** Fans out a commit now (callers use `publish`): every tab gets each event with its row; the shopper what they may see. */
  committed(c: Committed): void {
    // Online without a socket here (a chat just started, or the store says so after a restart): the shopper
    // gets the grace period to connect, then counts as gone. @see R9
    if (c.conversation.customerOnline && !this.isOnline(c.conversation.id))
      this.host.startGrace(c.conversation.id, this.graceMs, false)
    for (const e of c.events) {
      // One row and one JSON text per staff member, not per socket: a shop may keep hundreds of tabs open.
      const frames = new Map<Ids.StaffId, { readonly frame: MerchantServerFrame; readonly text: string }>()
      for (const m of this.staff) {
        let f = frames.get(m.staffId)
        if (f === undefined) {
          const frame: MerchantServerFrame = {
            _tag: "Committed",
            shopSeq: e.shopSeq,
            conversationId: e.conversationId,
            seq: e.seq,
            event: e.event,
            row: InboxRow.inboxRow(c.conversation, m.staffId, c.customerName),
          }
          f = { frame, text: encodeMerchant(frame) }
          frames.set(m.staffId, f)
        }
        if (m.buffer !== null) m.buffer.push({ shopSeq: e.shopSeq, frame: f.frame })
        else sendText(m.socket, f.text)
      }
      if (Access.visibleToCustomer(e.event))
        for (const m of this.shoppers)
          if (m.conversationId === e.conversationId)
            this.sendShopper(m, { _tag: "Committed", seq: e.seq, event: e.event }, e.seq)
    }
  }

  deliveryUpdated(conversationId: Ids.ConversationId, seq: number, delivery: Delivery): void {
    this.broadcastStaff({ _tag: "DeliveryUpdated", conversationId, seq, delivery })
  }

  /** Conversations the store believes online; those with no socket here go offline after the grace period. */
  reconcile(onlineInStore: ReadonlyArray<Ids.ConversationId>): void {
    for (const id of onlineInStore) if (!this.isOnline(id)) this.host.startGrace(id, this.graceMs, false)
  }

  /** The host's grace timer is due: a shopper still without a socket is offline now. @see R8, R9 */
  async graceEnded(conversationId: Ids.ConversationId): Promise<void> {
    if (this.isOnline(conversationId)) return
    await this.inOrder(() => this.broadcastStaff({ _tag: "Presence", conversationId, online: false }))
    await this.host.changePresence(conversationId, false)
  }

  isOnline(conversationId: string): boolean {
    for (const m of this.shoppers) if (m.conversationId === conversationId) return true
    return false
  }

  get size(): number {
    return this.staff.size + this.shoppers.size
  }

  private typingAllowed(m: { lastTypingAt: number }): boolean {
    const now = this.host.now()
    if (now - m.lastTypingAt < TYPING_THROTTLE_MS) return false
    m.lastTypingAt = now
    return true
  }

  private onlineConversations(): ReadonlySet<Ids.ConversationId> {
    return new Set([...this.shoppers].map((m) => m.conversationId))
  }

  private viewers(conversationId: Ids.ConversationId): ReadonlyArray<Ids.StaffId> {
    return [...new Set([...this.staff].filter((m) => m.viewing === conversationId).map((m) => m.staffId))]
  }

  private broadcastViewing(conversationId: Ids.ConversationId): void {
    this.broadcastStaff({ _tag: "Viewing", conversationId, staffIds: this.viewers(conversationId) })
  }

  private broadcastStaff(frame: MerchantServerFrame): void {
    for (const m of this.staff) this.sendStaff(m, frame)
  }

  private sendStaff(m: StaffMember, frame: MerchantServerFrame, shopSeq = 0): void {
    if (m.buffer !== null) m.buffer.push({ shopSeq, frame })
    else sendText(m.socket, encodeMerchant(frame))
  }

  private sendShopper(m: ShopperMember, frame: ShopperServerFrame, seq = 0): void {
    if (m.buffer !== null) m.buffer.push({ seq, frame })
    else sendText(m.socket, encodeShopper(frame))
  }
}

const sendText = (socket: RoomSocket, text: string): void => {
  try {
    socket.send(text)
  } catch {
    // A socket closing mid-send is the host's to clean up through leave().
  }
}
