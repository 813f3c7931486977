/** Migrations: apply from empty, re-apply idempotently, and no drift between schema.ts and the committed SQL. */
import { execFileSync } from "node:child_process"
import { cpSync, readdirSync } from "node:fs"
import { join, resolve } from "node:path"
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
