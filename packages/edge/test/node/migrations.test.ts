/** Migrations: apply from empty, re-apply idempotently, and no drift between schema.ts and the committed SQL. */
import { execFileSync } from "node:child_process"
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { migrate } from "drizzle-orm/libsql/migrator"
import { assert, it } from "vitest"
import { openClient, repoRoot } from "../../src/db/client.node.ts"
import { makeDb } from "../../src/db/Database.ts"
import { applyMigrations, migrationsFolder } from "../../src/db/migrate.node.ts"
import { tempDir } from "./harness.ts"

it("applies from an empty database, and again without effect", async () => {
  const dir = tempDir()
  const client = await openClient({ url: `file:${join(dir.path, "m.db")}` })
  const db = makeDb(client)
  await applyMigrations(db)
  await applyMigrations(db)
  const tables = await client.execute("select name from sqlite_master where type = 'table' order by name")
  const names = tables.rows.map((r) => String(r.name))
  for (const t of [
    "conversation_events",
    "inbox_rows",
    "outbox",
    "idempotency_keys",
    "read_cursors",
    "shops",
  ])
    assert.include(names, t)
  const applied = await client.execute("select count(*) as n from __drizzle_migrations")
  const journal = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql"))
  assert.strictEqual(Number(applied.rows[0]!.n), journal.length)
  const wal = await client.execute("PRAGMA journal_mode")
  assert.strictEqual(String(wal.rows[0]!.journal_mode).toLowerCase(), "wal")
  client.close()
  dir.remove()
})

it("migrates a database from the previous migration, backfilling the unread rows (R4)", async () => {
  const dir = tempDir()
  const previous = join(dir.path, "previous")
  mkdirSync(join(previous, "meta"), { recursive: true })
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"))
  const first = journal.entries[0]
  writeFileSync(join(previous, "meta/_journal.json"), JSON.stringify({ ...journal, entries: [first] }))
  cpSync(join(migrationsFolder, `${first.tag}.sql`), join(previous, `${first.tag}.sql`))
  const client = await openClient({ url: `file:${join(dir.path, "p.db")}` })
  const db = makeDb(client)
  await migrate(db, { migrationsFolder: previous })
  await client.batch([
    "insert into shops (id, name, currency, event_seq, created_at) values ('s', 'S', 'EUR', 0, 0)",
    "insert into staff (id, shop_id, email, name, password_hash, is_owner, chat_permission) values ('a', 's', 'a@x', 'A', 'x', 1, 1), ('b', 's', 'b@x', 'B', 'x', 0, 1)",
    "insert into customers (id, shop_id, name, created_at) values ('cu', 's', 'C', 0)",
    `insert into conversations (id, shop_id, customer_id, platform, status, started_at, version, state) values ('c1', 's', 'cu', 'email', 'open', 0, 3, '{}'), ('c2', 's', 'cu', 'email', 'open', 0, 1, '{}')`,
    `insert into inbox_rows (conversation_id, shop_id, customer_id, customer_name, search_text, platform, status, topics, customer_online, started_at, last_activity_at, last_customer_seq, version)
     values ('c1', 's', 'cu', 'C', 'c', 'email', 'open', '[]', 0, 0, 5, 2, 3), ('c2', 's', 'cu', 'C', 'c', 'email', 'open', '[]', 0, 0, 4, 0, 1)`,
    "insert into read_cursors (shop_id, conversation_id, staff_id, through) values ('s', 'c1', 'a', 2)",
  ])
  await applyMigrations(db)
  const rows = await client.execute(
    "select conversation_id, staff_id from inbox_unread order by conversation_id, staff_id",
  )
  assert.deepStrictEqual(
    rows.rows.map((r) => [String(r.conversation_id), String(r.staff_id)]),
    [["c1", "b"]],
  )
  client.close()
  dir.remove()
})

it("drizzle-kit generates nothing new from schema.ts (the committed migrations are up to date)", () => {
  const dir = tempDir()
  const out = join(dir.path, "migrations")
  cpSync(migrationsFolder, out, { recursive: true })
  const before = readdirSync(out).sort()
  execFileSync(resolve(repoRoot, "node_modules/.bin/drizzle-kit"), ["generate"], {
    cwd: resolve(repoRoot, "packages/edge"),
    env: { ...process.env, DRIZZLE_OUT: out },
    stdio: "pipe",
  })
  assert.deepStrictEqual(readdirSync(out).sort(), before)
  dir.remove()
})
