/**
 * Meta's messaging window for Messenger and Instagram: a page may answer a customer freely for 24 hours after
 * the customer's last message, a person (not automation) may answer up to 7 days with the HUMAN_AGENT tag,
 * and nobody after that. Pure; time is passed in. @see R2
 */
import { Result, Schema } from "effect"
import { DAY_MS, Instant } from "../time.ts"
import type { Platform } from "./Platform.ts"

/** The platforms whose replies Meta's window governs. */
export const WINDOW_PLATFORMS = ["messenger", "instagram"] as const
export const WindowPlatform = Schema.Literals(WINDOW_PLATFORMS)
export type WindowPlatform = typeof WindowPlatform.Type

/** The standard messaging window: any reply, automatic or not, with `messaging_type: RESPONSE`. */
export const STANDARD_WINDOW_MS = DAY_MS
/** The human-agent window: a reply a person wrote, with `MESSAGE_TAG` + `HUMAN_AGENT`. */
export const HUMAN_AGENT_WINDOW_MS = 7 * DAY_MS

/** Who wrote the reply: a staff member, or the shop's automation (automatic replies). */
export type Author = "person" | "automatic"

/** How the Send API must label the reply (Meta's `messaging_type`, and `tag` when it is a message tag). */
export const MessagingType = Schema.Union([
  Schema.Struct({ messagingType: Schema.Literal("RESPONSE") }),
  Schema.Struct({ messagingType: Schema.Literal("MESSAGE_TAG"), tag: Schema.Literal("HUMAN_AGENT") }),
])
export type MessagingType = typeof MessagingType.Type

/**
 * The reply cannot be sent on this platform now. `no_customer_message`: the customer never wrote, so Meta
 * opens no window; `automatic_after_24h`: only a person may answer after 24 hours; `expired`: 7 days passed.
 */
export class OutsideMessagingWindow extends Schema.TaggedError<OutsideMessagingWindow>()(
  "OutsideMessagingWindow",
  {
    platform: WindowPlatform,
    reason: Schema.Literals(["no_customer_message", "automatic_after_24h", "expired"]),
    /** When the window that applies closed; null when it never opened. */
    closedAt: Schema.NullOr(Instant),
  },
) {}

export const hasMessagingWindow = (platform: Platform): platform is WindowPlatform =>
  platform === "messenger" || platform === "instagram"

export interface WindowInput {
  readonly platform: WindowPlatform
  /** When the customer last wrote (null: never). */
  readonly lastCustomerMessageAt: Instant | null
  readonly now: Instant
  readonly author: Author
}

/**
 * How a reply may be sent at `now`, or why it may not. A clock running behind the customer's message (a
 * negative age) counts as "just now": the customer did write, so the standard window is open.
 * @example
 * messagingTypeAt({ platform: "messenger", lastCustomerMessageAt: t, now: t + 3_600_000, author: "person" })
 * // Result.succeed({ messagingType: "RESPONSE" })
 */
export const messagingTypeAt = (input: WindowInput): Result.Result<MessagingType, OutsideMessagingWindow> => {
  const { platform, lastCustomerMessageAt: last, now, author } = input
  if (last === null)
    return Result.fail(
      new OutsideMessagingWindow({ platform, reason: "no_customer_message", closedAt: null }),
    )
  const age = Math.max(0, now - last)
  if (age < STANDARD_WINDOW_MS) return Result.succeed({ messagingType: "RESPONSE" })
  if (author === "automatic")
    return Result.fail(
      new OutsideMessagingWindow({
        platform,
        reason: "automatic_after_24h",
        closedAt: (last + STANDARD_WINDOW_MS) as Instant,
      }),
    )
  if (age < HUMAN_AGENT_WINDOW_MS) return Result.succeed({ messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" })
  return Result.fail(
    new OutsideMessagingWindow({
      platform,
      reason: "expired",
      closedAt: (last + HUMAN_AGENT_WINDOW_MS) as Instant,
    }),
  )
}

/** When a person can no longer answer (the human-agent window's end), or null when it never opened. */
export const closesAt = (lastCustomerMessageAt: Instant | null): Instant | null =>
  lastCustomerMessageAt === null ? null : ((lastCustomerMessageAt + HUMAN_AGENT_WINDOW_MS) as Instant)
