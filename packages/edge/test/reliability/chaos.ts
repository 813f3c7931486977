/**
 * Crash safety: the real Node server as a child process, concurrent shoppers and staff writing with
 * retried idempotency keys, SIGKILL at random moments, restarts; then the database file is read directly.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Conversation, type Event, replay } from "@inbox/core"
import { createClient } from "@libsql/client"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { freePort, startServer } from "./serverProcess.ts"

export interface ChaosOptions {
  readonly kills: number
  readonly conversations: number
  /** Each writer (one shopper and one staff member per conversation) sends at least this many. */
  readonly messagesPerWriter: number
  readonly seed: number
  readonly log?: (line: string) => void
}

export interface ChaosReport {
  readonly acknowledged: number
  readonly lost: number
  readonly duplicated: number
  readonly reordered: number
  readonly kills: number
  /** Conversations whose snapshot, version, inbox row or cart differ from a replay of their log. */
  readonly projectionMismatches: number
  /** Gaps or repeats in a sequence (per conversation or per shop). */
  readonly sequenceGaps: number
  /** Answers that were neither a success nor a retryable failure (a 4xx the client did not deserve). */
  readonly unexpected: number
  readonly replays: number
  /** Requests cut by a kill (connection reset or refused) and retried. */
  readonly interrupted: number
  readonly details: ReadonlyArray<string>
}

/** A small seeded generator (mulberry32): the same seed kills at the same moments. */
export const prng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms))

interface Write {
  readonly conversationId: string
  readonly messageId: string
  readonly kind: "customer" | "staff"
  /** When the first attempt left. */
  readonly sentAt: number
  /** When the first success came back (the acknowledgement). */
  ackedAt: number | null
}

type Outcome = "acked" | "retry" | "unexpected"

/** Classifies an answer: success, a failure worth retrying (crash, overload, conflict), or a client bug. */
const outcomeOf = (status: number): Outcome =>
  status === 200 || status === 201
    ? "acked"
    : status === 409 || status === 429 || status >= 500
      ? "retry"
      : "unexpected"

