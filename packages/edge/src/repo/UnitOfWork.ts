/**
 * The writes of one request that commit together (one transaction), with the answer an endpoint stores for
 * them (idempotency): a conversation command decided while a unit is open joins it instead of committing
 * alone, and its after-commit work (fan-out) runs once the unit is durable. The shop's writer holds the unit's
 * conversations until it is sealed or abandoned (see ShopWriter).
 */
import { Context, type Effect } from "effect"
import { Unit as WriterUnit } from "../writer/ShopWriter.ts"

export class Unit extends WriterUnit {
  /** Runs after the commit, in the order the writes were decided. */
  readonly afterCommit: Array<Effect.Effect<void>> = []
}

/** The unit the current request writes into; none outside an endpoint that opened one. */
export const CurrentUnit = Context.Reference<Unit | null>("@inbox/edge/repo/UnitOfWork/CurrentUnit", {
  defaultValue: () => null,
})

export const open = (): Unit => new Unit()

/** Another writer took this (conversation, seq) or this key first; other constraint errors are bugs. */
export const isConstraintViolation = (cause: unknown): boolean => {
  const seen = new Set<unknown>()
  let c: unknown = cause
  while (c !== null && typeof c === "object" && !seen.has(c)) {
    seen.add(c)
    const code =
      (c as { extendedCode?: unknown; code?: unknown }).extendedCode ?? (c as { code?: unknown }).code
    const message = (c as { message?: unknown }).message
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") return true
    if (typeof message === "string" && message.includes("UNIQUE constraint failed")) return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}
