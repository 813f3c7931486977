/**
 * A shop Durable Object's own SQLite seen as a libSQL `Client`, so the one drizzle schema and the same
 * repositories (libSQL dialect, `db.batch` = one atomic commit) run unchanged inside the Durable Object.
 */
import type { Client, InArgs, InStatement, InValue, ResultSet, Row, Transaction } from "@libsql/client"
import { makeRow, namedColumns, rowPrototype } from "./rowShape.ts"

/** The Durable Object has no interactive transactions across awaits; commits go through `batch`. */
export class DurableTransactionUnsupported extends Error {
  override readonly name = "DurableTransactionUnsupported"
}

const toSqlValue = (v: InValue | undefined): SqlStorageValue => {
  if (v === undefined || v === null) return null
  if (typeof v === "boolean") return v ? 1 : 0
  if (typeof v === "bigint") return Number(v)
  if (v instanceof Date) return v.getTime()
  if (v instanceof ArrayBuffer) return v
  if (ArrayBuffer.isView(v)) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer
  return v
}

interface Stmt {
  readonly sql: string
  readonly args?: InArgs
}

const normalize = (stmt: InStatement | [string, InArgs?], args?: InArgs): Stmt => {
  if (typeof stmt === "string") return args === undefined ? { sql: stmt } : { sql: stmt, args }
  if (Array.isArray(stmt)) return stmt[1] === undefined ? { sql: stmt[0] } : { sql: stmt[0], args: stmt[1] }
  return stmt
}

/** A statement that may insert a row (and so move the last inserted rowid). */
const INSERTS = /^\s*(insert|replace)\b/i

/** A Durable Object binds at most 100 values per statement; drizzle's multi-row inserts bind more. */
const MAX_BOUND = 100

const literal = (v: SqlStorageValue): string => {
  if (v === null) return "NULL"
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NULL"
  if (typeof v === "string") return `'${v.replaceAll("'", "''")}'`
  return `X'${[...new Uint8Array(v)].map((b) => b.toString(16).padStart(2, "0")).join("")}'`
}

/** Writes the values into the statement as SQL literals, skipping `?` inside quoted strings and names. */
const inline = (sql: string, values: ReadonlyArray<SqlStorageValue>): string => {
  let out = ""
  let next = 0
  let quote: string | null = null
  for (const ch of sql) {
    if (quote !== null) {
      if (ch === quote) quote = null
      out += ch
    } else if (ch === "'" || ch === '"' || ch === "`") {
      quote = ch
      out += ch
    } else if (ch === "[") {
      quote = "]"
      out += ch
    } else if (ch === "?") {
      out += literal(values[next++] ?? null)
    } else out += ch
  }
  return out
}

/** Rows look like libSQL's (rowShape.ts). */
const toRows = (
  columns: ReadonlyArray<string>,
  raw: ReadonlyArray<ReadonlyArray<SqlStorageValue>>,
): Array<Row> => {
  if (raw.length === 0) return []
  const proto = rowPrototype(columns.length)
  const named = namedColumns(columns)
  return raw.map((values) => makeRow(proto, named, values))
}

const resultSet = (
  columns: Array<string>,
  rows: Array<Row>,
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet => ({
  columns,
  columnTypes: columns.map(() => ""),
  rows,
  rowsAffected,
  lastInsertRowid,
  toJSON: () => ({ columns, rows: rows.map((r) => Array.prototype.slice.call(r)), rowsAffected }),
})

/** Opens nothing: the storage belongs to the Durable Object and lives as long as it does. */
export const durableClient = (storage: DurableObjectStorage): Client => {
  /**
   * `withRowid`: the storage API does not report the last inserted rowid, so it costs a statement of its own;
   * only a single insert asks for it. In a batch (a writer's group) nobody reads it, and it would double the
   * statements of every commit.
   */
  const run = (stmt: Stmt, withRowid: boolean): ResultSet => {
    const args =
      stmt.args === undefined ? [] : Array.isArray(stmt.args) ? stmt.args : Object.values(stmt.args)
    const values = args.map(toSqlValue)
    const cursor =
      values.length > MAX_BOUND
        ? storage.sql.exec(inline(stmt.sql, values))
        : storage.sql.exec(stmt.sql, ...values)
    const columns = cursor.columnNames
    // exec runs the statement to its first row; one without columns (a write) has nothing to read.
    const rows = columns.length === 0 ? [] : toRows(columns, Array.from(cursor.raw()))
    const lastInsertRowid =
      withRowid && cursor.rowsWritten > 0 && INSERTS.test(stmt.sql)
        ? BigInt(storage.sql.exec("SELECT last_insert_rowid() AS id").one().id as number)
        : undefined
    return resultSet(columns, rows, cursor.rowsWritten, lastInsertRowid)
  }
  // A batch commits all or nothing: the synchronous transaction rolls back when any statement throws.
  const batch = (stmts: Array<InStatement | [string, InArgs?]>): Promise<Array<ResultSet>> => {
    try {
      return Promise.resolve(storage.transactionSync(() => stmts.map((s) => run(normalize(s), false))))
    } catch (cause) {
      return Promise.reject(cause)
    }
  }
  const client: Client = {
    execute: ((stmt: InStatement | string, args?: InArgs) => {
      try {
        return Promise.resolve(run(normalize(stmt, args), true))
      } catch (cause) {
        return Promise.reject(cause)
      }
    }) as Client["execute"],
    batch,
    migrate: (stmts) => batch(stmts),
    transaction: (): Promise<Transaction> =>
      Promise.reject(new DurableTransactionUnsupported("use batch: one command is one atomic batch")),
    executeMultiple: (sql) => {
      try {
        storage.sql.exec(sql)
        return Promise.resolve()
      } catch (cause) {
        return Promise.reject(cause)
      }
    },
    sync: () => Promise.resolve(undefined),
    close: () => {},
    reconnect: () => {},
    closed: false,
    protocol: "file",
  }
  return client
}