export const runChaos = async (options: ChaosOptions): Promise<ChaosReport> => {
  const log = options.log ?? (() => {})
  const random = prng(options.seed)
  const dir = mkdtempSync(join(tmpdir(), "inbox-chaos-"))
  const dbPath = join(dir, "inbox.db")
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INBOX_DB_URL: `file:${dbPath}`,
    PORT: String(port),
    HOST: "127.0.0.1",
    INBOX_SESSION_SECRET: "chaos-session-secret",
    INBOX_WEBHOOK_SECRET: "chaos-webhook-secret",
  }
  const details: Array<string> = []
  let unexpected = 0
  let replays = 0
  let interrupted = 0
  let server = await startServer(env, log)
  let up = true

  /** Sends until a success (or a client error, which is counted): the idempotency key makes it safe. */
  const send = async (path: string, token: string, body: unknown): Promise<Response | null> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await fetch(`${base}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        })
        const outcome = outcomeOf(r.status)
        if (outcome === "acked") return r
        const text = await r.text()
        if (outcome === "unexpected") {
          unexpected++
          details.push(`${path} ${r.status} ${text.slice(0, 200)}`)
          return null
        }
        const wait = Number(r.headers.get("retry-after") ?? "0")
        await sleep(wait > 0 ? wait * 1000 : 20 + random() * 80)
      } catch {
        // Connection refused or reset: the server is down or was killed mid-request.
        interrupted++
        await sleep(Math.min(1_000, 30 * 2 ** Math.min(attempt, 5)))
      }
    }
  }

  const postJson = async (path: string, body: unknown) => {
    for (;;) {
      try {
        const r = await fetch(`${base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
        if (r.ok) return (await r.json()) as Record<string, string>
        if (r.status < 500 && r.status !== 429) throw new Error(`${path}: ${r.status} ${await r.text()}`)
      } catch (e) {
        if (e instanceof Error && e.message.startsWith(path)) throw e
      }
      await sleep(200)
    }
  }

  const staff = (await postJson("/api/auth/login", { email: "owner@demo.shop", password: "inbox-demo" }))
    .token as string
  const chats: Array<{ token: string; conversationId: string }> = []
  for (let i = 0; i < options.conversations; i++) {
    const chat = await postJson("/api/store/demo/chat", {
      email: null,
      origin: DEMO_STOREFRONT,
      clientId: `chaos-client-${i}`,
    })
    chats.push({ token: chat.token!, conversationId: chat.conversationId! })
  }

  const writes: Array<Write> = []
  let killsDone = 0
  let killing = true

  /** One writer: sequential messages, some sent twice at once, some replayed after their answer. */
  const writer = async (
    chat: { token: string; conversationId: string },
    kind: "customer" | "staff",
    n: number,
  ) => {
    for (let i = 0; i < options.messagesPerWriter || killing; i++) {
      const messageId = `${kind === "customer" ? "m" : "r"}${n}-${i}`
      const path =
        kind === "customer" ? "/api/store/chat/messages" : `/api/conversations/${chat.conversationId}/replies`
      const token = kind === "customer" ? chat.token : staff
      const body = { clientMessageId: messageId, text: `${kind} ${n}.${i}` }
      const write: Write = {
        conversationId: chat.conversationId,
        messageId,
        kind,
        sentAt: Date.now(),
        ackedAt: null,
      }
      writes.push(write)
      const copies = random() < 0.2 ? 2 : 1
      replays += copies - 1
      const answers = await Promise.all(
        Array.from({ length: copies }, async () => {
          const r = await send(path, token, body)
          if (r !== null && write.ackedAt === null) write.ackedAt = Date.now()
          return r === null ? null : await r.text()
        }),
      )
      // A replay answers exactly what the first write answered.
      if (answers.length === 2 && answers[0] !== null && answers[1] !== null && answers[0] !== answers[1]) {
        unexpected++
        details.push(`replay of ${messageId} answered differently`)
      }
      if (random() < 0.15) {
        replays++
        void send(path, token, body)
      }
    }
  }

  const killer = async () => {
    for (let k = 0; k < options.kills; k++) {
      await sleep(150 + random() * 900)
      server.child.kill("SIGKILL")
      up = false
      await server.exited
      killsDone++
      log(`kill ${killsDone}/${options.kills}`)
      await sleep(random() * 200)
      server = await startServer(env, log)
      up = true
    }
    killing = false
  }

  await Promise.all([
    killer(),
    ...chats.flatMap((chat, n) => [writer(chat, "customer", n), writer(chat, "staff", n)]),
  ])
  // Let fire-and-forget replays land, then stop cleanly.
  await sleep(300)
  if (up) {
    server.child.kill("SIGTERM")
    await server.exited
  }

  const report = await verify(dbPath, writes, chats, details)
  rmSync(dir, { recursive: true, force: true })
  return { ...report, kills: killsDone, unexpected, replays, interrupted, details }
}

const canonical = (u: unknown): string =>
  JSON.stringify(u, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  )

