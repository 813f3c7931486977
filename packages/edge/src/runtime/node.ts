/**
 * The Node server: open libSQL (file by default), migrate, run the optional first-start seed, then serve the
 * app, the web build and the realtime sockets on http://127.0.0.1:8787 (PORT overrides). Run directly it
 * serves an empty database; `npm start` runs `demo/start.ts`, which seeds the demo shop first.
 */
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import type { IncomingMessage } from "node:http"
import { resolve } from "node:path"
import type { Duplex } from "node:stream"
import { fileURLToPath } from "node:url"
import { serve } from "@hono/node-server"
import type { Ids } from "@inbox/core"
import { Staff } from "@inbox/core"
import { RealtimeQuery, ShopperRealtimeQuery } from "@inbox/core/wire"
import { eq } from "drizzle-orm"
import { Effect, Layer, ManagedRuntime, Schema } from "effect"
import { getCookie } from "hono/cookie"
import { WebSocketServer } from "ws"
import { makeApp } from "../app.ts"
import { makeSigner, StaffSession, TokenSigner } from "../auth/Token.ts"
import { channelsFromEnv } from "../channels/config.node.ts"
import * as Dispatcher from "../channels/Dispatcher.ts"
import { dbConfigFromEnv, openClient, repoRoot } from "../db/client.node.ts"
import { layerClient, makeDb } from "../db/Database.ts"
import { applyMigrations } from "../db/migrate.node.ts"
import { inboxRows } from "../db/schema.ts"
import { verifyChatToken } from "../http/middleware/auth.ts"
import { type RateLimits, rateLimitsFromEnv } from "../http/middleware/rateLimit.ts"
import type { AppRuntime } from "../http/runtime.ts"
import { layerDisk } from "../images/disk.node.ts"
import { ShopRooms } from "../realtime/memory.ts"
import type { RoomSocket } from "../realtime/ShopRoom.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Directory } from "../repo/Directory.ts"
import * as Classifier from "../topics/classifier.ts"
import * as Shopper from "../workflows/Shopper.ts"
import { staticAssets } from "./assets.node.ts"
import { repositories, type Seed } from "./layers.ts"

export interface NodeServerOptions {
  readonly port: number
  readonly hostname: string
  readonly dbUrl: string
  readonly dbAuthToken?: string | undefined
  readonly sessionSecret: string
  readonly webhookSecret: string
  readonly dataDir: string
  readonly webDist: string | null
  /** Written once before serving, e.g. the demo shop into an empty database; true when it wrote. */
  readonly seed?: Seed | undefined
  readonly graceMs?: number
  readonly channels: Dispatcher.ChannelConfig
  readonly log?: (line: string) => void
  /** Abuse limits (default DEFAULT_RATE_LIMITS). */
  readonly rateLimits?: RateLimits
}

/** The session secret: from the env, else generated once and kept beside the database. */
const sessionSecretFromEnv = (dataDir: string): string => {
  if (process.env.INBOX_SESSION_SECRET) return process.env.INBOX_SESSION_SECRET
  const path = resolve(dataDir, "session-secret")
  if (existsSync(path)) return readFileSync(path, "utf8").trim()
  const secret = randomBytes(32).toString("base64url")
  writeFileSync(path, secret, { mode: 0o600 })
  return secret
}

