/**
 * A libSQL file opened in process (Node) as a libSQL `Client`, through the driver @libsql/client itself uses
 * for `file:` URLs (`libsql`), keeping each prepared statement by its SQL text and reusing it: @libsql/client
 * prepares every statement again on every call, which cost more than the writes themselves. Rows carry values
 * by position and by column name, as @libsql/client's do.
 */
import {
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  LibsqlError,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from "@libsql/client"
import Database from "libsql"

type Native = InstanceType<typeof Database>
type Prepared = ReturnType<Native["prepare"]>

/** How many distinct statements one connection keeps prepared (the app has a few hundred shapes). */
const STATEMENT_CACHE = 1000

const VALUES = Symbol("values")

/** A row shape per column list: names as own enumerable properties, positions through the prototype. */
const rowPrototype = (columns: ReadonlyArray<string>): object => {
  const proto: Record<PropertyKey, unknown> = {}
  columns.forEach((_, i) => {
    Object.defineProperty(proto, i, {
      get(this: { [VALUES]: ReadonlyArray<unknown> }) {
        return this[VALUES][i]
      },
      enumerable: false,
    })
  })
  Object.defineProperty(proto, "length", { value: columns.length, enumerable: false })
  return proto
}

interface Cached {
  readonly statement: Prepared
  readonly reader: boolean
  readonly columns: ReadonlyArray<string>
  /** Each distinct column name with its position (the first one wins, as in @libsql/client). */
  readonly named: ReadonlyArray<readonly [string, number]>
  readonly proto: object | null
}

/** Statements that change the schema: prepared statements (and their column lists) are made again after. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i

/** Blobs come back as ArrayBuffers, as from @libsql/client. */
const toValue = (v: unknown): unknown => {
  if (!Buffer.isBuffer(v)) return v
  const bytes = v as Uint8Array
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
}

const toArg = (v: InValue | undefined): unknown => {
  if (v === undefined) throw new TypeError("undefined cannot be passed as argument to the database")
  if (typeof v === "boolean") return v ? 1 : 0
  if (v instanceof Date) return v.valueOf()
  if (v instanceof ArrayBuffer) return Buffer.from(v)
  if (typeof v === "number" && !Number.isFinite(v))
    throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments")
  return v
}

const toArgs = (args: InArgs | undefined): object => {
  if (args === undefined) return []
  if (Array.isArray(args)) return args.map(toArg)
  const named: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(args))
    named[name[0] === "@" || name[0] === "$" || name[0] === ":" ? name.slice(1) : name] = toArg(value)
  return named
}

const SQLITE_BASE: Record<number, string> = {
  1: "SQLITE_ERROR",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  8: "SQLITE_READONLY",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  13: "SQLITE_FULL",
  19: "SQLITE_CONSTRAINT",
}

