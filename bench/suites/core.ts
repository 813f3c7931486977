/** Benchmark 1: the pure core — decide+evolve on a long conversation, and the inbox row projection. */

import type { Command, Event } from "@inbox/core"
import { decide, evolve, InboxRow, replay } from "@inbox/core"

import { timeSync } from "../measure.ts"
import { result, type Suite } from "../suite.ts"

// biome-ignore lint/suspicious/noExplicitAny: ids are branded; the benchmark builds them from literals.
const id = (s: string | number) => s as any
const staff = { id: id("alice"), shopId: id("shop"), name: "Alice", isOwner: false, chatPermission: true }

const longConversation = (events: number): ReadonlyArray<Event.ConversationEvent> => {
  const log: Array<Event.ConversationEvent> = []
  const start: Command.ConversationCommand = {
    _tag: "StartConversation",
    conversationId: id("c1"),
    shopId: id("shop"),
    customerId: id("u1"),
    platform: "online_store_chat",
    customerEmail: "shopper@example.com",
    currency: "EUR",
  }
  let state = null as ReturnType<typeof replay>
  const apply = (cmd: Command.ConversationCommand, at: number) => {
    const r = decide(state, cmd, id(at))
    if (r._tag !== "Success") throw new Error(`bench setup refused: ${JSON.stringify(r)}`)
    for (const e of r.success) {
      log.push(e)
      state = evolve(state, e)
    }
  }
  apply(start, 1)
  for (let i = 0; log.length < events; i++) {
    apply(
      i % 2 === 0
        ? {
            _tag: "ReceiveCustomerMessage",
            messageId: id(`m${i}`),
            text: `Where is my order ${i}?`,
            hasImage: false,
            classification: null,
          }
        : {
            _tag: "SendReply",
            messageId: id(`r${i}`),
            staff,
            text: "On its way!",
            products: [],
            discount: null,
            image: null,
          },
      1000 + i,
    )
  }
  return log
}

export const core: Suite = {
  name: "core",
  run: async ({ quick }) => {
    const log = longConversation(1000)
    const state = replay(log)!
    const samples = quick ? 2000 : 20000
    const cmd: Command.ConversationCommand = {
      _tag: "ReceiveCustomerMessage",
      messageId: id("mx"),
      text: "Do you ship to Belgium?",
      hasImage: false,
      classification: null,
    }
    const decideEvolve = timeSync(
      () => {
        const r = decide(state, cmd, id(9_999_999))
        if (r._tag === "Success") for (const e of r.success) evolve(state, e)
      },
      { samples, batch: 10 },
    )
    // Baseline: the least work an immutable update can do, copying the state once.
    const copy = timeSync(() => ({ ...state, version: state.version + 1 }), { samples, batch: 10 })
    const replayAll = timeSync(() => replay(log), { samples: quick ? 50 : 300 })
    const row = timeSync(() => InboxRow.inboxRow(state, id("alice"), "Ada"), { samples, batch: 10 })
    const stringify = timeSync(() => JSON.stringify(state), { samples, batch: 10 })
    return [
      result({
        name: "core: decide+evolve (1,000-event conversation)",
        unit: "cmd/s",
        value: decideEvolve.opsPerSec,
        baseline: copy.opsPerSec,
        extra: { p50Us: decideEvolve.p50Us, p99Us: decideEvolve.p99Us },
      }),
      result({
        name: "core: replay 1,000 events",
        unit: "replays/s",
        value: replayAll.opsPerSec,
        extra: { p50Us: replayAll.p50Us, p99Us: replayAll.p99Us },
      }),
      result({
        name: "core: inbox row projection",
        unit: "rows/s",
        value: row.opsPerSec,
        baseline: stringify.opsPerSec,
        extra: { p50Us: row.p50Us, p99Us: row.p99Us, baselineIs: "JSON.stringify(state)" },
      }),
    ]
  },
}
