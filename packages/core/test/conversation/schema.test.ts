/** Properties of persistence: events and states of any run fit their Schemas and survive JSON. */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import { ConversationCommand } from "../../src/conversation/Command.ts"
import { Conversation } from "../../src/conversation/Conversation.ts"
import { ConversationEvent } from "../../src/conversation/Event.ts"
import { replay } from "../../src/conversation/evolve.ts"
import { scenario } from "../arbitraries/commands.ts"
import { runScenario } from "./model.ts"

const decodeEvent = Schema.decodeUnknownSync(Schema.fromJsonString(ConversationEvent))
const encodeEvent = Schema.encodeSync(Schema.fromJsonString(ConversationEvent))
const isConversation = Schema.is(Conversation)
const decodeState = Schema.decodeUnknownSync(Schema.fromJsonString(Conversation))
const encodeState = Schema.encodeSync(Schema.fromJsonString(Conversation))
const isCommand = Schema.is(ConversationCommand)

describe("persistence", () => {
  it("R3 every event of any run survives a JSON round trip through its Schema, and the log and a state snapshot restore the same state", () => {
    fc.assert(
      fc.property(scenario(), (sc) => {
        const run = runScenario(sc)
        const stored = run.log.map((e) => decodeEvent(encodeEvent(e)))
        assert.deepStrictEqual(stored, run.log)
        assert.deepStrictEqual(replay(stored), run.state)
        // A snapshot of the state (e.g. a cached projection) round-trips too, read cursors included.
        if (run.state !== null) assert.deepStrictEqual(decodeState(encodeState(run.state)), run.state)
        for (const st of run.steps) {
          // The generators also play a faulty classifier (NaN, out of range), which the Schema rejects.
          const faulty =
            st.command._tag === "ReceiveCustomerMessage" &&
            st.command.classification !== null &&
            !Object.values(st.command.classification.topics).every(Number.isFinite)
          assert.strictEqual(isCommand(st.command), !faulty, st.command._tag)
          if (st.after !== null) assert.isTrue(isConversation(st.after))
        }
      }),
    )
  })
})
