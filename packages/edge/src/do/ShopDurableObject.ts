/**
 * One shop's Durable Object: a thin host around the runtime-agnostic ShopRoom and app. It adapts hibernatable
 * WebSockets to the room (authenticated by the one socket authentication, realtime/SocketAuth.ts; frames and
 * attachments in sockets.ts), rings its alarm for the room's grace timers (graceTimers.ts) and the outbox's
 * next delivery (outboxAlarm.ts), and fans out commits (`publish`). Without INBOX_DB_URL it also holds the
 * shop's database (its own SQLite) and serves the shop's API, so every write is serialised and committed here.
 * Longer than most modules because the platform calls the object by these entry points (fetch, the socket
 * handlers, alarm, publish, email and Meta forwarding); each only adapts to the shared room and app.
 */
import { DurableObject } from "cloudflare:workers"
import { I18n, type Ids, newId } from "@inbox/core"
import type { Delivery, MetaEntry, MetaPlatform } from "@inbox/core/wire"
import { drizzle } from "drizzle-orm/durable-sqlite"
import { migrate } from "drizzle-orm/durable-sqlite/migrator"
import { Clock, Effect, Layer } from "effect"
import { makeApp } from "../app.ts"
import type { Envelope } from "../channels/email/parse.ts"
import { durableClient } from "../db/client.durable.ts"
import { bundledSql, migrationJournal, openRemoteClient } from "../db/client.worker.ts"
import { layerClient } from "../db/Database.ts"
import { RouteNotFound, Unauthorized } from "../http/EdgeErrors.ts"
import { internalError, isAppError, renderError } from "../http/errors.ts"
import { runWith } from "../http/runtime.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { CloseCode, MAX_FRAME_BYTES, type RoomHost, type RoomSocket, ShopRoom } from "../realtime/ShopRoom.ts"
import { socketIdentity } from "../realtime/SocketAuth.ts"
import { storeHost } from "../realtime/storeHost.ts"
import type { Committed } from "../repo/Conversations.ts"
import { repairIndex } from "../repo/Search.ts"
import type { Seed } from "../runtime/layers.ts"
import { type EmailVerdict, receiveEmail, verdictOf } from "../workflows/InboundEmail.ts"
import { receiveEntries } from "../workflows/MetaInbound.ts"
import { workerChannels, workerPush } from "./channels.ts"
import { readConfig, type WorkerConfig, type WorkerEnv } from "./config.ts"
import { GraceTimers } from "./graceTimers.ts"
import { makeWorkerRuntime, type WorkerRuntime } from "./layers.ts"
import { OutboxAlarm } from "./outboxAlarm.ts"
import {
  type Attachment,
  decodeMerchantFrame,
  decodeShopperFrame,
  encodeMerchantFrame,
  frameBytes,
  reciprocalCode,
} from "./sockets.ts"

/** The Worker names the shop of every request it forwards (the object's name is not always visible to it). */
export const SHOP_HEADER = "x-inbox-shop"

const SHOP_KEY = "shop"

/** What the Worker (or a commit inside this object) hands over for fan-out. */
export type Published =
  | { readonly _tag: "Committed"; readonly committed: Committed }
  | {
      readonly _tag: "DeliveryUpdated"
      readonly conversationId: string
      readonly seq: number
      readonly delivery: Delivery
    }
  | { readonly _tag: "StaffChanged" }

const json = (body: unknown, status: number): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  })

/** A file of the web build from the Worker's assets binding, or null (no binding, as in the tests). */
const assetOf = async (env: WorkerEnv, request: Request): Promise<Response | null> => {
  if (env.ASSETS === undefined) return null
  const file = await env.ASSETS.fetch(request)
  return file.ok ? file : null
}

