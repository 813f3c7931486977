/** Properties of the display strings: both languages complete, every error renderable, locale picking total. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import * as CommerceErrors from "../../src/commerce/errors.ts"
import * as ConversationErrors from "../../src/conversation/errors.ts"
import * as DiscountErrors from "../../src/discount/errors.ts"
import { errorMessage, LOCALES, messages, pickLocale } from "../../src/i18n/Messages.ts"
import * as StorefrontErrors from "../../src/storefront/errors.ts"

/** The shape of a message table: nested keys, with functions and strings as leaves. */
const shape = (v: unknown): unknown =>
  typeof v === "object" && v !== null
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
    : typeof v

/** Error classes are named after their `_tag`. */
const ERROR_TAGS = [
  ...Object.keys(ConversationErrors),
  ...Object.keys(DiscountErrors),
  ...Object.keys(CommerceErrors),
  ...Object.keys(StorefrontErrors),
].filter((k) => k !== "DiscountInactiveReason" && k !== "CommerceUnavailableReason")

describe("i18n", () => {
  it("R13 R16 English and French cover the same messages, and every domain error renders in both", () => {
    assert.deepStrictEqual(shape(messages("fr")), shape(messages("en")))
    assert.isAbove(ERROR_TAGS.length, 10)
    for (const locale of LOCALES)
      for (const tag of ERROR_TAGS) {
        assert.notStrictEqual(
          errorMessage({ _tag: tag }, locale),
          errorMessage({ _tag: "Unknown" }, locale),
          tag,
        )
      }
  })

  it("R9 R16 rendered strings interpolate their data in both languages", () => {
    fc.assert(
      fc.property(
        fc.emailAddress(),
        fc.stringMatching(/^[A-Z0-9]{1,10}$/),
        fc.constantFrom(...LOCALES),
        (email, code, locale) => {
          assert.include(messages(locale).presence.offlineEmail(email), email)
          assert.include(
            errorMessage({ _tag: "DiscountInactive", code, reason: "expired" } as never, locale),
            code,
          )
        },
      ),
    )
  })

  it("picking a locale from any header is total: French when French comes first, English otherwise", () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), (tag) => {
        assert.include(LOCALES, pickLocale(tag))
      }),
    )
    assert.strictEqual(pickLocale("fr-CA,fr;q=0.9,en;q=0.8"), "fr")
    assert.strictEqual(pickLocale("de-DE, fr;q=0.5"), "fr")
    assert.strictEqual(pickLocale("en-GB,fr"), "en")
    assert.strictEqual(pickLocale(undefined), "en")
  })
})
