/** Properties of the receive use case with generated classifiers. */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import fc from "fast-check"
import { receiveCustomerMessage } from "../../src/conversation/receive.ts"
import type { MessageId } from "../../src/ids.ts"
import { TopicClassifier } from "../../src/ports/TopicClassifier.ts"
import type { TopicProbabilities } from "../../src/topics/Topic.ts"
import { MAX_TEXT } from "../arbitraries/commands.ts"
import { messageText } from "../arbitraries/text.ts"
import { classification, expectedLabel } from "../arbitraries/topics.ts"
import { reached } from "./reached.ts"

describe("receive a customer message", () => {
  it("R10 R11 R18 the classifier runs once per accepted customer message and never on a refused one", () => {
    fc.assert(
      fc.property(
        reached(),
        messageText(MAX_TEXT),
        fc.boolean(),
        classification,
        (r, text, hasImage, output) => {
          const asked: Array<string> = []
          const classifier = TopicClassifier.of({
            classify: (t) =>
              Effect.sync((): TopicProbabilities => {
                asked.push(t)
                return output
              }),
          })
          const decision = Effect.runSync(
            receiveCustomerMessage(r.state, { messageId: "mr" as MessageId, text, hasImage }, r.now).pipe(
              Effect.provideService(TopicClassifier, classifier),
            ),
          )
          const accepted = !hasImage && text.trim() !== "" && text.length <= MAX_TEXT
          assert.strictEqual(Result.isSuccess(decision), accepted)
          assert.deepStrictEqual(asked, accepted ? [text] : [])
          if (Result.isSuccess(decision)) {
            const topics = decision.success.flatMap((e) => (e._tag === "TopicDetected" ? [e.topic] : []))
            assert.deepStrictEqual(
              topics,
              expectedLabel(output) === null ? [] : [expectedLabel(output)!.topic],
            )
          } else if (hasImage) assert.strictEqual(decision.failure._tag, "CustomerCannotSendImages")
        },
      ),
    )
  })
})
