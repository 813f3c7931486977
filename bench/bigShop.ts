/**
 * A big shop for the inbox and memory benchmarks: N conversations of 10 events each (100k / 1M in full mode),
 * produced by the real core (decide + evolve) and bulk-inserted with multi-row INSERTs in transactions,
 * straight in SQL matching the drizzle schema. Cached under .data/bench/, keyed by the migrations' hash.
 */
import { createHash } from "node:crypto"
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  type Command,
  type Conversation,
  Cart as CoreCart,
  decide,
  type Event,
  evolve,
  Topic,
} from "@inbox/core"
import { createClient, type InValue, type Transaction } from "@libsql/client"
import { migrate } from "drizzle-orm/libsql/migrator"
import { hashPassword } from "../packages/edge/src/auth/Password.ts"
import { makeDb } from "../packages/edge/src/db/Database.ts"
import { applyMigrations, migrationsFolder } from "../packages/edge/src/db/migrate.node.ts"
import { INBOX_ROW_COLUMNS } from "../packages/edge/src/repo/ConversationWrites.ts"
import { repoRoot } from "./child.ts"

/** Bump when the generated data changes shape, so stale caches are rebuilt. */
const BUILD_VERSION = 1
export const BIG_SHOP = "bigshop"
export const BIG_PASSWORD = "inbox-bench"
export const EVENTS_PER_CONVERSATION = 10

/** Staff of the big shop; the first is the viewer of every benchmark query. */
export const BIG_STAFF = [
  { id: "stf_big_owner", email: "owner@bigshop.bench", name: "Olivia Owner", isOwner: true },
  { id: "stf_big_anna", email: "anna@bigshop.bench", name: "Anna Agent", isOwner: false },
  { id: "stf_big_bruno", email: "bruno@bigshop.bench", name: "Bruno Agent", isOwner: false },
] as const

const FIRST = [
  "Ada",
  "Louis",
  "Chloé",
  "Noah",
  "Emma",
  "Hugo",
  "Léa",
  "Jules",
  "Mia",
  "Gabriel",
  "Zoé",
  "Arthur",
]
const LAST = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefebvre",
  "Michel",
  "Garcia",
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
]
const CUSTOMER_TEXTS = [
  "Where is my order? It should have arrived by now.",
  "Bonjour, livrez-vous en Belgique ?",
  "Can I change the size on my order?",
  "Do you have a discount code for a first order?",
  "Is the linen shirt back in stock in M?",
  "Je voudrais retourner mes chaussures, comment faire ?",
]

const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const migrationsHash = (): string => {
  const h = createHash("sha256")
  for (const f of readdirSync(migrationsFolder).sort())
    if (f.endsWith(".sql")) h.update(readFileSync(join(migrationsFolder, f)))
  return h.update(String(BUILD_VERSION)).digest("hex").slice(0, 12)
}

const pad = (i: number) => String(i).padStart(7, "0")

