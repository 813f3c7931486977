/** Secrets at rest: a sealed value opens only with its key and its context, and never when altered. */
import fc from "fast-check"
import { assert, it } from "vitest"
import { fromB64url, toB64url } from "../../src/auth/Base64url.ts"
import { makeSecretBox } from "../../src/auth/SecretBox.ts"

const canonical = (segment: string): boolean => {
  try {
    return toB64url(fromB64url(segment)) === segment
  } catch {
    return true
  }
}

it("a sealed secret opens to itself with the same key and context, and is not the plain text", async () => {
  const box = await makeSecretBox("deployment-key")
  await fc.assert(
    fc.asyncProperty(fc.string(), fc.string({ minLength: 1 }), async (plain, context) => {
      const sealed = await box.seal(plain, context)
      assert.strictEqual(await box.open(sealed, context), plain)
      if (plain.length >= 4) assert.notInclude(sealed, plain)
    }),
  )
})

it("another context, another key, or any altered character opens to null", async () => {
  const box = await makeSecretBox("deployment-key")
  const other = await makeSecretBox("another-key")
  const sealed = await box.seal("shpat_secret", "shop/a/shopify-token")
  let checked = 0
  assert.isNull(await box.open(sealed, "shop/b/shopify-token"))
  assert.isNull(await other.open(sealed, "shop/a/shopify-token"))
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(..."AZaz09-_."), async (at, ch) => {
      const altered = `${sealed.slice(0, at)}${ch}${sealed.slice(at + 1)}`
      // A change in a segment's unused trailing bits decodes to the same bytes: not an alteration.
      fc.pre(altered !== sealed && altered.split(".").slice(1).every(canonical))
      assert.isNull(await box.open(altered, "shop/a/shopify-token"))
      checked++
    }),
  )
  assert.isAbove(checked, 0)
})
