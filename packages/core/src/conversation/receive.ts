/**
 * Use case: a shopper's message arrives. The TopicClassifier runs only on a message the rules accept,
 * so refused messages (images, blank, too long) and everything that is not a customer message are
 * never classified. @see R10, R11, R18
 */
import { Effect, Result } from "effect"
import type { MessageId } from "../ids.ts"
import { TopicClassifier } from "../ports/TopicClassifier.ts"
import type { Instant } from "../time.ts"
import type { Conversation } from "./Conversation.ts"
import { type Decision, decide } from "./decide.ts"

export interface IncomingCustomerMessage {
  readonly messageId: MessageId
  readonly text: string
  readonly hasImage: boolean
}

/**
 * Decides a customer message, asking the classifier for its topic first if the message is accepted.
 * @example
 * const decision = yield* receiveCustomerMessage(state, { messageId, text, hasImage: false }, now)
 */
export const receiveCustomerMessage = Effect.fn("Conversation.receiveCustomerMessage")(function* (
  state: Conversation | null,
  message: IncomingCustomerMessage,
  now: Instant,
) {
  const unclassified: Decision = decide(
    state,
    { _tag: "ReceiveCustomerMessage", ...message, classification: null },
    now,
  )
  if (Result.isFailure(unclassified)) return unclassified
  const classifier = yield* TopicClassifier
  const classification = yield* classifier.classify(message.text)
  return decide(state, { _tag: "ReceiveCustomerMessage", ...message, classification }, now)
})
