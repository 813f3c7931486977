/** Delivery failure reasons: stored as codes, read back as they were, rendered in both languages. @see R2 */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import {
  DELIVERY_FAILURE_CODES,
  type DeliveryFailure,
  describe as describeFailure,
  fromStored,
  toStored,
} from "../../src/delivery/DeliveryFailure.ts"

const failure: fc.Arbitrary<DeliveryFailure> = fc.record(
  { code: fc.constantFrom(...DELIVERY_FAILURE_CODES), detail: fc.string() },
  { requiredKeys: ["code"] },
)

describe("delivery failures", () => {
  it("R2 a stored reason reads back as it was; plain text from before codes stays readable", () => {
    fc.assert(
      fc.property(failure, (f) => {
        assert.deepStrictEqual(fromStored(toStored(f)), f)
      }),
    )
    assert.deepStrictEqual(fromStored("No SMTP server configured"), {
      code: "unknown",
      detail: "No SMTP server configured",
    })
  })

  it("R2 every reason reads in the merchant's language, with the far side's detail", () => {
    assert.strictEqual(
      describeFailure({ code: "email_not_configured" }, "fr"),
      "Aucun serveur d’e-mail n’est connecté : les réponses par e-mail ne peuvent pas partir.",
    )
    for (const code of DELIVERY_FAILURE_CODES) {
      if (code === "unknown") continue
      const en = describeFailure({ code, detail: "550" }, "en")
      const fr = describeFailure({ code, detail: "550" }, "fr")
      assert.notStrictEqual(en, fr, code)
      assert.notInclude(fr, "No ", code)
    }
    assert.include(describeFailure({ code: "webhook_rejected", detail: "503" }, "fr"), "503")
  })
})
