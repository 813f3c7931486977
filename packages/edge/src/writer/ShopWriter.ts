/**
 * One shop's writer. Commands on the shop's conversations are decided one at a time per conversation, against
 * the conversation's state in memory (its tip: the last state decided), and what they decide is committed in
 * groups: whatever is staged while a transaction is in flight goes into the next one, and each caller hears
 * back only once the transaction holding its events is durable. A request that stores its answer with its
 * writes (idempotency) decides inside a Unit and seals it with that answer; until its group commits, the
 * conversations it touched wait for it. Runtime-agnostic: Node keeps one writer per shop in process; a shop's
 * Durable Object holds its only one. A second writer elsewhere is caught by the store's constraints (a
 * conflict), and the conversations it touched are read again.
 * Longer than most modules because staging, sealing, abandoning and ordering act on one group state; what a
 * group is and how its statements are laid out is Group.ts.
 */
import type { InStatement } from "@libsql/client"
import {
  type Decided,
  type GroupStore,
  type Hot,
  type Item,
  layOut,
  numberEvents,
  type Outcome,
  type Staged,
  type Unit,
} from "./Group.ts"
import type { HotSet } from "./HotSet.ts"

export type { Decided, Hot, Outcome, Staged } from "./Group.ts"
export { Unit } from "./Group.ts"

/** Who may decide on a conversation, and what is staged or in flight for it. */
interface Live {
  tip: Hot | undefined
  /** A turn is being used (someone is deciding). */
  busy: boolean
  /** Its last group is in flight: nothing is decided on it until the outcome is known. */
  flying: boolean
  /** The unit whose decisions on it are not committed yet; other units and plain commands wait. */
  holder: Unit | null
  pending: number
  readonly waiters: Array<{ readonly unit: Unit | null; readonly grant: () => void }>
  /** Called once nothing is staged or in flight for it any more. */
  readonly onIdle: Array<() => void>
}

/** The right to decide the next command of one conversation; used once (stage, hold or release). */
export interface Turn {
  /** The state in memory; undefined when the conversation is cold (read it, then `warm`). */
  readonly tip: Hot | undefined
  readonly warm: (hot: Hot, bytes: number) => void
  /** The conversation is not in the store (any more): nothing of it stays in memory. */
  readonly forget: () => void
  /**
   * Whether the tip is durable for `unit`: nothing staged on it, or only what `unit` itself will commit. An
   * answer that writes nothing (a refusal, a no-op) may rest only on a durable tip.
   */
  readonly settledFor: (unit: Unit | null) => boolean
  /** Stages a decision made outside a unit: resolves once its group is durable (or refused). */
  readonly stage: (decided: Decided) => Promise<Staged>
  /** Stages a decision inside `unit`: it commits when the unit is sealed. */
  readonly hold: (decided: Decided, unit: Unit) => Item
  /** Ends the turn without a decision (the command was refused). */
  readonly release: () => void
}

export class ShopWriter {
  private readonly live = new Map<string, Live>()
  private pending: Array<Item> = []
  private flying = false
  private scheduled = false
  private readonly claims = new Map<string, Promise<unknown>>()

  readonly shopId: string
  private readonly store: GroupStore
  private readonly hot: HotSet

  constructor(shopId: string, store: GroupStore, hot: HotSet) {
    this.shopId = shopId
    this.store = store
    this.hot = hot
  }

  private hotKey(conversationId: string): string {
    return `${this.shopId}\u0000c\u0000${conversationId}`
  }

  /** Waits for the turn on a conversation; `cancel` withdraws the request (or gives back a granted turn). */
  turn(
    conversationId: string,
    unit: Unit | null,
  ): { readonly granted: Promise<Turn>; readonly cancel: () => void } {
    const live = this.liveOf(conversationId)
    let turn: Turn | null = null
    let waiter: Live["waiters"][number] | null = null
    const granted = new Promise<Turn>((ok) => {
      const grant = () => {
        live.busy = true
        turn = this.makeTurn(conversationId, live)
        ok(turn)
      }
      // Whoever waits is blocked (a grant goes out as soon as one may decide), so one who may decide now goes.
      if (this.mayDecide(live, unit)) grant()
      else {
        waiter = { unit, grant }
        live.waiters.push(waiter)
      }
    })
    const cancel = () => {
      if (turn !== null) return turn.release()
      if (waiter === null) return
      const i = live.waiters.indexOf(waiter)
      if (i >= 0) live.waiters.splice(i, 1)
      this.forgetIdle(conversationId, live)
    }
    return { granted, cancel }
  }

