/**
 * The writes of one request, committed in one batch (one transaction). A write made while a unit is open
 * joins it instead of committing alone, and its after-commit work (fan-out) runs once the batch is durable;
 * an endpoint that must store its answer with its writes (idempotency) opens one. A batch refused by a
 * uniqueness or primary-key constraint means another writer came first: the owner of the unit decides again.
 */
import type { BatchItem } from "drizzle-orm/batch"
import { Context, Effect } from "effect"
import { Database, StoreUnavailable } from "../db/Database.ts"

export type Statement = BatchItem<"sqlite">

interface Part {
  readonly statements: ReadonlyArray<Statement>
  /** Runs after the commit with the results of this part's statements, in order. */
  readonly committed: (results: ReadonlyArray<unknown>) => Effect.Effect<void>
}

export interface Unit {
  readonly parts: Array<Part>
}

/** The unit the current request writes into; none outside an endpoint that opened one. */
export const CurrentUnit = Context.Reference<Unit | null>("@inbox/edge/repo/UnitOfWork/CurrentUnit", {
  defaultValue: () => null,
})

export const open = (): Unit => ({ parts: [] })

/** Adds writes to a unit; `committed` sees their results once the whole unit is durable. */
export const add = (
  unit: Unit,
  statements: ReadonlyArray<Statement>,
  committed: (results: ReadonlyArray<unknown>) => Effect.Effect<void> = () => Effect.void,
): void => {
  unit.parts.push({ statements, committed })
}

/** Runs `effect` outside any open unit: its writes commit on their own, at once. */
export const apart = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, CurrentUnit, null)

/** Another writer took this (conversation, seq) or this key first; other constraint errors are bugs. */
const isConstraintViolation = (cause: unknown): boolean => {
  const seen = new Set<unknown>()
  let c: unknown = cause
  while (c !== null && typeof c === "object" && !seen.has(c)) {
    seen.add(c)
    const code = (c as { extendedCode?: unknown }).extendedCode
    const message = (c as { message?: unknown }).message
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") return true
    if (typeof message === "string" && message.includes("UNIQUE constraint failed")) return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}

/**
 * Commits `leading` and every part of the unit in one batch, then runs each part's after-commit work:
 * true when durable, false when another writer came first (nothing was written).
 */
export const commit = Effect.fn("UnitOfWork.commit")(function* (
  unit: Unit,
  leading: ReadonlyArray<Statement> = [],
) {
  const statements = [...leading, ...unit.parts.flatMap((p) => p.statements)]
  if (statements.length === 0) {
    for (const part of unit.parts) yield* part.committed([])
    return true
  }
  const { db } = yield* Database
  const results = yield* Effect.tryPromise({
    try: () =>
      db.batch(statements as [Statement, ...Array<Statement>]).then(
        (r) => r as ReadonlyArray<unknown>,
        (cause: unknown) => {
          if (isConstraintViolation(cause)) return null
          throw cause
        },
      ),
    catch: (cause) =>
      new StoreUnavailable({ message: cause instanceof Error ? cause.message : String(cause) }),
  })
  if (results === null) return false
  let offset = leading.length
  for (const part of unit.parts) {
    yield* part.committed(results.slice(offset, offset + part.statements.length))
    offset += part.statements.length
  }
  return true
})
