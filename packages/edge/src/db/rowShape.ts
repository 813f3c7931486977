/**
 * libSQL's row shape, for the clients that build rows themselves (the libSQL file, Durable Object SQLite): one
 * enumerable property per column (the first of a repeated name, as in @libsql/client), which drizzle's
 * `normalizeRow` reads, and positional values (non-enumerable indices and `length`, which drizzle reads with
 * `Array.prototype.slice.call(row)`) as getters on a prototype shared by every row of one width: V8 reshapes
 * an object the first time it becomes a prototype, which costs more than the row itself.
 */
import type { Row } from "@libsql/client"

const VALUES = Symbol("values")

const prototypes = new Map<number, object>()

/** The prototype of the rows with this many columns, made once. */
export const rowPrototype = (width: number): object => {
  const known = prototypes.get(width)
  if (known !== undefined) return known
  const proto = {}
  for (let i = 0; i < width; i++)
    Object.defineProperty(proto, i, {
      get(this: { [VALUES]: ReadonlyArray<unknown> }) {
        return this[VALUES][i]
      },
    })
  Object.defineProperty(proto, "length", { value: width })
  prototypes.set(width, proto)
  return proto
}

export interface NamedColumn {
  readonly name: string
  readonly i: number
  /** A name the prototype has (a position, `length`) cannot be assigned: it is defined on the row instead. */
  readonly define: boolean
}

/** Each distinct column name with its position (the first one wins). */
export const namedColumns = (columns: ReadonlyArray<string>): ReadonlyArray<NamedColumn> =>
  columns.flatMap((name, i) =>
    columns.indexOf(name) === i ? [{ name, i, define: name === "length" || /^\d+$/.test(name) }] : [],
  )

/** One row over its values (already converted), on the prototype of its width. */
export const makeRow = (
  proto: object,
  named: ReadonlyArray<NamedColumn>,
  values: ReadonlyArray<unknown>,
): Row => {
  const row = Object.create(proto) as Record<string | symbol, unknown>
  // Not enumerable: a spread, `Object.assign` or JSON of the row copies only its columns, as of a libSQL row.
  Object.defineProperty(row, VALUES, { value: values })
  for (const { name, i, define } of named)
    if (define) Object.defineProperty(row, name, { value: values[i], enumerable: true })
    else row[name] = values[i]
  return row as unknown as Row
}
