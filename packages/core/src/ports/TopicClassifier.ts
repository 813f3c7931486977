/** Port: something that turns a customer's text into topic probabilities. @see R10, R13 */
import { Context, type Effect } from "effect"
import type { TopicProbabilities } from "../topics/Topic.ts"

export class TopicClassifier extends Context.Service<
  TopicClassifier,
  {
    /** Probabilities over the ten topics plus "none"; never fails, whatever the text. */
    readonly classify: (text: string) => Effect.Effect<TopicProbabilities>
  }
>()("@inbox/core/ports/TopicClassifier") {}
