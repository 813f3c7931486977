/** Notification rules: settings are obeyed one by one, blocked senders and self-assignment never notify. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import type { MessageId, StaffId } from "../../src/ids.ts"
import { notificationFor, reasonFor } from "../../src/notifications/Notifications.ts"
import { instant } from "../../src/time.ts"

const staff = fc.constantFrom("s1", "s2", "s3").map((s) => s as StaffId)
const event: fc.Arbitrary<ConversationEvent> = fc.oneof(
  fc.constant({
    _tag: "CustomerMessageReceived",
    messageId: "m" as MessageId,
    text: "hi",
    at: instant(1),
  } as const),
  fc
    .tuple(staff, staff)
    .map(([assignee, by]) => ({ _tag: "ConversationAssigned", assignee, by, at: instant(1) }) as const),
  fc.constant({ _tag: "CustomerCameOnline", at: instant(1) } as const),
)
const happening = fc.record({
  event,
  assignee: fc.option(staff, { nil: null }),
  blocked: fc.boolean(),
  newConversation: fc.boolean(),
})
const settings = fc.record({
  newConversation: fc.boolean(),
  newMessageOnMine: fc.boolean(),
  assignedToMe: fc.boolean(),
})

describe("notifications", () => {
  it("a notification goes out only for a reason the person kept on, never for a blocked sender or their own action", () => {
    fc.assert(
      fc.property(settings, happening, staff, (s, h, viewer) => {
        const reason = notificationFor(s, h, viewer)
        if (h.blocked) assert.isNull(reason)
        if (reason === "new_conversation") assert.isTrue(s.newConversation && h.newConversation)
        if (reason === "new_message_on_mine") assert.isTrue(s.newMessageOnMine && h.assignee === viewer)
        if (reason === "assigned_to_me") {
          assert.isTrue(s.assignedToMe)
          assert.isTrue(h.event._tag === "ConversationAssigned" && h.event.by !== viewer)
        }
        // Turning a kind on never removes another kind's notification.
        const all = notificationFor(
          { newConversation: true, newMessageOnMine: true, assignedToMe: true },
          h,
          viewer,
        )
        if (reason !== null) assert.strictEqual(all, reason)
        assert.strictEqual(all, reasonFor(h, viewer))
      }),
    )
  })
})
