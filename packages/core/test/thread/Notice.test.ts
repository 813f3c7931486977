/** Properties of the thread's system notices in English and French. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { describe as describeCart } from "../../src/cart/CartEvent.ts"
import { LOCALES, messages } from "../../src/i18n/Messages.ts"
import { describeEvent, describeRoute, renderThread } from "../../src/thread/Notice.ts"
import { reached } from "../conversation/reached.ts"

describe("thread notices", () => {
  it("R6 R2 R3 R5 R19 every event of any log renders in EN and FR: notices for system events, none for messages", () => {
    fc.assert(
      fc.property(reached(), fc.constantFrom(...LOCALES), (r, locale) => {
        const names = new Map(r.staff.map((s) => [s.id as string, s.name]))
        const thread = renderThread(r.log, locale, (id) => names.get(id))
        assert.lengthOf(thread, r.log.length)
        const m = messages(locale)
        for (const [i, item] of thread.entries()) {
          const e = item.event
          assert.strictEqual(item.seq, i + 1)
          const isMessage = e._tag === "CustomerMessageReceived"
          const silent =
            isMessage ||
            e._tag === "TopicDetected" ||
            e._tag === "ConversationRead" ||
            e._tag === "ConversationMarkedUnread"
          assert.strictEqual(item.notice === null, silent, e._tag)
          if (e._tag === "CartItemAdded")
            assert.strictEqual(item.notice, describeCart("added", e.line.title, locale))
          if (e._tag === "CartItemRemoved")
            assert.strictEqual(item.notice, describeCart("removed", e.title, locale))
          if (e._tag === "ReplySent") assert.strictEqual(item.notice, describeRoute(e.route, locale))
          if (e._tag === "ConversationReopened" && e.by === null)
            assert.strictEqual(item.notice, m.notices.reopenedByCustomer)
          if (e._tag === "ConversationAssigned")
            assert.include(item.notice ?? "", names.get(e.assignee) ?? "?")
          if (e._tag === "ConversationClosed") assert.include(item.notice ?? "", names.get(e.by) ?? "?")
        }
        const other = locale === "en" ? "fr" : "en"
        for (const e of r.log) {
          const a = describeEvent(e, locale)
          const b = describeEvent(e, other)
          if (a !== null && e._tag !== "DiscountAppliedToCart") assert.notStrictEqual(a, b, e._tag)
        }
      }),
    )
  })
})
