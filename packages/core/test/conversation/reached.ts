/** Conversations in arbitrary reachable states: a scenario run through decide + evolve, kept if started. */
import type fc from "fast-check"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import { hasMessagingWindow, messagingTypeAt } from "../../src/channel/MessagingWindow.ts"
import { type Conversation, lastCustomerMessageAtOf } from "../../src/conversation/Conversation.ts"
import { decide } from "../../src/conversation/decide.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import { evolve } from "../../src/conversation/evolve.ts"
import type { MessageId } from "../../src/ids.ts"
import type { Instant } from "../../src/time.ts"
import { instant } from "../../src/time.ts"
import { type Scenario, scenario } from "../arbitraries/commands.ts"
import { runScenario } from "./model.ts"

export interface Reached {
  readonly scenario: Scenario
  readonly state: Conversation
  readonly log: ReadonlyArray<ConversationEvent>
  readonly staff: ReadonlyArray<StaffMember>
  /** An instant at or after every event of the log. */
  readonly now: Instant
}

export const reached = (maxLength = 25): fc.Arbitrary<Reached> =>
  scenario(maxLength)
    .map((sc) => ({ sc, run: runScenario(sc) }))
    .filter(({ run }) => run.state !== null)
    .map(({ sc, run }) => ({
      scenario: sc,
      state: run.state!,
      log: run.log,
      staff: sc.staff,
      now: instant(Math.max(sc.startAt, ...run.log.map((e) => e.at))),
    }))

/**
 * A reached conversation a person may answer now: on Messenger or Instagram with Meta's window closed, the
 * customer writes once more at `now` first, so properties about replies are not about the window.
 */
export const replyable = (maxLength = 25): fc.Arbitrary<Reached> =>
  reached(maxLength).map((r) => {
    const c = r.state
    if (!hasMessagingWindow(c.platform)) return r
    const window = messagingTypeAt({
      platform: c.platform,
      lastCustomerMessageAt: lastCustomerMessageAtOf(c),
      now: r.now,
      author: "person",
    })
    if (window._tag === "Success") return r
    const d = decide(
      c,
      {
        _tag: "ReceiveCustomerMessage",
        messageId: "m-window" as MessageId,
        text: "Hello",
        hasImage: false,
        classification: null,
      },
      r.now,
    )
    if (d._tag === "Failure") return r
    let state: Conversation = c
    for (const e of d.success) state = evolve(state, e) ?? state
    return { ...r, state, log: [...r.log, ...d.success] }
  })
