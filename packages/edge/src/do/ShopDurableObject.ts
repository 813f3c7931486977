/**
 * One shop's Durable Object: a thin host around the runtime-agnostic app and the shop's live room
 * (liveRoom.ts: hibernatable sockets, the rebuilt room, its grace timers). It rings its alarm for the room's
 * grace periods and the outbox's next delivery (outboxAlarm.ts) and fans out commits (`publish`). Without
 * INBOX_DB_URL it also holds the shop's database (its own SQLite) and serves the shop's API, so every write is
 * serialised and committed here. Each entry point the platform calls (fetch, the socket handlers, alarm,
 * publish, email and Meta forwarding) only adapts to the shared app and room.
 */
import { DurableObject } from "cloudflare:workers"
import { I18n, type Ids } from "@inbox/core"
import type { MetaEntry, MetaPlatform } from "@inbox/core/wire"
import { drizzle } from "drizzle-orm/durable-sqlite"
import { migrate } from "drizzle-orm/durable-sqlite/migrator"
import { Clock, Effect, Layer } from "effect"
import { makeApp } from "../app.ts"
import type { Envelope } from "../channels/email/parse.ts"
import { durableClient } from "../db/client.durable.ts"
import { bundledSql, migrationJournal, openRemoteClient } from "../db/client.worker.ts"
import { layerClient } from "../db/Database.ts"
import { RouteNotFound } from "../http/EdgeErrors.ts"
import { internalError, isAppError, renderError } from "../http/errors.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { repairIndex } from "../repo/Search.ts"
import type { Seed } from "../runtime/layers.ts"
import { type EmailVerdict, receiveEmail, verdictOf } from "../workflows/InboundEmail.ts"
import { receiveEntries } from "../workflows/MetaInbound.ts"
import { workerChannels, workerPush } from "./channels.ts"
import { readConfig, type WorkerConfig, type WorkerEnv } from "./config.ts"
import { makeWorkerRuntime, type WorkerRuntime } from "./layers.ts"
import { LiveRoom, type Published } from "./liveRoom.ts"
import { OutboxAlarm } from "./outboxAlarm.ts"

/** The Worker names the shop of every request it forwards (the object's name is not always visible to it). */
export const SHOP_HEADER = "x-inbox-shop"

const SHOP_KEY = "shop"

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
  private readonly live: LiveRoom
  /** True when this object's SQLite is the shop's database (no INBOX_DB_URL). */
  private readonly ownsDatabase: boolean
  private app: ReturnType<typeof makeApp> | null = null
  private seeded: Promise<void> | null = null
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
    this.live = new LiveRoom({
      ctx,
      runtime: this.runtime,
      graceMs: this.config.presenceGraceMs,
      shopId: () => this.shopId(),
      now: () => this.now(),
      wakeAt: (at) => this.wakeAt(at),
    })
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
        return await this.live.accept(request, shopId)
      if (!this.ownsDatabase) throw new RouteNotFound({ path: new URL(request.url).pathname })
      // The chat frame (`/widget/:shop`) is a file of the web build served with this shop's embedding policy.
      this.app ??= makeApp({ ...this.runtime, assets: (r) => assetOf(this.env, r) })
      return await this.app.fetch(request)
    } catch (error) {
      return this.errorResponse(request, error)
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.live.frame(ws, message)
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    await this.live.closed(ws, code, reason)
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.live.errored(ws)
  }

  /** The wall clock, read through Effect's Clock (hosts need it outside an effect: alarms, typing). */
  private now(): number {
    return Effect.runSync(Clock.currentTimeMillis)
  }

  /** Ends the grace periods that are due (the room decides, R8/R9) and delivers the outbox (R2). */
  override async alarm(): Promise<void> {
    const now = this.now()
    const nextGrace = await this.live.graceDue(now)
    const nextDelivery = await this.outbox.deliver(now)
    const next = [nextGrace, nextDelivery].filter((at): at is number => at !== null)
    if (next.length > 0) await this.ctx.storage.setAlarm(Math.min(...next))
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

  /** Sets the alarm to `at` unless it rings earlier already. */
  private async wakeAt(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm()
    if (current === null || current > at) await this.ctx.storage.setAlarm(at)
  }

  private async fanOut(message: Published): Promise<void> {
    await this.live.publish(message)
    // A reply written here went to the outbox in the same commit: deliver it now (the alarm runs after us).
    if (
      this.ownsDatabase &&
      message._tag === "Committed" &&
      message.committed.events.some((e) => e.event._tag.endsWith("ReplySent"))
    )
      await this.outbox.deliverAt(this.now())
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
