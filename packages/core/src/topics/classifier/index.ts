/**
 * The trained EN+FR topic classifier behind the core's `TopicClassifier` port: a plain synchronous
 * `classify` for hot paths and a `layer` for Effect programs. Weights load once, at import. @see R10–R13
 */
import { Effect, Layer, type Option } from "effect"
import { TopicClassifier } from "../../ports/TopicClassifier.ts"
import { labelOf, type TopicLabel, type TopicProbabilities } from "../Topic.ts"
import { artifact } from "./artifact.ts"
import { makePredict, toTopicProbabilities } from "./Model.ts"

export { normalise } from "./Features.ts"
export { CLASSES } from "./Model.ts"

const predict = makePredict(artifact)

/**
 * Probabilities over the ten topics plus "none"; total, deterministic and never throws, whatever the text
 * (only the first 2,000 characters are read).
 * @example classify("Where is my order #1042?").topics.order_status // ≈ 0.99
 */
export const classify = (text: string): TopicProbabilities => toTopicProbabilities(predict(text))

/** The label R11 allows for a text (most probable topic at ≥ 0.90), if any. */
export const label = (text: string): Option.Option<TopicLabel> => labelOf(classify(text))

/** The `TopicClassifier` service backed by the committed model. */
export const layer: Layer.Layer<TopicClassifier> = Layer.succeed(TopicClassifier, {
  // No Effect.fn span: every customer message is classified, and a named span costs ~10 µs a call (#17).
  classify: (text: string) => Effect.sync(() => classify(text)),
})
