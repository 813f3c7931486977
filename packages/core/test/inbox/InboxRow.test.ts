/** Properties of one inbox list row for any reachable conversation and any viewer. */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import { header } from "../../src/cart/Cart.ts"
import { isUnreadFor } from "../../src/conversation/Conversation.ts"
import { InboxRow, inboxRow } from "../../src/inbox/InboxRow.ts"
import { presenceNotice } from "../../src/presence/Presence.ts"
import { staffId } from "../arbitraries/ids.ts"
import { reached } from "../conversation/reached.ts"

describe("inbox row", () => {
  it("R3 R4 R7 R8 R12 R19 a row shows the list, unread for the viewer, ≤ 2 topics, the badge, presence and the cart header", () => {
    fc.assert(
      fc.property(
        reached().chain((r) =>
          fc.tuple(fc.constant(r), fc.oneof(fc.constantFrom(...r.staff.map((s) => s.id)), staffId)),
        ),
        ([r, viewer]) => {
          const c = r.state
          const row = inboxRow(c, viewer, "Ana")
          assert.isTrue(Schema.is(InboxRow)(row))
          assert.strictEqual(row.status, c.status)
          assert.strictEqual(row.unread, isUnreadFor(c, viewer))
          assert.isAtMost(row.topics.length, 2)
          assert.deepStrictEqual(row.topics, c.recentTopics)
          assert.strictEqual(row.assignedToMe, c.assignee !== null && c.assignee === viewer)
          assert.deepStrictEqual(row.presence, presenceNotice(c))
          assert.deepStrictEqual(row.cart, header(c.cart))
          assert.strictEqual(row.cart !== null, c.cart.lines.length > 0)
          assert.strictEqual(row.version, r.log.length)
        },
      ),
    )
  })
})
