/** Redacting a customer: nothing of theirs is left in the events or the state, and nothing else changes. */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import { Conversation } from "../../src/conversation/Conversation.ts"
import { ConversationEvent } from "../../src/conversation/Event.ts"
import { needles, REDACTED, redactConversation, redactEvent, scrub } from "../../src/privacy/Redaction.ts"
import { reached } from "../conversation/reached.ts"

/** Details made of a marker no generated text contains, in any case. */
const person = fc.record({
  name: fc.stringMatching(/^[A-Z][a-z]{2,8}$/).map((s) => `Qz${s} Vyx`),
  email: fc.stringMatching(/^[a-z]{3,8}$/).map((s) => `qz.${s}@example.org`),
  phone: fc.constantFrom("+33 6 12 34 56 78", "+15145550100"),
})

/** The log with the person named in what each side wrote (the merchant in their own words, any case). */
const mention = (
  e: ConversationEvent,
  p: { name: string; email: string; phone: string },
): ConversationEvent => {
  switch (e._tag) {
    case "ConversationStarted":
      return { ...e, customerEmail: p.email }
    case "CustomerMessageReceived":
      return { ...e, text: `${e.text} I am ${p.name}, ${p.phone}` }
    case "ReplySent":
      return { ...e, text: `Hello ${p.name.toUpperCase()}, we wrote to ${p.email}. ${e.text}` }
    case "AutomaticReplySent":
      return { ...e, text: `${e.text} (${p.phone})` }
    default:
      return e
  }
}

describe("redaction", () => {
  it("R3 a redacted conversation keeps every event, and no event or state holds the customer's details", () => {
    fc.assert(
      fc.property(reached(), person, (r, p) => {
        const details = needles([p.name, p.email, p.phone])
        const log = r.log.map((e) => mention(e, p))
        const redacted = log.map((e) => redactEvent(e, details))
        assert.strictEqual(redacted.length, log.length)
        for (const [i, e] of redacted.entries()) {
          assert.isTrue(Schema.is(ConversationEvent)(e))
          assert.strictEqual(e._tag, log[i]!._tag)
          const text = JSON.stringify(e).toLowerCase()
          for (const d of details) assert.notInclude(text, d.toLowerCase())
          if (e._tag === "CustomerMessageReceived") assert.strictEqual(e.text, "")
          // What does not name the customer is left as it was.
          if (
            !["ConversationStarted", "CustomerMessageReceived", "ReplySent", "AutomaticReplySent"].includes(
              e._tag,
            )
          )
            assert.deepStrictEqual(e, log[i])
        }
        const state = redactConversation({ ...r.state, customerEmail: p.email }, details)
        assert.isTrue(Schema.is(Conversation)(state))
        assert.isNull(state.customerEmail)
        assert.deepStrictEqual(state.cart, r.state.cart)
        assert.strictEqual(state.version, r.state.version)
      }),
    )
  })

  it("R3 scrub replaces every case of a detail; short ones are not searched for", () => {
    assert.strictEqual(
      scrub("Bob wrote BOB@x.org and bob@x.org", needles(["bob@x.org"])),
      `Bob wrote ${REDACTED} and ${REDACTED}`,
    )
    assert.deepStrictEqual(needles(["Al", " ", null, "Alba", "alba@x.fr"]), ["alba@x.fr", "Alba"])
    assert.strictEqual(scrub("a.b*c(d)", needles(["b*c("])), `a.${REDACTED}d)`)
  })
})
