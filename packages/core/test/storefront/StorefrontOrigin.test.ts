/** Properties of the shop's allowed origins: normalising what a merchant types, exact matching, product links. */
import { assert, describe, it } from "@effect/vitest"
import { Option, Result } from "effect"
import fc from "fast-check"
import {
  isAllowed,
  MAX_ALLOWED_ORIGINS,
  normalize,
  ORIGIN_PATTERN,
  productUrl,
  validateList,
} from "../../src/storefront/StorefrontOrigin.ts"

// A letter first: a digits-only host is an IPv4 shorthand that URL rewrites ("0" → "0.0.0.0").
const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/)
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join("."))
const scheme = fc.constantFrom("http", "https")
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null })
/** What follows an origin in a pasted address: a path, maybe a query. */
const path = fc.stringMatching(/^(\/[a-z0-9-]{1,8}){0,3}\/?(\?[a-z]{1,4}=[a-z0-9]{0,4})?$/)
const origin = fc
  .tuple(scheme, host, port)
  .map(
    ([s, h, p]) =>
      `${s}://${h}${p === null || (s === "https" && p === 443) || (s === "http" && p === 80) ? "" : `:${p}`}`,
  )

describe("storefront origins", () => {
  it("a typed address normalises to the origin a browser sends, and normalising twice changes nothing", () => {
    fc.assert(
      fc.property(origin, path, fc.boolean(), (o, rest, upper) => {
        const typed = `${upper ? o.toUpperCase().replace(/^HTTPS?/, (m) => m.toLowerCase()) : o}${rest}`
        const n = normalize(typed)
        assert.isTrue(Option.isSome(n), typed)
        if (Option.isNone(n)) return
        assert.strictEqual(n.value, o)
        assert.match(n.value, ORIGIN_PATTERN)
        assert.deepStrictEqual(normalize(n.value), n)
      }),
    )
  })

  it("an address without a scheme is https; default ports are dropped; other schemes and credentials are refused", () => {
    assert.deepStrictEqual(
      normalize("Shop.Example.com/products/a?x=1"),
      Option.some("https://shop.example.com"),
    )
    assert.deepStrictEqual(
      normalize("https://shop.example.com:443/"),
      Option.some("https://shop.example.com"),
    )
    assert.deepStrictEqual(normalize("http://127.0.0.1:8788"), Option.some("http://127.0.0.1:8788"))
    for (const bad of [
      "javascript:alert(1)",
      "ftp://shop.example",
      "https://user:pw@shop.example",
      "",
      "  ",
      "*",
    ])
      assert.isTrue(Option.isNone(normalize(bad)), bad)
  })

  it("only an exact listed origin is allowed: no suffix, prefix, scheme or port variant", () => {
    fc.assert(
      fc.property(fc.uniqueArray(origin, { maxLength: 5 }), origin, (list, o) => {
        assert.strictEqual(isAllowed(list, o), list.includes(o))
        assert.isFalse(isAllowed(list, `${o}.evil.example`) && !list.includes(`${o}.evil.example`))
        assert.isFalse(isAllowed(list, null))
      }),
    )
    assert.isFalse(isAllowed(["https://shop.example"], "https://evil.shop.example"))
    assert.isFalse(isAllowed(["https://shop.example"], "http://shop.example"))
  })

  it("a list keeps order without duplicates, refuses a bad entry by name, and holds at most twenty", () => {
    fc.assert(
      fc.property(fc.array(origin, { maxLength: 30 }), (list) => {
        const r = validateList(list)
        const unique = [...new Set(list)]
        if (unique.length > MAX_ALLOWED_ORIGINS) {
          assert.isTrue(Result.isFailure(r))
          if (Result.isFailure(r)) assert.strictEqual(r.failure._tag, "TooManyOrigins")
        } else assert.deepStrictEqual<ReadonlyArray<string>>(Result.getOrThrow(r), unique)
      }),
    )
    const bad = validateList(["https://shop.example", "not a url"])
    assert.isTrue(
      Result.isFailure(bad) && bad.failure._tag === "OriginInvalid" && bad.failure.origin === "not a url",
    )
  })

  it("a catalogue path opens on the shopper's storefront; absolute http(s) links are kept; other schemes have none", () => {
    fc.assert(
      fc.property(origin, path, (o, rest) => {
        const url = productUrl(`/products${rest}`, o)
        assert.isTrue(url?.startsWith(`${o}/products`) === true)
      }),
    )
    assert.strictEqual(
      productUrl("https://shop.example/products/a", "http://other"),
      "https://shop.example/products/a",
    )
    assert.isNull(productUrl("javascript:alert(1)", "https://shop.example"))
    assert.isNull(productUrl("/products/a", null))
  })
})
