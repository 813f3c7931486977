/**
 * Signed tokens remember the payloads whose signature checked out: a token seen before skips the HMAC, never
 * its schema or expiry, and a token differing by one character is verified afresh (and refused). @see R0.2, R0.3
 */
import { assert, describe, it } from "vitest"
import { ChatSessionToken, makeSigner, StaffSession } from "../../src/auth/Token.ts"

const chat = (exp: number) =>
  ({
    kind: "chat",
    shopId: "s1",
    customerId: "c1",
    conversationId: "k1",
    origin: "https://shop.example",
    exp,
  }) as const

describe("signed tokens", () => {
  it("a remembered token still expires, still answers only to its own kind, and its tampered copies are refused", async () => {
    const signer = await makeSigner("a-secret-for-the-token-test")
    const token = await signer.sign(chat(1_000))
    assert.deepStrictEqual(await signer.verify(ChatSessionToken, token, 500), chat(1_000))
    assert.deepStrictEqual(await signer.verify(ChatSessionToken, token, 600), chat(1_000))
    assert.isNull(await signer.verify(ChatSessionToken, token, 1_000))
    assert.isNull(await signer.verify(StaffSession, token, 500))
    const [body, sig] = token.split(".") as [string, string]
    const flipped = (s: string, i: number) => `${s.slice(0, i)}${s[i] === "A" ? "B" : "A"}${s.slice(i + 1)}`
    for (const forged of [`${flipped(body, 3)}.${sig}`, `${body}.${flipped(sig, 5)}`, `${body}.`, body])
      assert.isNull(await signer.verify(ChatSessionToken, forged, 500))
    const other = await makeSigner("another-secret")
    assert.isNull(await other.verify(ChatSessionToken, token, 500))
  })

  it("answers a token it verified before without waiting, with the same checks; an unseen one is left to verify", async () => {
    const signer = await makeSigner("a-secret-for-the-token-test")
    const token = await signer.sign(chat(1_000))
    // Signed is not verified: nothing is known until the signature has been checked once.
    assert.isUndefined(signer.verifyKnown(ChatSessionToken, token, 500))
    assert.deepStrictEqual(await signer.verify(ChatSessionToken, token, 500), chat(1_000))
    assert.deepStrictEqual(signer.verifyKnown(ChatSessionToken, token, 600), chat(1_000))
    assert.isNull(signer.verifyKnown(ChatSessionToken, token, 1_000))
    assert.isNull(signer.verifyKnown(StaffSession, token, 500))
    const [body, sig] = token.split(".") as [string, string]
    assert.isUndefined(signer.verifyKnown(ChatSessionToken, `${body}.${sig.slice(1)}`, 500))
    const other = await makeSigner("another-secret")
    assert.isUndefined(other.verifyKnown(ChatSessionToken, token, 500))
  })
})