/** The driver's error as @libsql/client reports it: base code, extended code, raw code. */
const libsqlError = (e: unknown): unknown => {
  if (!(e instanceof Database.SqliteError)) return e
  const raw = (e as { rawCode?: number }).rawCode
  const base =
    raw === undefined ? "SQLITE_UNKNOWN" : (SQLITE_BASE[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`)
  return new LibsqlError(e.message, base, e.code, raw, e)
}

const resultSet = (
  columns: ReadonlyArray<string>,
  rows: Array<Row>,
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet => ({
  columns: [...columns],
  columnTypes: columns.map(() => ""),
  rows,
  rowsAffected,
  lastInsertRowid,
  toJSON: () => ({
    columns,
    rows: rows.map((r) => Array.prototype.slice.call(r)),
    rowsAffected,
    lastInsertRowid: lastInsertRowid?.toString() ?? null,
  }),
})

const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
}

/** One connection with its prepared statements. */
class Connection {
  readonly native: Native
  private readonly cache = new Map<string, Cached>()

  constructor(path: string) {
    this.native = new Database(path)
  }

  forgetStatements(): void {
    this.cache.clear()
  }

  private prepared(sql: string): Cached {
    const hit = this.cache.get(sql)
    if (hit !== undefined) {
      this.cache.delete(sql)
      this.cache.set(sql, hit)
      return hit
    }
    const statement = this.native.prepare(sql)
    const reader = statement.reader
    let columns: ReadonlyArray<string> = []
    if (reader) {
      statement.raw(true)
      columns = statement.columns().map((c) => c.name)
    }
    const named = columns.flatMap((name, i) => (columns.indexOf(name) === i ? [[name, i] as const] : []))
    const cached: Cached = { statement, reader, columns, named, proto: reader ? rowPrototype(columns) : null }
    this.cache.set(sql, cached)
    if (this.cache.size > STATEMENT_CACHE) this.cache.delete(this.cache.keys().next().value!)
    return cached
  }

  run(stmt: InStatement): ResultSet {
    const { sql, args } = typeof stmt === "string" ? { sql: stmt, args: undefined } : stmt
    try {
      const { statement, reader, columns, named, proto } = this.prepared(sql)
      const bound = toArgs(args)
      if (reader) {
        const raw = statement.all(bound) as Array<Array<unknown>>
        const rows = raw.map((values) => {
          const row = Object.create(proto) as Record<string | symbol, unknown>
          const converted = values.map(toValue)
          // Not enumerable: a spread or JSON of the row shows its columns only.
          Object.defineProperty(row, VALUES, { value: converted })
          for (const [name, i] of named) row[name] = converted[i]
          return row as unknown as Row
        })
        return resultSet(columns, rows, 0, undefined)
      }
      const info = statement.run(bound)
      if (SCHEMA_CHANGE.test(sql)) this.forgetStatements()
      return resultSet([], [], info.changes, BigInt(info.lastInsertRowid))
    } catch (e) {
      throw libsqlError(e)
    }
  }

  exec(sql: string): void {
    try {
      this.native.exec(sql)
    } catch (e) {
      throw libsqlError(e)
    } finally {
      this.forgetStatements()
    }
  }

  /** All statements in one transaction; rolled back, and the error thrown, when one fails. */
  batch(stmts: ReadonlyArray<InStatement>, begin: string): Array<ResultSet> {
    this.run(begin)
    try {
      const results = stmts.map((s) => this.run(s))
      this.run("COMMIT")
      return results
    } catch (e) {
      if (this.native.inTransaction) this.run("ROLLBACK")
      throw e
    }
  }

  close(): void {
    if (this.native.open) this.native.close()
  }
}

export interface FileClientOptions {
  /** How long a write waits for another process's lock before failing (SQLITE_BUSY). */
  readonly busyTimeoutMs?: number
}

const settle = <A>(f: () => A): Promise<A> => {
  try {
    return Promise.resolve(f())
  } catch (e) {
    return Promise.reject(e)
  }
}

/**
 * Opens the file at `path` in WAL mode (readers beside the one writer). Every call runs synchronously on one
 * connection, as @libsql/client's file client does; an interactive transaction gets a connection of its own.
 */
export const openFileClient = (path: string, options: FileClientOptions = {}): Client => {
  const open = () => {
    const c = new Connection(path)
    c.exec("PRAGMA journal_mode = WAL")
    c.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
    c.exec("PRAGMA foreign_keys = ON")
    return c
  }
  let connection = open()
  let closed = false
  const live = () => {
    if (closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED")
    return connection
  }
  const client: Client = {
    execute: ((stmt: InStatement | string, args?: InArgs) =>
      settle(() =>
        live().run(typeof stmt === "string" ? (args === undefined ? stmt : { sql: stmt, args }) : stmt),
      )) as Client["execute"],
    batch: (stmts, mode = "deferred") =>
      settle(() =>
        live().batch(
          stmts.map((s) =>
            Array.isArray(s) ? { sql: s[0] as string, args: (s[1] ?? []) as InArgs } : (s as InStatement),
          ),
          BEGIN[mode],
        ),
      ),
    migrate: (stmts) =>
      settle(() => {
        const c = live()
        c.exec("PRAGMA foreign_keys = OFF")
        try {
          return c.batch(stmts, BEGIN.deferred)
        } finally {
          c.exec("PRAGMA foreign_keys = ON")
          c.forgetStatements()
        }
      }),
    transaction: (mode: TransactionMode = "write") =>
      settle(() => {
        live()
        const own = open()
        own.run(BEGIN[mode])
        let done = false
        const finish = () => {
          if (done) return
          done = true
          if (own.native.open && own.native.inTransaction) own.run("ROLLBACK")
          own.close()
        }
        const tx: Transaction = {
          execute: (s) => settle(() => own.run(s)),
          batch: (ss) => settle(() => ss.map((s) => own.run(s))),
          executeMultiple: (sql) => settle(() => own.exec(sql)),
          commit: () =>
            settle(() => {
              own.run("COMMIT")
              finish()
            }),
          rollback: () => settle(finish),
          close: finish,
          get closed() {
            return done
          },
        }
        return tx
      }),
    executeMultiple: (sql) => settle(() => live().exec(sql)),
    sync: () => Promise.resolve(undefined),
    close: () => {
      closed = true
      connection.close()
    },
    reconnect: () =>
      settle(() => {
        connection.close()
        connection = open()
        closed = false
      }),
    get closed() {
      return closed
    },
    protocol: "file",
  }
  return client
}
