/** Properties of reply routing over every platform × presence × email combination. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { routeReply } from "../../src/channel/DeliveryRoute.ts"
import { PLATFORMS } from "../../src/channel/Platform.ts"
import { describeRoute } from "../../src/thread/Notice.ts"
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
})