/** Multi-row INSERTs of at most ~30k bound values each. */
const insertRows = async (
  tx: Transaction,
  table: string,
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<InValue>>,
) => {
  const per = Math.max(1, Math.floor(30_000 / columns.length))
  const tuple = `(${columns.map(() => "?").join(",")})`
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per)
    await tx.execute({
      sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${chunk.map(() => tuple).join(",")}`,
      args: chunk.flat(),
    })
  }
}

// biome-ignore lint/suspicious/noExplicitAny: ids are branded; the generator builds them from strings.
const id = (s: string | number) => s as any
const member = (s: (typeof BIG_STAFF)[number]) => ({
  id: id(s.id),
  shopId: id(BIG_SHOP),
  name: s.name,
  isOwner: s.isOwner,
  chatPermission: true,
})

const PLATFORMS = [
  "online_store_chat",
  "online_store_chat",
  "email",
  "shop_app",
  "messenger",
  "instagram",
] as const

/** One conversation's events and final state, through the real core. */
const conversation = (i: number, rand: () => number, t0: number) => {
  const platform = PLATFORMS[i % PLATFORMS.length]!
  const first = FIRST[i % FIRST.length]!
  const last = LAST[Math.floor(rand() * LAST.length)]!
  const email = `${first.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")}.${last.toLowerCase()}${i}@example.com`
  const events: Array<Event.ConversationEvent> = []
  let state: Conversation.Conversation | null = null
  let at = t0
  const apply = (cmd: Command.ConversationCommand) => {
    at += 30_000 + Math.floor(rand() * 600_000)
    const r = decide(state, cmd, id(at))
    if (r._tag !== "Success") throw new Error(`big shop: ${cmd._tag} refused: ${JSON.stringify(r.failure)}`)
    for (const e of r.success) {
      events.push(e)
      state = evolve(state, e)
    }
  }
  apply({
    _tag: "StartConversation",
    conversationId: id(`conv_${pad(i)}`),
    shopId: id(BIG_SHOP),
    customerId: id(`cus_${pad(i)}`),
    platform,
    customerEmail: email,
    currency: "EUR",
  })
  const hint = rand() < 0.6 ? Topic.TOPIC_IDS[Math.floor(rand() * Topic.TOPIC_IDS.length)]! : null
  const classification = (): Topic.TopicProbabilities | null =>
    hint === null
      ? null
      : {
          topics: Object.fromEntries(
            Topic.TOPIC_IDS.map((t) => [t, t === hint ? 0.95 : 0.005]),
          ) as Topic.TopicProbabilities["topics"],
          none: 0.005,
        }
  const assignee = rand()
  const agent = BIG_STAFF[1 + Math.floor(rand() * 2)]!
  const replier = assignee < 0.33 ? BIG_STAFF[0] : agent
  for (let k = 0; events.length < EVENTS_PER_CONVERSATION - 2; k++) {
    if (k % 2 === 0)
      apply({
        _tag: "ReceiveCustomerMessage",
        messageId: id(`m${i}_${k}`),
        text: CUSTOMER_TEXTS[(i + k) % CUSTOMER_TEXTS.length]!,
        hasImage: false,
        classification: classification(),
      })
    else
      apply({
        _tag: "SendReply",
        messageId: id(`r${i}_${k}`),
        staff: member(replier),
        text: "Thank you, we are looking into it and will come back to you shortly.",
        products: [],
        discount: null,
        image: null,
      })
  }
  if (assignee < 0.66)
    apply({
      _tag: "AssignConversation",
      staff: member(BIG_STAFF[0]),
      assignee: member(assignee < 0.33 ? BIG_STAFF[0] : agent),
    })
  if (rand() < 0.3) apply({ _tag: "SetStatus", staff: member(BIG_STAFF[0]), status: "closed" })
  else if (rand() < 0.5) apply({ _tag: "MarkRead", staff: member(BIG_STAFF[0]) })
  else
    apply({
      _tag: "ReceiveCustomerMessage",
      messageId: id(`m${i}_z`),
      text: "Any news?",
      hasImage: false,
      classification: null,
    })
  while (events.length < EVENTS_PER_CONVERSATION)
    apply({
      _tag: "ChangePresence",
      online: (state as Conversation.Conversation | null)?.customerOnline !== true,
    })
  return { events: events.slice(0, EVENTS_PER_CONVERSATION), state: state!, name: `${first} ${last}`, email }
}

/** The path of the cached database for `conversations` conversations, building it first when missing. */
export const bigShop = async (
  conversations: number,
  log: (s: string) => void = () => {},
): Promise<{ path: string; built: boolean; seconds: number }> => {
  const dir = join(repoRoot, ".data", "bench")
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `shop-${conversations}-${migrationsHash()}.db`)
  if (existsSync(path)) return { path, built: false, seconds: 0 }
  const started = performance.now()
  // Caches of older schemas are never read again (a 100k shop is about a gigabyte).
  for (const f of readdirSync(dir))
    if (f.startsWith(`shop-${conversations}-`)) rmSync(join(dir, f), { force: true })
  const tmp = `${path}.building`
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  const client = createClient({ url: `file:${tmp}` })
  await client.execute("PRAGMA journal_mode = WAL")
  await client.execute("PRAGMA synchronous = OFF")
  // The rows below match the first migration; later ones are applied after the load, so their backfills
  // derive whatever projections they add (as on a real database being upgraded).
  const first = mkdtempSync(join(tmpdir(), "inbox-bench-migrations-"))
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ idx: number; tag: string }>
  }
  const initial = journal.entries[0]!
  mkdirSync(join(first, "meta"))
  copyFileSync(join(migrationsFolder, `${initial.tag}.sql`), join(first, `${initial.tag}.sql`))
  writeFileSync(join(first, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: [initial] }))
  await migrate(makeDb(client), { migrationsFolder: first })
  rmSync(first, { recursive: true, force: true })
  const rand = mulberry32(42)
  const now = Date.now()
  const span = 400 * 24 * 3600 * 1000
  const hash = await hashPassword(BIG_PASSWORD, 1000)
  let tx = await client.transaction("write")
  await insertRows(
    tx,
    "shops",
    ["id", "name", "currency", "event_seq", "created_at"],
    [[BIG_SHOP, "Big Shop", "EUR", conversations * EVENTS_PER_CONVERSATION, now - span]],
  )
  await insertRows(
    tx,
    "staff",
    ["id", "shop_id", "email", "name", "password_hash", "is_owner", "chat_permission"],
    BIG_STAFF.map((s) => [s.id, BIG_SHOP, s.email, s.name, hash, s.isOwner ? 1 : 0, 1]),
  )
  await tx.commit()
  let shopSeq = 0
  const CHUNK = 5000
  for (let from = 0; from < conversations; from += CHUNK) {
    const customers: Array<Array<InValue>> = []
    const convs: Array<Array<InValue>> = []
    const events: Array<Array<InValue>> = []
    const rows: Array<Array<InValue>> = []
    const cursors: Array<Array<InValue>> = []
    const outbox: Array<Array<InValue>> = []
    for (let i = from; i < Math.min(conversations, from + CHUNK); i++) {
      // Starts spread over 400 days, so activity interleaves across conversations.
      const t0 =
        now - span + Math.floor((i / conversations) * span) - Math.floor(rand() * 3 * 24 * 3600 * 1000)
      const c = conversation(i, rand, t0)
      const s = c.state
      customers.push([s.customerId, BIG_SHOP, c.name, c.email, t0])
      convs.push([
        s.id,
        BIG_SHOP,
        s.customerId,
        s.platform,
        s.status,
        s.startedAt,
        s.customerEmail,
        s.version,
        JSON.stringify(s),
      ])
      c.events.forEach((e, k) => {
        shopSeq++
        events.push([BIG_SHOP, s.id, k + 1, shopSeq, e._tag, JSON.stringify(e), e.at])
        if (e._tag === "ReplySent")
          outbox.push([
            BIG_SHOP,
            s.id,
            k + 1,
            e.route._tag === "platform" ? e.route.platform : e.route._tag === "held" ? "chat" : e.route._tag,
            e.route._tag === "email" ? e.route.to : null,
            JSON.stringify({ event: e, customerId: s.customerId, customerName: c.name }),
            "sent",
            1,
            e.at,
            e.at,
            e.at,
          ])
      })
      const topics = s.recentTopics
      rows.push([
        s.id,
        BIG_SHOP,
        s.customerId,
        c.name,
        `${c.name} ${c.email}`.toLowerCase(),
        s.platform,
        s.status,
        s.assignee,
        JSON.stringify(topics),
        topics[0] ?? null,
        topics[1] ?? null,
        s.latestTopic,
        s.customerOnline ? 1 : 0,
        s.customerEmail,
        s.startedAt,
        JSON.stringify(CoreCart.header(s.cart)),
        JSON.stringify(s.lastMessage),
        s.lastActivityAt,
        s.lastCustomerMessageSeq,
        s.version,
      ])
      for (const [staffId, through] of Object.entries(s.readThrough))
        cursors.push([BIG_SHOP, s.id, staffId, through])
    }
    tx = await client.transaction("write")
    await insertRows(tx, "customers", ["id", "shop_id", "name", "email", "created_at"], customers)
    await insertRows(
      tx,
      "conversations",
      [
        "id",
        "shop_id",
        "customer_id",
        "platform",
        "status",
        "started_at",
        "customer_email",
        "version",
        "state",
      ],
      convs,
    )
    await insertRows(
      tx,
      "conversation_events",
      ["shop_id", "conversation_id", "seq", "shop_seq", "tag", "payload", "at"],
      events,
    )
    await insertRows(tx, "inbox_rows", INBOX_ROW_COLUMNS, rows)
    await insertRows(tx, "read_cursors", ["shop_id", "conversation_id", "staff_id", "through"], cursors)
    await insertRows(
      tx,
      "outbox",
      [
        "shop_id",
        "conversation_id",
        "seq",
        "channel",
        "recipient",
        "payload",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "updated_at",
      ],
      outbox,
    )
    await tx.commit()
    log(`big shop: ${Math.min(conversations, from + CHUNK)}/${conversations} conversations`)
  }
  await applyMigrations(makeDb(client))
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  client.close()
  renameSync(tmp, path)
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  return { path, built: true, seconds: (performance.now() - started) / 1000 }
}
