/** Properties of the topic rules: threshold, recent list, names, latest topic. */
import { assert, describe, it } from "@effect/vitest"
import { Option, Result, Schema } from "effect"
import fc from "fast-check"
import { decide } from "../../src/conversation/decide.ts"
import { evolve } from "../../src/conversation/evolve.ts"
import { LOCALES, messages } from "../../src/i18n/Messages.ts"
import type { MessageId } from "../../src/ids.ts"
import { labelOf, pushRecent, TOPIC_IDS, TopicId } from "../../src/topics/Topic.ts"
import { classification, expectedLabel, topicId } from "../arbitraries/topics.ts"
import { reached } from "../conversation/reached.ts"

describe("topics", () => {
  it("R11 a label is applied exactly when the top valid probability is at least 0.90", () => {
    fc.assert(
      fc.property(classification, (p) => {
        const label = labelOf(p)
        const expected = expectedLabel(p)
        assert.deepStrictEqual(Option.getOrNull(label), expected)
        if (Option.isSome(label)) {
          assert.isAtLeast(label.value.confidence, 0.9)
          assert.isAtMost(label.value.confidence, 1)
        }
      }),
    )
  })

  it("R10 R11 a customer message is classified with the classifier's output and labelled only at ≥ 0.90", () => {
    fc.assert(
      fc.property(reached(), classification, (r, p) => {
        const out = decide(
          r.state,
          {
            _tag: "ReceiveCustomerMessage",
            messageId: "mt" as MessageId,
            text: "Où est ma commande ?",
            hasImage: false,
            classification: p,
          },
          r.now,
        )
        assert.isTrue(Result.isSuccess(out))
        const detected = Result.isSuccess(out) ? out.success.filter((e) => e._tag === "TopicDetected") : []
        const expected = expectedLabel(p)
        assert.lengthOf(detected, expected === null ? 0 : 1)
        if (expected !== null && detected[0]?._tag === "TopicDetected")
          assert.strictEqual(detected[0].topic, expected.topic)
      }),
    )
  })

  it("R12 the recent list keeps at most two distinct topics, the most recent first", () => {
    fc.assert(
      fc.property(fc.array(topicId, { maxLength: 30 }), (seen) => {
        const recent = seen.reduce<ReadonlyArray<TopicId>>(pushRecent, [])
        const expected: Array<TopicId> = []
        for (const t of [...seen].reverse())
          if (!expected.includes(t) && expected.length < 2) expected.push(t)
        assert.deepStrictEqual([...recent], expected)
      }),
    )
  })

  it("R13 there are exactly ten topics, each with a distinct English and French name", () => {
    assert.lengthOf(TOPIC_IDS, 10)
    for (const locale of LOCALES) {
      const names = TOPIC_IDS.map((t) => messages(locale).topics[t])
      assert.strictEqual(new Set(names).size, 10)
    }
    assert.strictEqual(messages("fr").topics.pricing_discounts, "Tarification/Réductions")
    assert.strictEqual(messages("en").topics.returns, "Returns/Delivered orders")
    fc.assert(
      fc.property(fc.string(), (s) => {
        assert.strictEqual(Schema.is(TopicId)(s), (TOPIC_IDS as ReadonlyArray<string>).includes(s))
      }),
    )
  })

  it("R14 the latest topic is the topic of the most recent labelled message", () => {
    fc.assert(
      fc.property(reached(), topicId, (r, t) => {
        const last = [...r.log].reverse().find((e) => e._tag === "TopicDetected")
        assert.strictEqual(r.state.latestTopic, last?._tag === "TopicDetected" ? last.topic : null)
        const next = evolve(r.state, {
          _tag: "TopicDetected",
          messageId: "mz" as MessageId,
          topic: t,
          confidence: 0.95,
          at: r.now,
        })
        assert.strictEqual(next?.latestTopic, t)
        assert.strictEqual(next?.recentTopics[0], t)
      }),
    )
  })
})
