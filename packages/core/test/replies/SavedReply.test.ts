/** Properties of saved replies: shortcut validation and uniqueness, variable filling, `/shortcut` matching. */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import {
  fill,
  firstNameOf,
  matching,
  normalizeShortcut,
  SHORTCUT_PATTERN,
  typedShortcut,
  unknownVariables,
  validate,
} from "../../src/replies/SavedReply.ts"

const shortcut = fc.stringMatching(/^[a-z0-9_-]{1,32}$/)
const name = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== "")

describe("saved replies", () => {
  it("a valid shortcut is stored without its slash, in lower case, and must be unique in the shop", () => {
    fc.assert(
      fc.property(shortcut, fc.array(shortcut, { maxLength: 5 }), fc.boolean(), (s, others, slash) => {
        const typed = `${slash ? "/" : ""}${s.toUpperCase()}`
        const r = validate(
          { shortcut: typed, text: "Hello", productIds: [], discountCode: null },
          others.map((o) => ({ shortcut: o })),
        )
        if (others.includes(s)) {
          assert.isTrue(Result.isFailure(r))
          if (Result.isFailure(r)) assert.strictEqual(r.failure._tag, "SavedReplyShortcutTaken")
        } else {
          assert.isTrue(Result.isSuccess(r))
          if (Result.isSuccess(r)) assert.strictEqual(r.success.shortcut, s)
        }
      }),
    )
  })

  it("a shortcut with spaces or other characters is refused; an empty reply is refused; more than three products are refused", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const r = validate({ shortcut: raw, text: "x", productIds: [], discountCode: null }, [])
        assert.strictEqual(Result.isSuccess(r), SHORTCUT_PATTERN.test(normalizeShortcut(raw)))
      }),
    )
    const empty = validate({ shortcut: "a", text: "   ", productIds: [], discountCode: null }, [])
    assert.isTrue(Result.isFailure(empty) && empty.failure._tag === "SavedReplyEmpty")
    const products = validate(
      { shortcut: "a", text: "", productIds: ["p1", "p2", "p3", "p4"], discountCode: null },
      [],
    )
    assert.isTrue(Result.isFailure(products) && products.failure._tag === "TooManyProducts")
    const codeOnly = validate({ shortcut: "a", text: "", productIds: [], discountCode: " welcome10 " }, [])
    assert.isTrue(Result.isSuccess(codeOnly) && codeOnly.success.discountCode === "WELCOME10")
  })

  it("filling replaces every known variable with the conversation's values, inserted verbatim and never expanded again", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "Hi ",
            "{{customer.first_name}}",
            "{{shop.name}}",
            "{{ shop.name }}",
            "!",
            "\n",
            "{{",
            "}}",
          ),
          {
            maxLength: 12,
          },
        ),
        fc.option(name, { nil: null }),
        fc.oneof(name, fc.constant("{{customer.first_name}}")),
        (parts, customerName, shopName) => {
          const text = parts.join("")
          const out = fill(text, { customerName, shopName })
          const first = firstNameOf(customerName)
          // Every occurrence became its value: removing the values leaves no known variable behind.
          const withoutValues = out
            .split(shopName)
            .join("")
            .split(first === "" ? "\u0000" : first)
            .join("")
          assert.notInclude(withoutValues, "{{shop.name}}")
          assert.notInclude(withoutValues, "{{customer.first_name}}")
          // Filling is one pass: filling the same text twice gives the same result as once with the same values.
          assert.strictEqual(fill(text, { customerName, shopName }), out)
        },
      ),
    )
  })

  it("examples: first name, missing name, unknown variable left as typed", () => {
    const ctx = { customerName: "Ana María López", shopName: "Maison Lumière" }
    assert.strictEqual(
      fill("Hi {{customer.first_name}}, welcome to {{shop.name}}!", ctx),
      "Hi Ana, welcome to Maison Lumière!",
    )
    assert.strictEqual(
      fill("Hi {{customer.first_name}}, thanks", { ...ctx, customerName: null }),
      "Hi, thanks",
    )
    assert.strictEqual(fill("Order {{order.name}}", ctx), "Order {{order.name}}")
    assert.deepStrictEqual(unknownVariables("{{order.name}} {{shop.name}}"), ["order.name"])
  })

  it("typing `/word` alone opens the picker on `word`; the exact shortcut comes first, then prefixes", () => {
    fc.assert(
      fc.property(fc.uniqueArray(shortcut, { minLength: 1, maxLength: 8 }), fc.nat(), (shortcuts, i) => {
        const replies = shortcuts.map((s) => ({ shortcut: s, text: "t" }))
        const target = shortcuts[i % shortcuts.length]!
        assert.strictEqual(typedShortcut(`/${target}`), target)
        const found = matching(replies, target)
        assert.strictEqual(found[0]?.shortcut, target)
        for (const r of found) assert.isTrue(r.shortcut.startsWith(target))
      }),
    )
    assert.strictEqual(typedShortcut("hello /thanks"), null)
    assert.strictEqual(typedShortcut("/"), "")
  })
})
