/**
 * The TopicClassifier the edge runs on each customer message before it commits (R10): core's trained EN+FR
 * model. `layerNoTopics` stays for tests that want messages stored but never labelled.
 */
import { Topic, TopicClassifier, TopicModel } from "@inbox/core"
import { Effect, Layer } from "effect"

const none: Topic.TopicProbabilities = {
  topics: Object.fromEntries(Topic.TOPIC_IDS.map((t) => [t, 0])) as Topic.TopicProbabilities["topics"],
  none: 1,
}

/** Says "none of these" to everything: messages are stored, never labelled. */
export const layerNoTopics: Layer.Layer<TopicClassifier> = Layer.succeed(TopicClassifier, {
  classify: () => Effect.succeed(none),
})

export const layer: Layer.Layer<TopicClassifier> = TopicModel.layer
