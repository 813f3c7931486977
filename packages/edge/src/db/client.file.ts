/**
 * A libSQL file opened in process (Node) as a libSQL `Client`, through the driver @libsql/client itself uses
 * for `file:` URLs (`libsql`), keeping each prepared statement by its SQL text and reusing it: @libsql/client
 * prepares every statement again on every call, which cost more than the writes themselves. Writes go through
 * a second connection whose commit (the fsync) runs off the main thread, one transaction at a time, so the
 * process keeps serving (and the shop writers keep deciding the next group) while a transaction is in flight;
 * reads run on the first, beside it (WAL). Rows carry values by position and by name, as @libsql/client's do.
 * Longer than most modules because it implements the whole `Client` surface (execute, batch, transaction).
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
import AsyncDatabase from "libsql/promise"
import { makeRow, type NamedColumn, namedColumns, rowPrototype } from "./rowShape.ts"

type Native = InstanceType<typeof Database>
type Prepared = ReturnType<Native["prepare"]>

/** How many distinct statements one connection keeps prepared (the app has a few hundred shapes). */
const STATEMENT_CACHE = 1000

interface Cached {
  readonly statement: Prepared
  readonly reader: boolean
  readonly columns: ReadonlyArray<string>
  readonly named: ReadonlyArray<NamedColumn>
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

/** Prepared statements by SQL text, least recently used out past STATEMENT_CACHE. */
class Statements {
  private readonly cache = new Map<string, Cached>()

  get(sql: string): Cached | undefined {
    const hit = this.cache.get(sql)
    if (hit === undefined) return undefined
    this.cache.delete(sql)
    this.cache.set(sql, hit)
    return hit
  }

  add(sql: string, statement: Prepared): Cached {
    const reader = statement.reader
    let columns: ReadonlyArray<string> = []
    if (reader) {
      statement.raw(true)
      columns = statement.columns().map((c) => c.name)
    }
    const named = namedColumns(columns)
    const cached: Cached = {
      statement,
      reader,
      columns,
      named,
      proto: reader ? rowPrototype(columns.length) : null,
    }
    this.cache.set(sql, cached)
    if (this.cache.size > STATEMENT_CACHE) this.cache.delete(this.cache.keys().next().value!)
    return cached
  }

  clear(): void {
    this.cache.clear()
  }
}

const sqlOf = (stmt: InStatement): { readonly sql: string; readonly args?: InArgs | undefined } =>
  typeof stmt === "string" ? { sql: stmt } : stmt

const rowsOf = (cached: Cached, raw: ReadonlyArray<ReadonlyArray<unknown>>): ResultSet => {
  const { columns, named, proto } = cached
  const rows = raw.map((values) => makeRow(proto!, named, values.map(toValue)))
  return resultSet(columns, rows, 0, undefined)
}

const written = (info: { changes: number; lastInsertRowid: number | bigint }): ResultSet =>
  resultSet([], [], info.changes, BigInt(info.lastInsertRowid))

/** One connection with its prepared statements, used synchronously (reads; schema changes at start). */
class Connection {
  readonly native: Native
  private readonly statements = new Statements()

  constructor(path: string) {
    this.native = new Database(path)
  }

  forgetStatements(): void {
    this.statements.clear()
  }

