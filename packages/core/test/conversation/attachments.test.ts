/** Files a customer sends on email or Meta are noted, never shown; the note alone is a message. @see R18 */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import { decide } from "../../src/conversation/decide.ts"
import type { AttachmentNote } from "../../src/conversation/Event.ts"
import type { MessageId } from "../../src/ids.ts"
import { reached } from "./reached.ts"

const note: fc.Arbitrary<AttachmentNote> = fc.record({
  kind: fc.constantFrom("image" as const, "video" as const, "audio" as const, "file" as const),
  name: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
})

describe("noted attachments", () => {
  it("R18 a blank message carrying noted files is kept with its notes; a blank one without is refused", () => {
    fc.assert(
      fc.property(
        reached(),
        fc.constantFrom("", " ", "\n"),
        fc.array(note, { maxLength: 4 }),
        (r, text, notes) => {
          const result = decide(
            r.state,
            {
              _tag: "ReceiveCustomerMessage",
              messageId: "m-att" as MessageId,
              text,
              hasImage: false,
              classification: null,
              attachments: notes,
            },
            r.now,
          )
          if (notes.length === 0) {
            assert.isTrue(Result.isFailure(result) && result.failure._tag === "MessageEmpty")
            return
          }
          assert.isTrue(Result.isSuccess(result))
          if (Result.isSuccess(result)) {
            const received = result.success.find((e) => e._tag === "CustomerMessageReceived")
            assert.deepStrictEqual(
              received?._tag === "CustomerMessageReceived" ? received.attachments : null,
              notes,
            )
          }
        },
      ),
    )
  })
})
