/** Properties of the signed identity: the signed text names one id/email pair only. */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import { ExternalCustomerId, isSignableEmail, signedText } from "../../src/storefront/ShopperIdentity.ts"

const id = fc.stringMatching(/^[\x21-\x7e]{1,20}$/)
const email = fc.option(fc.emailAddress(), { nil: null })

describe("signed identity", () => {
  it("two different id/email pairs never sign the same text (an email has no colon)", () => {
    fc.assert(
      fc.property(id, email, id, email, (i1, e1, i2, e2) => {
        fc.pre(isSignableEmail(e1) && isSignableEmail(e2))
        if (i1 !== i2 || e1 !== e2) assert.notStrictEqual(signedText(i1, e1), signedText(i2, e2))
      }),
    )
    assert.strictEqual(signedText("7", null), "7:")
    assert.strictEqual(
      signedText("gid://shopify/Customer/7", "a@b.example"),
      "gid://shopify/Customer/7:a@b.example",
    )
  })

  it("a customer id is printable ASCII without spaces or line breaks, up to 128 characters", () => {
    const ok = Schema.is(ExternalCustomerId)
    assert.isTrue(ok("207119551"))
    assert.isTrue(ok("gid://shopify/Customer/207119551"))
    for (const bad of ["", "a b", "a\nb", "x".repeat(129), "é"]) assert.isFalse(ok(bad), JSON.stringify(bad))
  })
})