  run(stmt: InStatement): ResultSet {
    const { sql, args } = sqlOf(stmt)
    try {
      const cached = this.statements.get(sql) ?? this.statements.add(sql, this.native.prepare(sql))
      const bound = toArgs(args)
      if (cached.reader) return rowsOf(cached, cached.statement.all(bound) as Array<Array<unknown>>)
      const info = cached.statement.run(bound)
      if (SCHEMA_CHANGE.test(sql)) this.forgetStatements()
      return written(info)
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

/**
 * libsql's asynchronous `exec` (its promise API) runs the SQL on the driver's own thread (a tokio worker).
 * Borrowed for a plain connection's COMMIT, so the statements before it keep the synchronous API (rows at no
 * thread hop).
 */
const execOffThread = (native: Native, sql: string): Promise<void> =>
  (AsyncDatabase.prototype.exec as (this: Native, sql: string) => Promise<void>).call(native, sql)

/** Between tries for another process's write lock: SQLite's own busy handler's waits, in ms. */
const BUSY_WAITS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

const isBusy = (e: unknown): boolean => e instanceof LibsqlError && e.code === "SQLITE_BUSY"

/**
 * The connection that writes. A transaction takes the write lock at once on the main thread (a few µs, no
 * thread hop) or, while another process holds it, tries again on a timer, so the main thread never waits on
 * it; its statements run on the main thread (no fsync until the end) and its COMMIT (the fsync) on the
 * driver's own thread. Transactions run one after the other, in the order they were asked for. Its busy
 * timeout is 0: the timer is its busy handler.
 */
class WriteConnection {
  private readonly connection: Connection
  private readonly busyTimeoutMs: number
  private queue: Promise<unknown> = Promise.resolve()

  constructor(connection: Connection, busyTimeoutMs: number) {
    this.connection = connection
    this.busyTimeoutMs = busyTimeoutMs
  }

  /**
   * BEGIN IMMEDIATE whatever the mode asked: the lock is taken before the first read, so no statement after it
   * can meet another's lock (nor a snapshot gone stale); deferring it buys nothing on a connection that only
   * writes, one transaction at a time.
   */
  private async begin(): Promise<void> {
    const deadline = performance.now() + this.busyTimeoutMs
    for (let attempt = 0; ; attempt++) {
      try {
        this.connection.run("BEGIN IMMEDIATE")
        return
      } catch (e) {
        const left = deadline - performance.now()
        if (!isBusy(e) || left <= 0) throw e
        const wait = BUSY_WAITS[Math.min(attempt, BUSY_WAITS.length - 1)]!
        await new Promise((resume) => setTimeout(resume, Math.min(wait, left)))
      }
    }
  }

  /** The statements in one transaction: all or nothing; rolled back, and the error thrown, when one fails. */
  transact(stmts: ReadonlyArray<InStatement>): Promise<Array<ResultSet>> {
    const { native } = this.connection
    const done = this.queue.then(async () => {
      await this.begin()
      try {
        const results = stmts.map((s) => this.connection.run(s))
        await execOffThread(native, "COMMIT")
        return results
      } catch (e) {
        // No fsync in a rollback: it runs here.
        if (native.open && native.inTransaction)
          try {
            this.connection.run("ROLLBACK")
          } catch {}
        throw libsqlError(e)
      }
    })
    this.queue = done.catch(() => {})
    return done
  }

  /** Runs a statement outside any transaction, in turn (a connection setting). */
  apply(stmt: InStatement): Promise<ResultSet> {
    const done = this.queue.then(() => this.connection.run(stmt))
    this.queue = done.catch(() => {})
    return done
  }

  /**
   * Waits for the transactions asked for so far, then holds the turn until `release` is called: an interactive
   * transaction on a connection of its own, so its synchronous BEGIN never waits on a lock this connection
   * holds while the main thread is the one that must finish it.
   */
  hold(): Promise<() => void> {
    let release = () => {}
    const released = new Promise<void>((done) => {
      release = done
    })
    const turn = this.queue.then(() => release)
    this.queue = turn.then(() => released)
    return turn
  }

  /** Closes once the transactions asked for so far are done. */
  close(): void {
    void this.queue.then(() => this.connection.close())
  }
}

/** A statement that writes: it goes through the write connection, as its own transaction. */
const WRITES = /^\s*(insert|update|delete|replace)\b/i

/** A connection setting (`PRAGMA foreign_keys = OFF`): both connections take it. */
const SETTING = /^\s*pragma\s+[^=]+=/i

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
 * Opens the file at `path` in WAL mode (readers beside the one writer). Reads run synchronously on one
 * connection, as @libsql/client's file client does; writes and batches on the write connection; an
 * interactive transaction gets a connection of its own.
 */
export const openFileClient = (path: string, options: FileClientOptions = {}): Client => {
  const busy = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))
  const open = (busyTimeoutMs = busy) => {
    const c = new Connection(path)
    c.exec("PRAGMA journal_mode = WAL")
    c.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`)
    c.exec("PRAGMA foreign_keys = ON")
    return c
  }
  const openWriter = () => new WriteConnection(open(0), busy)
  let connection = open()
  let writer = openWriter()
  let closed = false
  const live = () => {
    if (closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED")
    return connection
  }
  const normalize = (stmts: Parameters<Client["batch"]>[0]): Array<InStatement> =>
    stmts.map((s) =>
      Array.isArray(s) ? { sql: s[0] as string, args: (s[1] ?? []) as InArgs } : (s as InStatement),
    )
  const client: Client = {
    execute: ((stmt: InStatement | string, args?: InArgs) => {
      const s: InStatement =
        typeof stmt === "string" ? (args === undefined ? stmt : { sql: stmt, args }) : stmt
      const { sql } = sqlOf(s)
      if (WRITES.test(sql)) return settle(live).then(() => writer.transact([s]).then((r) => r[0]!))
      if (SETTING.test(sql)) return settle(() => live().run(s)).then((r) => writer.apply(s).then(() => r))
      return settle(() => live().run(s))
    }) as Client["execute"],
    batch: (stmts, mode = "deferred") =>
      mode === "read"
        ? settle(() => live().batch(normalize(stmts), BEGIN.read))
        : settle(live).then(() => writer.transact(normalize(stmts))),
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
      settle(live)
        .then(() => writer.hold())
        .then((release) => {
          let own: Connection
          try {
            own = open()
            own.run(BEGIN[mode])
          } catch (e) {
            release()
            throw e
          }
          let done = false
          const finish = () => {
            if (done) return
            done = true
            try {
              if (own.native.open && own.native.inTransaction) own.run("ROLLBACK")
            } finally {
              own.close()
              release()
            }
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
      writer.close()
    },
    reconnect: () => {
      connection.close()
      writer.close()
      connection = open()
      writer = openWriter()
      closed = false
    },
    get closed() {
      return closed
    },
    protocol: "file",
  }
  return client
}