  private mayDecide(live: Live, unit: Unit | null): boolean {
    return !live.busy && !live.flying && (live.holder === null || live.holder === unit)
  }

  private liveOf(conversationId: string): Live {
    let live = this.live.get(conversationId)
    if (live === undefined) {
      live = {
        tip: this.hot.get<Hot>(this.hotKey(conversationId)),
        busy: false,
        flying: false,
        holder: null,
        pending: 0,
        waiters: [],
        onIdle: [],
      }
      this.live.set(conversationId, live)
    }
    return live
  }

  private makeTurn(conversationId: string, live: Live): Turn {
    let used = false
    const end = () => {
      if (used) return false
      used = true
      live.busy = false
      return true
    }
    const place = (decided: Decided, unit: Unit | null, settle: Item["settle"]): Item => {
      if (!end()) throw new Error("a turn decides once")
      live.tip = decided.after
      live.pending++
      if (unit !== null) live.holder = unit
      const item: Item = { conversationId, decided, unit, shopSeqs: [], settle }
      this.pending.push(item)
      return item
    }
    return {
      tip: live.tip,
      warm: (hot, bytes) => {
        live.tip = hot
        if (live.pending === 0) this.hot.set(this.hotKey(conversationId), hot, bytes)
      },
      forget: () => {
        if (live.pending > 0) return
        live.tip = undefined
        this.hot.delete(this.hotKey(conversationId))
      },
      settledFor: (unit) => live.pending === 0 || (unit !== null && live.holder === unit),
      stage: (decided) =>
        new Promise<Staged>((ok) => {
          const item = place(decided, null, (outcome) => ok({ outcome, shopSeqs: item.shopSeqs }))
          this.wake(live)
          this.schedule()
        }),
      hold: (decided, unit) => {
        unit.writer = this
        const item = place(decided, unit, () => {})
        unit.items.push(item)
        this.wake(live)
        return item
      },
      release: () => {
        if (!end()) return
        this.wake(live)
        this.forgetIdle(conversationId, live)
      },
    }
  }

  /** Grants the turn to the first waiter that may decide now (a unit's own next command passes others). */
  private wake(live: Live): void {
    const next = live.waiters.findIndex((w) => this.mayDecide(live, w.unit))
    if (next < 0) return
    const [waiter] = live.waiters.splice(next, 1)
    waiter!.grant()
  }

  private forgetIdle(conversationId: string, live: Live): void {
    if (live.pending === 0 && live.onIdle.length > 0) for (const f of live.onIdle.splice(0)) f()
    if (!live.busy && !live.flying && live.holder === null && live.pending === 0 && live.waiters.length === 0)
      this.live.delete(conversationId)
  }

  /** Resolves once nothing is staged or in flight for the conversation. */
  idle(conversationId: string): Promise<void> {
    const live = this.live.get(conversationId)
    if (live === undefined || live.pending === 0) return Promise.resolve()
    return new Promise((ok) => live.onIdle.push(ok))
  }

  /** The unit's decisions commit in the next group, its answer first; resolves once durable or refused. */
  seal(unit: Unit, leading: InStatement): Promise<Outcome> {
    if (unit.state !== "open") return unit.done
    unit.writer = this
    unit.leading = leading
    unit.state = "sealed"
    if (unit.items.length === 0) {
      const item: Item = { conversationId: null, decided: null, unit, shopSeqs: [], settle: () => {} }
      unit.items.push(item)
      this.pending.push(item)
    }
    this.schedule()
    return unit.done
  }

