/** Classifier outputs: diffuse, peaked near the 0.90 threshold, or faulty (out of range, NaN). */
import fc from "fast-check"
import { TOPIC_IDS, type TopicId, type TopicProbabilities } from "../../src/topics/Topic.ts"

export const topicId: fc.Arbitrary<TopicId> = fc.constantFrom(...TOPIC_IDS)

const fromWeights = (weights: ReadonlyArray<number>, none: number): TopicProbabilities => {
  const total = weights.reduce((a, b) => a + b, 0) + none
  const topics = Object.fromEntries(TOPIC_IDS.map((t, i) => [t, (weights[i] ?? 0) / total]))
  return { topics: topics as Record<TopicId, number>, none: none / total }
}

const diffuse = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 10, maxLength: 10 }),
    fc.integer({ min: 1, max: 100 }),
  )
  .map(([w, none]) => fromWeights(w, none))

/** One topic at a probability on either side of 0.90 (0.9 itself included), the rest spread out. */
const peaked = fc
  .tuple(
    topicId,
    fc.oneof(
      fc.constantFrom(0.9, 0.8999999999, 0.9000000001, 1, 0.95, 0.5),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ),
  )
  .map(([topic, p]): TopicProbabilities => {
    const rest = (1 - p) / TOPIC_IDS.length
    const topics = Object.fromEntries(TOPIC_IDS.map((t) => [t, t === topic ? p : rest]))
    return { topics: topics as Record<TopicId, number>, none: rest }
  })

/** A broken classifier: values a label must never rest on. */
const faulty = fc
  .tuple(
    topicId,
    fc.constantFrom(Number.NaN, 1.5, -0.2, Number.POSITIVE_INFINITY, 0.3),
    topicId,
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([bad, badValue, good, goodValue]): TopicProbabilities => {
    const topics = Object.fromEntries(TOPIC_IDS.map((t) => [t, 0])) as Record<TopicId, number>
    topics[good] = goodValue
    topics[bad] = badValue
    return { topics, none: 0 }
  })

export const classification: fc.Arbitrary<TopicProbabilities> = fc.oneof(
  { weight: 2, arbitrary: diffuse },
  { weight: 4, arbitrary: peaked },
  { weight: 1, arbitrary: faulty },
)

/** Independent oracle for R11: the highest probability in [0, 1], if ≥ 0.9 (first topic wins ties). */
export const expectedLabel = (p: TopicProbabilities): { topic: TopicId; confidence: number } | null => {
  const valid = TOPIC_IDS.map((topic, i) => ({ topic, confidence: p.topics[topic], i })).filter(
    (x) => Number.isFinite(x.confidence) && x.confidence >= 0 && x.confidence <= 1,
  )
  valid.sort((a, b) => b.confidence - a.confidence || a.i - b.i)
  const top = valid[0]
  return top !== undefined && top.confidence >= 0.9 ? { topic: top.topic, confidence: top.confidence } : null
}
