/** The ten topics a customer message can be labelled with, and the labelling rules. @see R10–R14 */
import { Option, Schema } from "effect"

/** @see R13 */
export const TOPIC_IDS = [
  "checkout",
  "order_edits",
  "order_status",
  "pricing_discounts",
  "product_details",
  "product_interest",
  "returns",
  "shipping",
  "store_info",
  "wholesale",
] as const

export const TopicId = Schema.Literals(TOPIC_IDS)
export type TopicId = typeof TopicId.Type

/** A label is applied only at this probability or above. @see R11 */
export const LABEL_THRESHOLD = 0.9

/** A conversation shows at most this many topics. @see R12 */
export const MAX_TOPICS_SHOWN = 2

/**
 * What a classifier says of one text: a probability per topic plus the "none of these" mass.
 * All eleven numbers are in [0, 1] and sum to 1.
 */
export const TopicProbabilities = Schema.Struct({
  topics: Schema.Record(TopicId, Schema.Finite),
  none: Schema.Finite,
})
export type TopicProbabilities = typeof TopicProbabilities.Type

export const TopicLabel = Schema.Struct({ topic: TopicId, confidence: Schema.Finite })
export type TopicLabel = typeof TopicLabel.Type

/** A probability a label may rest on: a number in [0, 1] (NaN, infinities and out-of-range are noise). */
const isProbability = (x: number): boolean => Number.isFinite(x) && x >= 0 && x <= 1

/**
 * The label to apply, if the most probable topic reaches the threshold. Values outside [0, 1] are
 * ignored rather than trusted, so a faulty classifier can withhold a label but never force one.
 * @see R11
 */
export const labelOf = (p: TopicProbabilities): Option.Option<TopicLabel> => {
  let best: TopicLabel | null = null
  for (const topic of TOPIC_IDS) {
    const confidence = p.topics[topic]
    if (isProbability(confidence) && (best === null || confidence > best.confidence))
      best = { topic, confidence }
  }
  return best !== null && best.confidence >= LABEL_THRESHOLD ? Option.some(best) : Option.none()
}

/** Moves a topic to the front of the recent list, keeping at most two distinct topics. @see R12 */
export const pushRecent = (recent: ReadonlyArray<TopicId>, topic: TopicId): ReadonlyArray<TopicId> =>
  [topic, ...recent.filter((t) => t !== topic)].slice(0, MAX_TOPICS_SHOWN)
