/**
 * What a shop's writer commits: the decisions staged for a group (and the units they belong to), the store a
 * group goes to, and how a group's statements are laid out: a read of where the shop's event numbers will stand
 * once the group is written, first, then each unit's stored answer before its decisions, in order. Runtime-agnostic.
 */
import type { Conversation } from "@inbox/core"
import type { InStatement, ResultSet } from "@libsql/client"
import type { ShopWriter } from "./ShopWriter.ts"

/** What deciding a conversation's next command needs, kept between commands. */
export interface Hot {
  readonly state: Conversation.Conversation
  /** The customer's name and email as their record holds them (what the inbox row shows and searches). */
  readonly customerName: string
  readonly customerEmail: string | null
}

/** One decided command: the conversation after it, and its writes once placed in a group. */
export interface Decided {
  readonly after: Hot
  /** Estimated bytes of `after` in memory. */
  readonly bytes: number
  readonly eventCount: number
  /**
   * Its statements, given the index of its first event among the group's events and how many events the group
   * holds: shop-wide sequence numbers are taken in group order.
   */
  readonly statements: (firstEvent: number, groupEvents: number) => ReadonlyArray<InStatement>
}

export type Outcome =
  | { readonly _tag: "Committed" }
  /** A uniqueness constraint refused the group (another writer, or an answer stored before): decide again. */
  | { readonly _tag: "Conflict" }
  | { readonly _tag: "Failed"; readonly cause: unknown }

/** How a decision staged outside a unit ended, with its events' shop-wide sequence numbers when committed. */
export interface Staged {
  readonly outcome: Outcome
  readonly shopSeqs: ReadonlyArray<number>
}

/** Where a writer commits, and the statement that numbers a group's events shop-wide. */
export interface GroupStore {
  /** One transaction; null when a uniqueness or primary-key constraint refused it (nothing was written). */
  readonly commit: (statements: ReadonlyArray<InStatement>) => Promise<ReadonlyArray<ResultSet> | null>
  /** Where the shop's event numbers stand once the group's `events` are written (first in the group). */
  readonly advance: (shopId: string, events: number) => InStatement
  /** The counter's new value, from the result of `advance`. */
  readonly counterOf: (result: ResultSet) => number
}

/** A staged decision (or a unit's stored answer alone), waiting for its group. */
export interface Item {
  readonly conversationId: string | null
  readonly decided: Decided | null
  readonly unit: Unit | null
  /** The shop-wide sequence numbers of its events, once committed. */
  shopSeqs: ReadonlyArray<number>
  readonly settle: (outcome: Outcome) => void
}

/** The writes of one request that commit together, with the answer stored first (see IdempotencyKeys). */
export class Unit {
  state: "open" | "sealed" | "settled" = "open"
  readonly items: Array<Item> = []
  /** The statement that stores the answer; runs before the unit's other statements. */
  leading: InStatement | null = null
  writer: ShopWriter | null = null
  private settleDone: (outcome: Outcome) => void = () => {}
  readonly done: Promise<Outcome> = new Promise((ok) => {
    this.settleDone = ok
  })
  settle(outcome: Outcome): void {
    if (this.state === "settled") return
    this.state = "settled"
    this.settleDone(outcome)
  }
}

/** A group's statements, with the place of each decision's first event among the group's events. */
export interface Laid {
  readonly statements: ReadonlyArray<InStatement>
  readonly events: number
  readonly first: ReadonlyMap<Item, number>
}

/** The counter goes first (when the group has events), then each unit's answer before its first decision. */
export const layOut = (group: ReadonlyArray<Item>, store: GroupStore, shopId: string): Laid => {
  const events = group.reduce((n, item) => n + (item.decided?.eventCount ?? 0), 0)
  const statements: Array<InStatement> = []
  if (events > 0) statements.push(store.advance(shopId, events))
  const led = new Set<Unit>()
  const first = new Map<Item, number>()
  let k = 0
  for (const item of group) {
    if (item.unit !== null && !led.has(item.unit)) {
      led.add(item.unit)
      if (item.unit.leading !== null) statements.push(item.unit.leading)
    }
    if (item.decided === null) continue
    first.set(item, k)
    statements.push(...item.decided.statements(k, events))
    k += item.decided.eventCount
  }
  return { statements, events, first }
}

/** Once committed, each decision's events take the shop sequence numbers up to the counter, in group order. */
export const numberEvents = (laid: Laid, results: ReadonlyArray<ResultSet>, store: GroupStore): void => {
  if (laid.events === 0) return
  const counter = store.counterOf(results[0]!)
  for (const [item, at] of laid.first)
    item.shopSeqs = Array.from(
      { length: item.decided!.eventCount },
      (_, i) => counter - (laid.events - 1 - (at + i)),
    )
}
