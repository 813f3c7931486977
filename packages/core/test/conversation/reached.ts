/** Conversations in arbitrary reachable states: a scenario run through decide + evolve, kept if started. */
import type fc from "fast-check"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import type { Conversation } from "../../src/conversation/Conversation.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
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