  /** Drops an open unit's decisions (its request failed before sealing): its conversations are free again. */
  abandon(unit: Unit): void {
    if (unit.state !== "open") return
    unit.settle({ _tag: "Failed", cause: new Error("abandoned") })
    const touched = new Set<string>()
    this.pending = this.pending.filter((item) => {
      if (item.unit !== unit) return true
      if (item.conversationId !== null) touched.add(item.conversationId)
      return false
    })
    for (const conversationId of touched) {
      const live = this.live.get(conversationId)
      if (live === undefined) continue
      live.pending = this.pending.filter((i) => i.conversationId === conversationId).length
      if (live.holder === unit) live.holder = null
      // The tip goes back to the last decision still staged, or to what is durable.
      const last = this.pending.findLast((i) => i.conversationId === conversationId)
      live.tip = last?.decided?.after ?? this.hot.get<Hot>(this.hotKey(conversationId))
      this.wake(live)
      this.forgetIdle(conversationId, live)
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flying) return
    this.scheduled = true
    // Decisions staged in the same tick join one group.
    queueMicrotask(() => {
      this.scheduled = false
      this.flush()
    })
  }

  /** Commits every staged decision that may go now: none of an open unit, nor of a conversation it holds. */
  private flush(): void {
    if (this.flying) return
    const waiting = new Set<string>()
    for (const item of this.pending)
      if (item.unit?.state === "open" && item.conversationId !== null) waiting.add(item.conversationId)
    const group: Array<Item> = []
    const rest: Array<Item> = []
    for (const item of this.pending) {
      const held =
        item.unit?.state === "open" || (item.conversationId !== null && waiting.has(item.conversationId))
      ;(held ? rest : group).push(item)
    }
    if (group.length === 0) return
    this.pending = rest
    const laid = layOut(group, this.store, this.shopId)
    const conversations = new Set(group.flatMap((i) => (i.conversationId === null ? [] : [i.conversationId])))
    for (const c of conversations) this.liveOf(c).flying = true
    this.flying = true
    this.store.commit(laid.statements).then(
      (results) => {
        if (results === null) return this.finish(group, conversations, { _tag: "Conflict" })
        numberEvents(laid, results, this.store)
        this.finish(group, conversations, { _tag: "Committed" })
      },
      (cause: unknown) => this.finish(group, conversations, { _tag: "Failed", cause }),
    )
  }

  private finish(group: ReadonlyArray<Item>, conversations: ReadonlySet<string>, outcome: Outcome): void {
    this.flying = false
    for (const c of conversations) {
      const live = this.liveOf(c)
      live.flying = false
      live.pending -= group.filter((i) => i.conversationId === c).length
      if (live.holder !== null && group.some((i) => i.unit === live.holder)) live.holder = null
      if (outcome._tag === "Committed") {
        const last = group.findLast((i) => i.conversationId === c)!.decided!
        this.hot.set(this.hotKey(c), last.after, last.bytes)
      } else {
        // Whatever was decided on it is void, and what is durable may not be what memory held: read it again.
        this.hot.delete(this.hotKey(c))
        live.tip = undefined
      }
    }
    for (const item of group) {
      item.settle(outcome)
      item.unit?.settle(outcome)
    }
    for (const c of conversations) {
      const live = this.liveOf(c)
      this.wake(live)
      this.forgetIdle(c, live)
    }
    if (this.pending.length > 0) this.schedule()
  }

  /** The answer stored under a key, when this process remembers it. */
  answered<A>(key: string): A | undefined {
    return this.hot.get<A>(`${this.shopId}\u0000k\u0000${key}`)
  }

  remember(key: string, answer: unknown, bytes: number): void {
    this.hot.set(`${this.shopId}\u0000k\u0000${key}`, answer, bytes)
  }

  /** A request already writing under this key in this process, to wait for. */
  claimed(key: string): Promise<unknown> | undefined {
    return this.claims.get(key)
  }

  /** Marks the key as being written until `until` settles. */
  claim(key: string, until: Promise<unknown>): void {
    const done = until.then(
      () => {},
      () => {},
    )
    this.claims.set(key, done)
    void done.then(() => {
      if (this.claims.get(key) === done) this.claims.delete(key)
    })
  }

  /** Forgets a conversation's state (its customer changed outside the writer). */
  forget(conversationId: string): void {
    this.hot.delete(this.hotKey(conversationId))
    const live = this.live.get(conversationId)
    if (live !== undefined && live.pending === 0 && !live.flying) live.tip = undefined
  }

  /** What is in flight or staged, for tests and diagnostics. */
  get backlog(): { readonly staged: number; readonly flying: boolean; readonly live: number } {
    return { staged: this.pending.length, flying: this.flying, live: this.live.size }
  }
}
