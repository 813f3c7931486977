/**
 * The room's presence grace timers, kept in the Durable Object's storage as `offline:<conversation id>` → when
 * the shopper's grace period ends, so they fire even if the object hibernates or is evicted meanwhile. @see R9
 */
import type { Ids } from "@inbox/core"

const OFFLINE_PREFIX = "offline:"

export class GraceTimers {
  private readonly storage: DurableObjectStorage

  constructor(storage: DurableObjectStorage) {
    this.storage = storage
  }

  /** Hands each grace period that has ended to `ended`; says when the next one ends. */
  async due(
    now: number,
    ended: (conversationId: Ids.ConversationId) => Promise<void>,
  ): Promise<number | null> {
    let next: number | null = null
    for (const [key, at] of this.storage.kv.list<number>({ prefix: OFFLINE_PREFIX })) {
      if (at > now) {
        next = next === null ? at : Math.min(next, at)
        continue
      }
      this.storage.kv.delete(key)
      await ended(key.slice(OFFLINE_PREFIX.length) as Ids.ConversationId)
    }
    return next
  }

  /** Starts (or, with `restart`, moves) the timer to end at `at`: false when one runs already. */
  start(conversationId: string, at: number, restart: boolean): boolean {
    const key = OFFLINE_PREFIX + conversationId
    if (!restart && this.storage.kv.get<number>(key) !== undefined) return false
    this.storage.kv.put(key, at)
    return true
  }

  cancel(conversationId: string): void {
    this.storage.kv.delete(OFFLINE_PREFIX + conversationId)
  }
}