export const startNodeServer = async (options: NodeServerOptions) => {
  const log = options.log ?? ((line: string) => console.log(line))
  const client = await openClient({ url: options.dbUrl, authToken: options.dbAuthToken })
  const db = makeDb(client)
  await applyMigrations(db)

  let runtime: ManagedRuntime.ManagedRuntime<Layer.Success<typeof appLayer>, never> | null = null
  const runPromise = <A, E>(effect: Effect.Effect<A, E, Layer.Success<typeof appLayer>>): Promise<A> =>
    runtime === null ? Promise.reject(new Error("runtime not ready")) : runtime.runPromise(effect)

  const rooms = new ShopRooms(
    (shopId) => ({
      eventsSince: (shopSeq) =>
        runPromise(
          Effect.gen(function* () {
            const store = yield* Conversations
            const events = yield* store.eventsSince(shopId, shopSeq, 500)
            // One query for the page's conversations, not one per conversation.
            const conversations = yield* store.loadNamedMany(
              shopId,
              events.map((e) => e.conversationId),
            )
            return { events, conversations, shopSeq: yield* store.currentShopSeq(shopId) }
          }),
        ),
      conversationEventsSince: (conversationId, seq) =>
        runPromise(
          Effect.gen(function* () {
            const events = yield* (yield* Conversations).events(shopId, conversationId)
            return events.filter((e) => e.seq > seq)
          }),
        ),
      changePresence: (conversationId, online) =>
        runPromise(Shopper.changePresence(shopId, conversationId, online)).catch((e: unknown) =>
          log(`presence update failed: ${String(e)}`),
        ),
      setTimer: (ms, f) => {
        const t = setTimeout(f, ms)
        return () => clearTimeout(t)
      },
    }),
    options.graceMs,
  )

  const signer = await makeSigner(options.sessionSecret)
  const appLayer = Layer.mergeAll(
    repositories,
    Layer.succeed(TokenSigner, signer),
    Classifier.layer,
    rooms.layer(),
    layerDisk(resolve(options.dataDir, "images")),
    Dispatcher.layerChannels(options.channels),
  ).pipe(Layer.provideMerge(layerClient(client)))
  runtime = ManagedRuntime.make(appLayer)
  const rt = runtime

  if (options.seed !== undefined) {
    const started = performance.now()
    if (await rt.runPromise(options.seed))
      log(`Seeded the demo shop in ${Math.round(performance.now() - started)} ms`)
  }

  const appRuntime: AppRuntime = {
    runExit: (effect) => rt.runPromiseExit(effect),
    webhookSecret: options.webhookSecret,
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    ...(options.webDist === null ? {} : { assets: staticAssets(options.webDist) }),
  }
  const app = makeApp(appRuntime)

  // After a restart nobody is connected yet: shoppers the store still shows online get the grace period to
  // reconnect, then go offline, so replies are routed by email again. @see R2, R9
  const stillOnline = await db
    .select({ shopId: inboxRows.shopId, conversationId: inboxRows.conversationId })
    .from(inboxRows)
    .where(eq(inboxRows.customerOnline, true))
  for (const r of stillOnline)
    rooms.room(r.shopId as Ids.ShopId).reconcile([r.conversationId as Ids.ConversationId])

  const dispatcher = Dispatcher.start((effect) => rt.runPromise(effect), {
    log,
    retry: options.channels.retry,
    pollMs: options.channels.pollMs,
  })

  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname })
  await new Promise<void>((ok) => server.once("listening", () => ok()))
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : options.port

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void handleUpgrade(request, socket, head)
  })

  const sameOrigin = (request: IncomingMessage): boolean => {
    const origin = request.headers.origin
    if (origin === undefined) return false
    try {
      return new URL(origin).host === request.headers.host
    } catch {
      return false
    }
  }

  const reject = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }

  const handleUpgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://localhost")
    const query = Object.fromEntries(url.searchParams)
    try {
      if (url.pathname === "/api/realtime") {
        const q = Schema.decodeUnknownOption(RealtimeQuery)(query)
        if (q._tag === "None") return reject(socket, 400, "Bad Request")
        const headers = new Headers()
        for (const [k, v] of Object.entries(request.headers)) if (typeof v === "string") headers.set(k, v)
        const bearer = headers.get("authorization")?.replace(/^Bearer /, "") ?? null
        const cookie = getCookie({ req: { raw: new Request(url, { headers }) } } as never, "inbox_session") as
          | string
          | undefined
        const explicit = bearer ?? url.searchParams.get("token")
        // Browsers send cookies on cross-site WebSocket handshakes: a cookie session must come from our origin.
        if (explicit === null && cookie !== undefined && !sameOrigin(request))
          return reject(socket, 403, "Forbidden")
        const token = explicit ?? cookie ?? null
        const session = token === null ? null : await signer.verify(StaffSession, token, Date.now())
        if (session === null) return reject(socket, 401, "Unauthorized")
        const staff = await rt.runPromise(
          Directory.use((d) => d.staffById(session.shopId as Ids.ShopId, session.staffId)),
        )
        if (staff === null || !Staff.canChat(staff)) return reject(socket, 403, "Forbidden")
        wss.handleUpgrade(request, socket, head, (ws) => {
          const room = rooms.room(staff.shopId)
          const roomSocket: RoomSocket = { send: (d) => ws.send(d), close: (c, r) => ws.close(c, r) }
          ws.on("message", (data) => room.message(roomSocket, data.toString()))
          ws.on("close", () => room.leave(roomSocket))
          void room.joinStaff(roomSocket, staff.id, q.value.since ?? null)
        })
        return
      }
      if (url.pathname === "/api/store/chat/realtime") {
        const q = Schema.decodeUnknownOption(ShopperRealtimeQuery)(query)
        if (q._tag === "None") return reject(socket, 400, "Bad Request")
        const session = await verifyChatToken(appRuntime, q.value.token).catch(() => null)
        if (session === null) return reject(socket, 401, "Unauthorized")
        wss.handleUpgrade(request, socket, head, (ws) => {
          const room = rooms.room(session.shopId as Ids.ShopId)
          const roomSocket: RoomSocket = { send: (d) => ws.send(d), close: (c, r) => ws.close(c, r) }
          ws.on("message", (data) => room.message(roomSocket, data.toString()))
          ws.on("close", () => room.leave(roomSocket))
          void room.joinShopper(
            roomSocket,
            session.conversationId as Ids.ConversationId,
            q.value.since ?? null,
          )
        })
        return
      }
      reject(socket, 404, "Not Found")
    } catch (e) {
      log(`upgrade failed: ${String(e)}`)
      reject(socket, 500, "Internal Server Error")
    }
  }

  const close = async () => {
    dispatcher.stop()
    rooms.close()
    for (const ws of wss.clients) ws.terminate()
    wss.close()
    await new Promise<void>((ok) => server.close(() => ok()))
    await rt.dispose()
    client.close()
  }
  return { app, port, url: `http://${options.hostname}:${port}`, close, rooms, runtime: rt, db, client }
}

