/**
 * The fingerprint that tells two requests under one client write id apart (L5): the same request always gets
 * the same one, requests differing anywhere get different ones, and a fingerprint stored by the SHA-256 it
 * replaced (or none, before L5) is not compared, so a replay of an old key is still answered. @see L5
 */
import fc from "fast-check"
import { assert, describe, it } from "vitest"
import { fingerprintOf, isOtherRequest } from "../../src/repo/IdempotencyKeys.ts"

const request = fc.record({
  staff: fc.option(fc.string(), { nil: null }),
  chat: fc.option(fc.string(), { nil: null }),
  params: fc.dictionary(fc.string(), fc.string()),
  body: fc.record({ clientMessageId: fc.string(), text: fc.string({ unit: "binary" }) }),
})

describe("idempotency fingerprint", () => {
  it("is the same for the same request and differs when any part differs", () => {
    fc.assert(
      fc.property(request, request, (a, b) => {
        assert.strictEqual(fingerprintOf(a), fingerprintOf(structuredClone(a)))
        assert.match(fingerprintOf(a), /^[0-9a-f]{16}$/)
        if (JSON.stringify(a) !== JSON.stringify(b)) assert.notStrictEqual(fingerprintOf(a), fingerprintOf(b))
      }),
    )
    // One character apart, in the text or in who sent it.
    const base = { staff: null, chat: "conv_1", params: {}, body: { clientMessageId: "m1", text: "hello" } }
    const near = [
      { ...base, body: { ...base.body, text: "hellp" } },
      { ...base, chat: "conv_2" },
      { ...base, staff: "staff_1", chat: null },
    ]
    for (const other of near) assert.isTrue(isOtherRequest(fingerprintOf(base), fingerprintOf(other)))
  })

  it("compares only fingerprints of the same kind: an older SHA-256 or none lets the stored answer stand", () => {
    const fresh = fingerprintOf({ body: { text: "hello" } })
    assert.isFalse(isOtherRequest(fresh, fresh))
    assert.isFalse(isOtherRequest("ab".repeat(32), fresh), "a SHA-256 stored before cannot be compared")
    assert.isFalse(isOtherRequest(null, fresh), "a key stored before L5 has no fingerprint")
    assert.isFalse(isOtherRequest(fresh, null), "a request without a fingerprint compares nothing")
  })
})
