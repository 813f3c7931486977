/**
 * The in-process libSQL file client (prepared statements kept by SQL text) answers as @libsql/client does:
 * rows by position and by name, the driver's constraint codes, batches all or nothing, and a statement
 * prepared before a schema change sees the new schema.
 */
import { join } from "node:path"
import { type Client, createClient } from "@libsql/client"
import Database from "libsql"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { openFileClient } from "../../src/db/client.file.ts"
import { isConstraintViolation } from "../../src/repo/UnitOfWork.ts"
import { tempDir } from "./harness.ts"

describe("libSQL file client with kept statements", () => {
  const dir = tempDir()
  let ours: Client
  let theirs: Client
  beforeAll(async () => {
    ours = openFileClient(join(dir.path, "ours.db"))
    theirs = createClient({ url: `file:${join(dir.path, "theirs.db")}` })
    for (const c of [ours, theirs])
      await c.batch(
        [
          "create table t (id integer primary key, name text not null, note text, n integer, b blob)",
          {
            sql: "insert into t (id, name, note, n, b) values (?, ?, ?, ?, ?)",
            args: [1, "Zoé", null, 3, null],
          },
          { sql: "insert into t (id, name, note, n) values (?, ?, ?, ?)", args: [2, "Bo", "x", 4] },
        ],
        "write",
      )
  })
  afterAll(() => {
    ours.close()
    theirs.close()
    dir.remove()
  })

  it("rows read the same by position, by name, as JSON and spread", async () => {
    for (let round = 0; round < 3; round++) {
      const sql = "select id, name, note, n, name from t order by id"
      const [a, b] = await Promise.all([ours.execute(sql), theirs.execute(sql)])
      assert.deepStrictEqual(a.columns, b.columns)
      assert.strictEqual(a.rows.length, 2)
      for (const [i, row] of a.rows.entries()) {
        const other = b.rows[i]!
        assert.deepStrictEqual(Array.prototype.slice.call(row), Array.prototype.slice.call(other))
        assert.deepStrictEqual({ ...row }, { ...other })
        assert.strictEqual(JSON.stringify(row), JSON.stringify(other))
        assert.strictEqual(row.length, other.length)
        assert.strictEqual(row[1], other.name)
      }
    }
  })

  it("writes answer rows affected and the last rowid; named arguments bind", async () => {
    const r = await ours.execute({
      sql: "insert into t (id, name) values (:id, :name)",
      args: { id: 9, name: "N" },
    })
    assert.strictEqual(r.rowsAffected, 1)
    assert.strictEqual(r.lastInsertRowid, 9n)
    const u = await ours.execute({ sql: "update t set n = ? where id > ?", args: [true, 0] })
    assert.strictEqual(u.rowsAffected, 3)
  })

  it("a batch is all or nothing, and a constraint reads as the driver's extended code", async () => {
    const error = await ours
      .batch(
        [
          { sql: "insert into t (id, name) values (?, ?)", args: [20, "kept?"] },
          { sql: "insert into t (id, name) values (?, ?)", args: [1, "duplicate"] },
        ],
        "write",
      )
      .then(
        () => null,
        (e: unknown) => e,
      )
    assert.isTrue(isConstraintViolation(error))
    assert.strictEqual((error as { extendedCode?: string }).extendedCode, "SQLITE_CONSTRAINT_PRIMARYKEY")
    const kept = await ours.execute({ sql: "select count(*) as n from t where id = ?", args: [20] })
    assert.strictEqual(Number(kept.rows[0]!.n), 0)
    // The connection is usable after the rollback.
    assert.strictEqual((await ours.execute("select count(*) as n from t")).rows[0]!.n, 3)
  })

  it("a statement kept from before a schema change answers with the new columns", async () => {
    const before = await ours.execute("select * from t where id = 1")
    await ours.execute("alter table t add column extra text default 'e'")
    const after = await ours.execute("select * from t where id = 1")
    assert.deepStrictEqual(after.columns, [...before.columns, "extra"])
    assert.strictEqual(after.rows[0]!.extra, "e")
  })

  it("an interactive transaction runs on its own connection and commits or rolls back", async () => {
    const tx = await ours.transaction("write")
    await tx.execute({ sql: "insert into t (id, name) values (?, ?)", args: [30, "tx"] })
    await tx.rollback()
    assert.strictEqual((await ours.execute("select count(*) as n from t where id = 30")).rows[0]!.n, 0)
    const tx2 = await ours.transaction("write")
    await tx2.execute({ sql: "insert into t (id, name) values (?, ?)", args: [31, "tx"] })
    await tx2.commit()
    assert.strictEqual((await ours.execute("select count(*) as n from t where id = 31")).rows[0]!.n, 1)
  })

  it("writes asked for at once commit one after another in the order asked, each seen by a read once answered; an interactive transaction waits its turn", async () => {
    await ours.execute("create table k (seq integer primary key, i integer not null)")
    const next = (i: number) => ({
      sql: "insert into k (seq, i) values ((select coalesce(max(seq), 0) + 1 from k), ?)",
      args: [i],
    })
    const writes = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? ours.batch([next(i)], "write") : ours.execute(next(i)),
    )
    const tx = ours.transaction("write").then(async (t) => {
      await t.execute(next(100))
      await t.commit()
    })
    await writes[0]
    assert.strictEqual(Number((await ours.execute("select count(*) as n from k where i = 0")).rows[0]!.n), 1)
    await Promise.all([...writes, tx])
    const order = await ours.execute("select i from k order by seq")
    assert.deepStrictEqual(
      order.rows.map((r) => Number(r.i)),
      [...Array.from({ length: 20 }, (_, i) => i), 100],
    )
  })

  it("while another process holds the write lock a write waits for it without holding up reads, and fails busy past the timeout", async () => {
    const path = join(dir.path, "locked.db")
    const mine = openFileClient(path, { busyTimeoutMs: 60_000 })
    const impatient = openFileClient(path, { busyTimeoutMs: 0 })
    const other = new Database(path)
    try {
      await mine.execute("create table w (id integer primary key)")
      other.exec("BEGIN IMMEDIATE")
      other.exec("insert into w (id) values (1)")
      const error = await impatient.execute("insert into w (id) values (3)").then(
        () => null,
        (e: unknown) => e,
      )
      assert.strictEqual((error as { code?: string }).code, "SQLITE_BUSY")
      const events: Array<string> = []
      const write = mine.execute("insert into w (id) values (2)").then(() => events.push("written"))
      // The write has tried for the lock (its first try runs in microtasks) and waits for it.
      await new Promise((turn) => setImmediate(turn))
      assert.deepStrictEqual(events, [])
      // A read on this process answers while the write waits for the other's lock.
      const before = await mine.execute("select count(*) as n from w")
      events.push("read")
      assert.strictEqual(Number(before.rows[0]!.n), 0)
      other.exec("COMMIT")
      await write
      assert.deepStrictEqual(events, ["read", "written"])
      const after = await mine.execute("select id from w order by id")
      assert.deepStrictEqual(
        after.rows.map((r) => Number(r.id)),
        [1, 2],
      )
    } finally {
      other.close()
      mine.close()
      impatient.close()
    }
  })
})
