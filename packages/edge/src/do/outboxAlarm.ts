/**
 * When the outbox next has a delivery due, kept in the Durable Object's storage (so it survives hibernation)
 * for its alarm, and the delivery itself when the alarm rings. Only when the object holds the shop's database.
 * @see R2
 */
import { eq, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dispatcher from "../channels/Dispatcher.ts"
import { Database } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import type { WorkerRuntime } from "./layers.ts"

const DISPATCH_KEY = "dispatch"
const DISPATCH_BATCH = 20

export class OutboxAlarm {
  private readonly storage: DurableObjectStorage
  private readonly runtime: WorkerRuntime
  private readonly retry: Dispatcher.RetryPolicy
  /** Sets the object's alarm to `at` unless it rings earlier already. */
  private readonly wakeAt: (at: number) => Promise<void>

  constructor(
    storage: DurableObjectStorage,
    runtime: WorkerRuntime,
    retry: Dispatcher.RetryPolicy,
    wakeAt: (at: number) => Promise<void>,
  ) {
    this.storage = storage
    this.runtime = runtime
    this.retry = retry
    this.wakeAt = wakeAt
  }

  /** Sends the due replies (email, platform webhooks) and says when the next retry is due, if any. */
  async deliver(now: number): Promise<number | null> {
    const due = this.storage.kv.get<number>(DISPATCH_KEY)
    if (due === undefined) return null
    if (due > now) return due
    this.storage.kv.delete(DISPATCH_KEY)
    const run = this.runtime.managed.runPromise
    try {
      while ((await run(Dispatcher.runOnce(this.retry, DISPATCH_BATCH))) === DISPATCH_BATCH) {}
    } catch (error) {
      console.error("outbox delivery failed", error)
    }
    const next = await run(
      Effect.gen(function* () {
        const { db } = yield* Database
        const rows = yield* Effect.promise(() =>
          db
            .select({ at: sql<number | null>`min(${t.outbox.nextAttemptAt})` })
            .from(t.outbox)
            .where(eq(t.outbox.status, "queued")),
        )
        return rows[0]?.at ?? null
      }),
    )
    if (next !== null) this.storage.kv.put(DISPATCH_KEY, next)
    return next
  }

  /** Wakes the alarm for the outbox at `at` (or earlier, if something else is due before). */
  async deliverAt(at: number): Promise<void> {
    const pending = this.storage.kv.get<number>(DISPATCH_KEY)
    if (pending !== undefined && pending <= at) return
    this.storage.kv.put(DISPATCH_KEY, at)
    await this.wakeAt(at)
  }
}