/** Reads the file the server wrote: every acknowledged message once, in acknowledgement order, projections = replay. */
const verify = async (
  dbPath: string,
  writes: ReadonlyArray<Write>,
  chats: ReadonlyArray<{ conversationId: string }>,
  details: Array<string>,
) => {
  const db = createClient({ url: `file:${dbPath}` })
  let lost = 0
  let duplicated = 0
  let reordered = 0
  let projectionMismatches = 0
  let sequenceGaps = 0
  try {
    for (const { conversationId } of chats) {
      const rows = await db.execute({
        sql: "SELECT seq, payload FROM conversation_events WHERE conversation_id = ? ORDER BY seq",
        args: [conversationId],
      })
      const events = rows.rows.map((r) => ({
        seq: Number(r.seq),
        event: JSON.parse(String(r.payload)) as Event.ConversationEvent,
      }))
      events.forEach((e, i) => {
        if (e.seq !== i + 1) sequenceGaps++
      })
      const seqOf = new Map<string, Array<number>>()
      for (const { seq, event } of events)
        if (event._tag === "CustomerMessageReceived" || event._tag === "ReplySent")
          seqOf.set(event.messageId, [...(seqOf.get(event.messageId) ?? []), seq])
      const mine = writes.filter((w) => w.conversationId === conversationId && w.ackedAt !== null)
      for (const w of mine) {
        const found = seqOf.get(w.messageId) ?? []
        if (found.length === 0) {
          lost++
          details.push(`lost ${conversationId}/${w.messageId}`)
        }
        if (found.length > 1) {
          duplicated += found.length - 1
          details.push(`duplicated ${conversationId}/${w.messageId} at ${found.join(",")}`)
        }
      }
      // Real-time order: a message acknowledged before another was sent must come first in the log.
      for (const a of mine)
        for (const b of mine)
          if (a !== b && a.ackedAt! < b.sentAt) {
            const sa = seqOf.get(a.messageId)?.[0]
            const sb = seqOf.get(b.messageId)?.[0]
            if (sa !== undefined && sb !== undefined && sa > sb) {
              reordered++
              details.push(
                `reordered ${conversationId}: ${a.messageId}@${sa} acked before ${b.messageId}@${sb} sent`,
              )
            }
          }
      // Projections: the snapshot, versions and cart are what a replay of the log gives.
      const replayed = replay(events.map((e) => e.event)) as Conversation.Conversation | null
      const stored = await db.execute({
        sql: "SELECT c.state, c.version, r.version AS row_version FROM conversations c LEFT JOIN inbox_rows r ON r.conversation_id = c.id WHERE c.id = ?",
        args: [conversationId],
      })
      const row = stored.rows[0]
      const n = events.length
      if (
        row === undefined ||
        replayed === null ||
        Number(row.version) !== n ||
        Number(row.row_version) !== n ||
        canonical(JSON.parse(String(row.state))) !== canonical(replayed)
      ) {
        projectionMismatches++
        details.push(`projection of ${conversationId} differs from a replay of its ${n} events`)
      } else {
        const lines = await db.execute({
          sql: "SELECT variant_id, quantity FROM cart_lines WHERE conversation_id = ? ORDER BY position",
          args: [conversationId],
        })
        const expected = replayed.cart.lines.map((l) => `${l.variantId}:${l.quantity}`).join(",")
        if (lines.rows.map((l) => `${l.variant_id}:${l.quantity}`).join(",") !== expected) {
          projectionMismatches++
          details.push(`cart of ${conversationId} differs from a replay`)
        }
      }
    }
    // The shop-wide sequence is gapless from 1 (its next number is one past its last: no counter to match).
    const shop = await db.execute(
      "SELECT count(shop_seq) AS n, min(shop_seq) AS low, max(shop_seq) AS top, count(DISTINCT shop_seq) AS distinct_n FROM conversation_events WHERE shop_id = 'demo'",
    )
    const s = shop.rows[0]
    if (
      s === undefined ||
      Number(s.n) !== Number(s.top) ||
      Number(s.n) !== Number(s.distinct_n) ||
      (Number(s.n) > 0 && Number(s.low) !== 1)
    ) {
      sequenceGaps++
      details.push(`shop sequence: ${canonical(s)}`)
    }
  } finally {
    db.close()
  }
  return {
    acknowledged: writes.filter((w) => w.ackedAt !== null).length,
    lost,
    duplicated,
    reordered,
    projectionMismatches,
    sequenceGaps,
  }
}

/** The one line scripts parse. */
export const chaosLine = (r: ChaosReport): string =>
  `chaos: acknowledged=${r.acknowledged} lost=${r.lost} duplicated=${r.duplicated} reordered=${r.reordered} kills=${r.kills}`

export const chaosFailed = (r: ChaosReport): boolean =>
  r.lost + r.duplicated + r.reordered + r.projectionMismatches + r.sequenceGaps + r.unexpected > 0
