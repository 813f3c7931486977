/**
 * What the writers of one process keep in memory between commands: hot conversations and recent answers,
 * least recently used first out once their estimated size passes a byte budget. Runtime-agnostic.
 */

interface Slot {
  readonly value: unknown
  readonly bytes: number
}

/** A bounded map by bytes; reading an entry makes it the most recently used. */
export class HotSet {
  private readonly slots = new Map<string, Slot>()
  private used = 0

  readonly budgetBytes: number

  constructor(budgetBytes: number) {
    this.budgetBytes = budgetBytes
  }

  get<A>(key: string): A | undefined {
    const slot = this.slots.get(key)
    if (slot === undefined) return undefined
    // Map iteration follows insertion order: re-inserting makes it the newest.
    this.slots.delete(key)
    this.slots.set(key, slot)
    return slot.value as A
  }

  set(key: string, value: unknown, bytes: number): void {
    this.delete(key)
    // An entry larger than the whole budget is not kept at all.
    if (bytes > this.budgetBytes) return
    this.slots.set(key, { value, bytes })
    this.used += bytes
    for (const [oldest, slot] of this.slots) {
      if (this.used <= this.budgetBytes) break
      this.slots.delete(oldest)
      this.used -= slot.bytes
    }
  }

  delete(key: string): void {
    const slot = this.slots.get(key)
    if (slot === undefined) return
    this.slots.delete(key)
    this.used -= slot.bytes
  }

  /** Forgets every entry whose key starts with `prefix` (a shop, after a conflict it cannot place). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.slots.keys()]) if (key.startsWith(prefix)) this.delete(key)
  }

  get size(): number {
    return this.slots.size
  }

  get bytes(): number {
    return this.used
  }
}

/** A rough size of a string held by a JavaScript engine (UTF-16). */
export const stringBytes = (s: string): number => 2 * s.length