/** Serves with the environment's settings until SIGINT or SIGTERM; `seed` runs once before serving. */
export const serveFromEnv = async (seed?: Seed) => {
  const db = dbConfigFromEnv()
  const dataDir = resolve(repoRoot, ".data")
  const webDist = resolve(repoRoot, "packages/web/dist")
  const started = performance.now()
  const { mkdirSync } = await import("node:fs")
  mkdirSync(dataDir, { recursive: true })
  const server = await startNodeServer({
    port: Number(process.env.PORT ?? 8787),
    hostname: process.env.HOST ?? "127.0.0.1",
    dbUrl: db.url,
    dbAuthToken: db.authToken,
    sessionSecret: sessionSecretFromEnv(dataDir),
    webhookSecret: process.env.INBOX_WEBHOOK_SECRET ?? "inbox-demo-webhook-secret",
    dataDir,
    webDist: existsSync(resolve(webDist, "index.html")) ? webDist : null,
    seed,
    channels: channelsFromEnv(process.env),
    rateLimits: rateLimitsFromEnv(process.env.INBOX_RATE_LIMITS),
  })
  if (!existsSync(resolve(webDist, "index.html")))
    console.log("packages/web/dist is missing: the API runs, the web UI needs `npm run build:web`.")
  console.log(
    `Inbox is ready on ${server.url} (${Math.round(performance.now() - started)} ms); database ${db.url}`,
  )
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await serveFromEnv()
