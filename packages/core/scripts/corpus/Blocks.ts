/** The shape of the hand-written building blocks the synthetic corpus is generated from. */
import { TOPIC_IDS } from "../../src/topics/Topic.ts"

export const CLASSES = [...TOPIC_IDS, "none"] as const
export type ClassId = (typeof CLASSES)[number]

/**
 * Templates use `{slot}` for a filler drawn from `fillers` and `[a|b|c]` for an inline alternative
 * (an empty alternative makes the part optional). Alternatives do not nest.
 */
export interface ClassBlocks {
  /** Sentences that carry the topic on their own. */
  readonly core: ReadonlyArray<string>
  /** Extra sentences that fit the topic but do not decide it alone (prepended or appended). */
  readonly context: ReadonlyArray<string>
}

export interface Blocks {
  readonly lang: "en" | "fr"
  readonly fillers: Readonly<Record<string, ReadonlyArray<string>>>
  readonly greetings: ReadonlyArray<string>
  readonly signoffs: ReadonlyArray<string>
  /** Topic-neutral sentences shoppers add to any message (they must not sway the model). */
  readonly neutral: ReadonlyArray<string>
  readonly classes: Readonly<Record<ClassId, ClassBlocks>>
}
