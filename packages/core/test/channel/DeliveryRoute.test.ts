/** Properties of reply routing over every platform × presence × email combination. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { routeReply } from "../../src/channel/DeliveryRoute.ts"
import { PLATFORMS } from "../../src/channel/Platform.ts"
import type { MessageId, StaffId } from "../../src/ids.ts"
import { describeRoute } from "../../src/thread/Notice.ts"
import { instant } from "../../src/time.ts"
import { initialDelivery } from "../../src/wire/Inbox.ts"
import { expectedRoute } from "../conversation/model.ts"

const email = fc.option(fc.emailAddress(), { nil: null })

describe("delivery route", () => {
  it("R2 a reply goes back through the platform it came from; offline chat goes to the given email, or waits", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLATFORMS),
        fc.boolean(),
        email,
        (platform, customerOnline, customerEmail) => {
          const route = routeReply({ platform, customerOnline, customerEmail })
          assert.deepStrictEqual(route, expectedRoute(platform, customerOnline, customerEmail))
          if (platform === "online_store_chat" && !customerOnline)
            assert.strictEqual(route._tag, customerEmail === null ? "held" : "email")
          if (platform !== "online_store_chat" && platform !== "email")
            assert.deepStrictEqual(route, { _tag: "platform", platform })
        },
      ),
    )
  })

  it("R2 every combination is covered and the merchant is told where the reply went, in EN and FR", () => {
    for (const platform of PLATFORMS)
      for (const customerOnline of [true, false])
        for (const customerEmail of [null, "ana@example.com"]) {
          const route = routeReply({ platform, customerOnline, customerEmail })
          for (const locale of ["en", "fr"] as const) {
            const said = describeRoute(route, locale)
            assert.isAbove(said.length, 0)
            if (route._tag === "email") assert.include(said, "ana@example.com")
          }
          assert.notStrictEqual(describeRoute(route, "en"), describeRoute(route, "fr"))
        }
  })

  it("R2 a reply starts as its channel has it at the commit: only a chat reply reads as sent before any delivery", () => {
    const at = instant(0)
    const routes = [
      [{ _tag: "chat" }, "sent", "chat"],
      [{ _tag: "held" }, "held", "chat"],
      [{ _tag: "email", to: "ana@example.com" }, "queued", "email"],
      [{ _tag: "platform", platform: "messenger" }, "queued", "messenger"],
      [{ _tag: "platform", platform: "instagram" }, "queued", "instagram"],
      [{ _tag: "platform", platform: "shop_app" }, "queued", "shop_app"],
    ] as const
    for (const [route, status, channel] of routes) {
      const expected = { status, channel, attempts: 0, reason: null }
      const reply = {
        _tag: "ReplySent",
        messageId: "r" as MessageId,
        staffId: "st" as StaffId,
        text: "hello",
        products: [],
        discount: null,
        image: null,
        route,
        at,
      } as const
      assert.deepStrictEqual(initialDelivery(reply), expected)
      const automatic = {
        _tag: "AutomaticReplySent",
        messageId: "a" as MessageId,
        kind: "inside_hours",
        text: "hi",
        route,
        at,
      } as const
      assert.deepStrictEqual(initialDelivery(automatic), expected)
    }
    assert.isNull(initialDelivery({ _tag: "ConversationClosed", by: "st" as StaffId, at }))
  })
})
