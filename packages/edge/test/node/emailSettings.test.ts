/** Which shop an inbound address reaches, and each shop's sending address, from the configuration. @see R2 */
import { assert, describe, it } from "vitest"
import { emailSettings, parseMailbox } from "../../src/channels/email/EmailSettings.ts"

describe("email addressing", () => {
  const settings = emailSettings({
    from: "Inbox <inbox@inbox.example>",
    addresses: "maison=Maison Lumière <hello@maison.example>, other=support@other.example",
    defaultShop: null,
  })

  it("routes a configured address, its +token reply addresses and any case to its shop; nothing else", () => {
    assert.strictEqual(settings.shopFor("hello@maison.example"), "maison")
    assert.strictEqual(settings.shopFor("HELLO+abcdefghij0123456789ab@Maison.Example"), "maison")
    assert.strictEqual(settings.shopFor("support@other.example"), "other")
    assert.isNull(settings.shopFor("someone@maison.example"))
    assert.isNull(settings.shopFor("not an address"))
  })

  it("gives each shop its own From and reply base, and the default sender to the others", () => {
    assert.deepStrictEqual(settings.addressOf("maison").base, { local: "hello", domain: "maison.example" })
    assert.strictEqual(settings.addressOf("maison").name, "Maison Lumière")
    assert.strictEqual(settings.addressOf("other").name, "Inbox")
    assert.strictEqual(settings.addressOf("unknown").address, "inbox@inbox.example")
    assert.strictEqual(settings.messageIdDomain, "inbox.inbox.example")
    assert.includeMembers([...settings.ownAddresses], ["hello@maison.example", "support@other.example"])
  })

  it("on the embedded default every address reaches the default shop", () => {
    const embedded = emailSettings({ from: "inbox@localhost", addresses: undefined, defaultShop: "demo" })
    assert.strictEqual(embedded.shopFor("anything@anywhere.example"), "demo")
  })

  it("a malformed configuration stops the start, instead of losing mail later", () => {
    assert.throws(() => emailSettings({ from: "not an address", addresses: undefined, defaultShop: null }))
    assert.throws(() => emailSettings({ from: "a@b.c", addresses: "maison", defaultShop: null }))
    assert.throws(() => emailSettings({ from: "a@b.c", addresses: "=x@y.z", defaultShop: null }))
    assert.isNull(parseMailbox("a@b.c, d@e.f"))
  })
})