export class ShopDurableObject extends DurableObject<WorkerEnv> {
  protected readonly config: WorkerConfig
  private readonly runtime: WorkerRuntime
  private readonly outbox: OutboxAlarm
  private readonly grace: GraceTimers
  /** True when this object's SQLite is the shop's database (no INBOX_DB_URL). */
  private readonly ownsDatabase: boolean
  private readonly sockets = new Map<string, RoomSocket>()
  private room: Promise<ShopRoom> | null = null
  /** While the room is rebuilt after hibernation, nothing is sent and no presence is written. */
  private hydrating = false
  private app: ReturnType<typeof makeApp> | null = null
  private seeded: Promise<void> | null = null
  /** The earliest grace end the room asked for since the alarm was last set. */
  private wakeBy: number | null = null
  /**
   * The shop, as kept under SHOP_KEY (so an alarm after eviction knows it): read from storage once, written
   * only when it changes, so a request costs no storage round trip for it.
   */
  private shop: string | null | undefined = undefined

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env)
    this.config = readConfig(env)
    this.ownsDatabase = this.config.dbUrl === null
    const client = this.ownsDatabase
      ? durableClient(ctx.storage)
      : openRemoteClient({ url: this.config.dbUrl ?? "", authToken: this.config.dbAuthToken ?? undefined })
    const channels = workerChannels(env, this.config)
    this.runtime = makeWorkerRuntime(this.config, {
      channels,
      push: workerPush(this.config),
      database: layerClient(client),
      broadcaster: Layer.succeed(Broadcaster, {
        committed: (_shopId, committed) =>
          Effect.promise(() => this.fanOut({ _tag: "Committed", committed })),
        deliveryUpdated: (_shopId, conversationId, seq, delivery) =>
          Effect.promise(() => this.fanOut({ _tag: "DeliveryUpdated", conversationId, seq, delivery })),
        staffChanged: () => Effect.promise(() => this.fanOut({ _tag: "StaffChanged" })),
      }),
      images: env.IMAGES,
    })
    this.outbox = new OutboxAlarm(ctx.storage, this.runtime, channels.retry, (at) => this.wakeAt(at))
    this.grace = new GraceTimers(ctx.storage)
    if (this.ownsDatabase)
      void ctx.blockConcurrencyWhile(async () => {
        await migrate(drizzle(ctx.storage), { journal: migrationJournal, migrations: { ...bundledSql } })
        await this.runtime.managed.runPromise(repairIndex)
      })
  }

  /** Fans out a commit made elsewhere (the Worker over remote libSQL). Called only after the commit. */
  async publish(shopId: string, message: Published): Promise<void> {
    this.rememberShop(shopId)
    await this.fanOut(message)
  }

  /** Receives an email routed to this shop (the Worker's `email()` handler), when this object holds its data. */
  async receiveEmail(
    shopId: string,
    raw: Uint8Array<ArrayBuffer>,
    envelope: Envelope,
  ): Promise<EmailVerdict> {
    this.rememberShop(shopId)
    if (this.ownsDatabase) await this.firstStart(shopId)
    return verdictOf(await this.runtime.managed.runPromiseExit(receiveEmail(shopId, raw, envelope)))
  }

  /** Receives Meta's webhook entries for this shop (the Worker checked the signature). Answers the events read. */
  async receiveMeta(
    shopId: string,
    platform: MetaPlatform,
    entries: ReadonlyArray<MetaEntry>,
  ): Promise<number> {
    this.rememberShop(shopId)
    if (this.ownsDatabase) await this.firstStart(shopId)
    return this.runtime.managed.runPromise(receiveEntries(shopId as Ids.ShopId, platform, entries))
  }

  override async fetch(request: Request): Promise<Response> {
    const header = request.headers.get(SHOP_HEADER)
    if (header !== null) this.rememberShop(header)
    const shopId = this.shopId()
    if (shopId === null) return json(internalError("en"), 500)
    try {
      if (this.ownsDatabase) await this.firstStart(shopId)
      if (request.headers.get("upgrade")?.toLowerCase() === "websocket")
        return await this.upgrade(request, shopId)
      if (!this.ownsDatabase) throw new RouteNotFound({ path: new URL(request.url).pathname })
      // The chat frame (`/widget/:shop`) is a file of the web build served with this shop's embedding policy.
      this.app ??= makeApp({ ...this.runtime, assets: (r) => assetOf(this.env, r) })
      return await this.app.fetch(request)
    } catch (error) {
      return this.errorResponse(request, error)
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
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
    const room = await this.liveRoom()
    room.message(this.socketFor(ws, attachment.sid), text)
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    await this.leave(ws)
    // Complete the closing handshake, as partyserver does; a socket already closed just says so.
    try {
      ws.close(reciprocalCode(code), reason)
    } catch {}
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.leave(ws)
  }

  /** The wall clock, read through Effect's Clock (hosts need it outside an effect: alarms, typing). */
  private now(): number {
    return Effect.runSync(Clock.currentTimeMillis)
  }

  /** Ends the grace periods that are due (the room decides, R8/R9) and delivers the outbox (R2). */
  override async alarm(): Promise<void> {
    const now = this.now()
    const nextGrace = await this.graceDue(now)
    const nextDelivery = await this.outbox.deliver(now)
    const next = [nextGrace, nextDelivery].filter((at): at is number => at !== null)
    if (next.length > 0) await this.ctx.storage.setAlarm(Math.min(...next))
  }

  /** Hands each grace period that has ended to the room; says when the next one ends. */
  private async graceDue(now: number): Promise<number | null> {
    if (this.shopId() === null) return null
    const room = await this.liveRoom()
    return this.grace.due(now, (conversationId) => room.graceEnded(conversationId))
  }

  private storedShop(): string | null {
    this.shop ??= this.ctx.storage.kv.get<string>(SHOP_KEY) ?? null
    return this.shop
  }

  private shopId(): string | null {
    return this.storedShop() ?? this.ctx.id.name ?? null
  }

  private rememberShop(shopId: string): void {
    if (this.storedShop() === shopId) return
    this.ctx.storage.kv.put(SHOP_KEY, shopId)
    this.shop = shopId
  }

  /** What to write into this shop's empty database before it serves: nothing in production (see demo/). */
  protected seed(_shopId: string): Seed | null {
    return null
  }

  /**
   * The seed runs on the first request, before any request reads the database; later requests only await it
   * (the seed is built once: the demo's is a whole shop).
   */
  private firstStart(shopId: string): Promise<void> {
    if (this.seeded !== null) return this.seeded
    const seed = this.seed(shopId)
    this.seeded =
      seed === null
        ? Promise.resolve()
        : this.ctx
            .blockConcurrencyWhile(async () => {
              if (await this.runtime.managed.runPromise(seed)) await this.outbox.deliverAt(this.now())
            })
            .catch((error: unknown) => {
              this.seeded = null
              throw error
            })
    return this.seeded
  }

  private async upgrade(request: Request, shopId: string): Promise<Response> {
    const who = await runWith(this.runtime)(socketIdentity(request))
    // The Worker routed by the shop a token names, unverified: a socket of another shop is not this one's.
    if (who.shopId !== shopId) throw new Unauthorized()
    const sid = await this.runtime.managed.runPromise(newId("sock"))
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
    const room = await this.liveRoom()
    this.ctx.acceptWebSocket(server, tags)
    server.serializeAttachment(attachment)
    const socket = this.socketFor(server, attachment.sid)
    if (who.role === "staff")
      await room.joinStaff(socket, { staffId: who.staffId, sessionId: who.sessionId }, who.since)
    else await room.joinShopper(socket, who.conversationId, who.since)
    await this.settled()
    return new Response(null, { status: 101, webSocket: client })
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
    const room = await this.liveRoom()
    const socket = this.sockets.get(attachment.sid)
    this.sockets.delete(attachment.sid)
    if (socket !== undefined) room.leave(socket)
    await this.settled()
  }

  /** The room's grace timer; the alarm is set by the entry point that gave the room its work (`settled`). */
  private startGrace(conversationId: string, ms: number, restart: boolean): void {
    const at = this.now() + ms
    if (!this.grace.start(conversationId, at, restart)) return
    this.wakeBy = this.wakeBy === null ? at : Math.min(this.wakeBy, at)
  }

  /** Sets the alarm to `at` unless it rings earlier already. */
  private async wakeAt(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm()
    if (current === null || current > at) await this.ctx.storage.setAlarm(at)
  }

  /** Sets the alarm the room asked for, in the entry point that gave it the work (no promise outlives it). */
  private async settled(): Promise<void> {
    const at = this.wakeBy
    this.wakeBy = null
    if (at !== null) await this.wakeAt(at)
  }

  private async fanOut(message: Published): Promise<void> {
    const room = await this.liveRoom()
    if (message._tag === "StaffChanged") await room.recheck()
    else if (message._tag === "Committed") {
      await room.publish(message.committed)
      await this.settled()
      // A reply written here went to the outbox in the same commit: deliver it now (the alarm runs after us).
      if (this.ownsDatabase && message.committed.events.some((e) => e.event._tag.endsWith("ReplySent")))
        await this.outbox.deliverAt(this.now())
    } else
      await room.publishDelivery(message.conversationId as Ids.ConversationId, message.seq, message.delivery)
  }

  /**
   * The room, rebuilt after hibernation or eviction from the sockets still open and their attachments. The
   * rebuild sends nothing and writes nothing: the sockets already had their replay and presence.
   */
  private liveRoom(): Promise<ShopRoom> {
    this.room ??= (async () => {
      const room = new ShopRoom(this.roomHost(), this.config.presenceGraceMs)
      this.hydrating = true
      try {
        for (const ws of this.ctx.getWebSockets()) {
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
    const store = storeHost(this.runtime.managed.runPromise, (this.shopId() ?? "") as Ids.ShopId, (line) =>
      console.error(line),
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
      now: () => this.now(),
    }
  }

  private errorResponse(request: Request, error: unknown): Response {
    const locale = I18n.pickLocale(request.headers.get("accept-language") ?? undefined)
    if (isAppError(error)) {
      const { status, body } = renderError(error, locale)
      return json(body, status)
    }
    console.error(error)
    return json(internalError(locale), 500)
  }
}
