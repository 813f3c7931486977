/** Properties of the composer's catalogue: search and shareability. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { isShareable, search } from "../../src/catalog/Product.ts"
import { product } from "../arbitraries/catalog.ts"

describe("catalogue", () => {
  it("R15 only active products published on the online store are shareable", () => {
    fc.assert(
      fc.property(product("EUR"), (p) => {
        assert.strictEqual(isShareable(p), p.status === "active" && p.onlineStore)
      }),
    )
  })

  it("R15 search finds a product by any part of its title, whatever the case and accents, in catalogue order", () => {
    fc.assert(
      fc.property(
        fc.array(product("EUR"), { maxLength: 8 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (products, pick, from, len) => {
          fc.pre(products.length > 0)
          const target = products[pick % products.length]!
          const title = target.title
          const start = from % (title.length + 1)
          const part = title.slice(start, start + (len % 6))
          // Upper-case and decomposed accents must not hide the match.
          const found = search(products, part.toUpperCase().normalize("NFD"))
          if (part.trim() !== "" && part.toUpperCase().toLowerCase() === part.toLowerCase())
            assert.include(found, target)
          assert.deepStrictEqual(
            found,
            products.filter((p) => found.includes(p)),
          )
          assert.lengthOf(search(products, "   "), products.length)
        },
      ),
    )
  })

  it("R15 example: accents and case are folded", () => {
    const robe = { title: "Robe d’été Lumière" }
    assert.deepStrictEqual(search([robe, { title: "Chemise" }], "ROBE ete lumiere"), [robe])
    assert.deepStrictEqual(search([robe], "robe bleue"), [])
  })
})
