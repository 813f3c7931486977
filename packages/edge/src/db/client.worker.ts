/**
 * The database on Workers: a remote libSQL server (`INBOX_DB_URL`, Turso or sqld) through the fetch/WebSocket
 * client, and drizzle's committed migrations bundled as text (wrangler's `Text` rule for `*.sql`).
 */
import { type Client, createClient } from "@libsql/client/web"
import { sql } from "drizzle-orm"
import m0000 from "../../migrations/0000_init.sql"
import m0001 from "../../migrations/0001_inbox_unread.sql"
import m0002 from "../../migrations/0002_inbox_search.sql"
import m0003 from "../../migrations/0003_extras_saved_replies_settings.sql"
import m0004 from "../../migrations/0004_extras_message_search.sql"
import m0005 from "../../migrations/0005_extras_staff_preferences.sql"
import m0006 from "../../migrations/0006_message_search_well_formed.sql"
import m0007 from "../../migrations/0007_email_threads.sql"
import m0008 from "../../migrations/0008_staff_sessions.sql"
import m0009 from "../../migrations/0009_events_surrogate_escape_index.sql"
import m0010 from "../../migrations/0010_commerce.sql"
import m0011 from "../../migrations/0011_push_subscriptions.sql"
import m0012 from "../../migrations/0012_meta_channels.sql"
import m0013 from "../../migrations/0013_idempotency_fingerprint.sql"
import m0014 from "../../migrations/0014_storefront_chat.sql"
import m0015 from "../../migrations/0015_inbox_search_window.sql"
import m0016 from "../../migrations/0016_message_search_catch_up.sql"
import m0017 from "../../migrations/0017_inbox_topic_partial_indexes.sql"
import m0018 from "../../migrations/0018_events_without_rowid_outbox_rowid.sql"
import journal from "../../migrations/meta/_journal.json" with { type: "json" }
import type { Db } from "./Database.ts"

/**
 * Every migration drizzle-kit wrote, keyed `m<idx>` as drizzle's durable-sqlite migrator reads them. wrangler
 * bundles only static imports of text modules, so a new migration needs its import here (a test checks).
 */
export const bundledSql: Readonly<Record<string, string>> = {
  m0000,
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
}

const migrationSql = (entry: { readonly idx: number; readonly tag: string }): string => {
  const text = bundledSql[`m${String(entry.idx).padStart(4, "0")}`]
  if (text === undefined) throw new Error(`migration ${entry.tag} is not imported in db/client.worker.ts`)
  return text
}

export const migrationJournal = journal

export interface RemoteDbConfig {
  readonly url: string
  readonly authToken?: string | undefined
}

/** The libSQL web client speaks HTTP and WebSockets only; `libsql://` URLs are upgraded to `https://`. */
export const openRemoteClient = (config: RemoteDbConfig): Client =>
  createClient(
    config.authToken === undefined || config.authToken === ""
      ? { url: config.url }
      : { url: config.url, authToken: config.authToken },
  )

interface Migration {
  readonly statements: ReadonlyArray<string>
  readonly createdAt: number
  readonly hash: string
}

const sha256Hex = async (text: string): Promise<string> => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")
}

/** The bundled migrations, hashed like drizzle's folder migrator so Node and Workers can share a database. */
export const bundledMigrations = (): Promise<ReadonlyArray<Migration>> =>
  Promise.all(
    journal.entries.map(async (entry) => {
      const text = migrationSql(entry)
      return {
        statements: text.split("--> statement-breakpoint"),
        createdAt: entry.when,
        hash: await sha256Hex(text),
      }
    }),
  )

/**
 * Applies the migrations not yet recorded, in one batch, with drizzle's own bookkeeping table: the same rows
 * `drizzle-orm/libsql/migrator` writes on Node (that migrator reads the folder with node:fs).
 */
export const applyBundledMigrations = async (db: Db): Promise<void> => {
  const table = sql.identifier("__drizzle_migrations")
  await db.run(
    sql`CREATE TABLE IF NOT EXISTS ${table} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  )
  const last = await db.values<[unknown, string, number]>(
    sql`SELECT id, hash, created_at FROM ${table} ORDER BY created_at DESC LIMIT 1`,
  )
  const lastAt = last[0] === undefined ? null : Number(last[0][2])
  const pending = (await bundledMigrations()).filter((m) => lastAt === null || lastAt < m.createdAt)
  const statements = pending.flatMap((m) => [
    ...m.statements.filter((s) => s.trim() !== "").map((s) => db.run(sql.raw(s))),
    db.run(sql`INSERT INTO ${table} ("hash", "created_at") VALUES (${m.hash}, ${m.createdAt})`),
  ])
  const [first, ...rest] = statements
  if (first !== undefined) await db.batch([first, ...rest])
}
