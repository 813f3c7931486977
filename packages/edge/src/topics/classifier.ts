/**
 * The TopicClassifier the edge runs on each customer message (R10). Hook for issue 3: core's trained
 * classifier replaces `layerNoTopics` here once `@inbox/core` exports it; until then no label is applied.
 */
import { Topic, TopicClassifier } from "@inbox/core"
import { Effect, Layer } from "effect"

const none: Topic.TopicProbabilities = {
  topics: Object.fromEntries(Topic.TOPIC_IDS.map((t) => [t, 0])) as Topic.TopicProbabilities["topics"],
  none: 1,
}

/** Says "none of these" to everything: messages are stored, never labelled. */
export const layerNoTopics: Layer.Layer<TopicClassifier> = Layer.succeed(TopicClassifier, {
  classify: () => Effect.succeed(none),
})

export const layer = layerNoTopics
