/** Properties of the presence indicator and the offline notice. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { PLATFORMS } from "../../src/channel/Platform.ts"
import type { Conversation } from "../../src/conversation/Conversation.ts"
import { messages } from "../../src/i18n/Messages.ts"
import { inboxRow } from "../../src/inbox/InboxRow.ts"
import { presenceNotice } from "../../src/presence/Presence.ts"
import { describeEvent } from "../../src/thread/Notice.ts"
import { instant } from "../../src/time.ts"
import { reached } from "../conversation/reached.ts"

const email = fc.option(fc.emailAddress(), { nil: null })

describe("presence", () => {
  it("R8 the Online indicator shows exactly while a live-chat shopper is in the store", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLATFORMS),
        fc.boolean(),
        email,
        (platform, customerOnline, customerEmail) => {
          const n = presenceNotice({ platform, customerOnline, customerEmail })
          assert.strictEqual(n._tag === "online", platform === "online_store_chat" && customerOnline)
          if (platform !== "online_store_chat") assert.strictEqual(n._tag, "none")
        },
      ),
    )
  })

  it("R9 when the shopper leaves, the notice names the email the reply goes to, or says they will see it on return", () => {
    fc.assert(
      fc.property(email, fc.constantFrom("en" as const, "fr" as const), (customerEmail, locale) => {
        const n = presenceNotice({ platform: "online_store_chat", customerOnline: false, customerEmail })
        assert.deepStrictEqual(
          n,
          customerEmail === null
            ? { _tag: "offline_no_email" }
            : { _tag: "offline_email", email: customerEmail },
        )
        const notice = describeEvent({ _tag: "CustomerWentOffline", at: instant(0) }, locale, {
          conversation: { platform: "online_store_chat", customerEmail },
        })
        const m = messages(locale)
        assert.strictEqual(
          notice,
          customerEmail === null ? m.presence.offlineNoEmail : m.presence.offlineEmail(customerEmail),
        )
      }),
    )
  })

  it("R8 R9 the inbox row carries the presence of any reachable conversation", () => {
    fc.assert(
      fc.property(reached(), (r) => {
        const c: Conversation = r.state
        const row = inboxRow(c, r.staff[0]!.id, "Ana")
        assert.deepStrictEqual(row.presence, presenceNotice(c))
        if (c.platform === "online_store_chat")
          assert.strictEqual(row.presence._tag === "online", c.customerOnline)
      }),
    )
  })
})
