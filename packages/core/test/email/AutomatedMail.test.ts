/** Auto-replies, bounces, bulk mail and loops never start or reopen a conversation. @see R5 */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { classifyMail, type MailFacts, mayStartOrReopen } from "../../src/email/AutomatedMail.ts"

const own = { ownAddresses: ["reply@maison.example"], ownMessageIdDomain: "inbox.maison.example" }
const facts = (headers: Record<string, string>, from: string | null = "ana@example.com"): MailFacts => ({
  headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
  from,
  ...own,
})

/** Headers a person's ordinary mail carries. */
const ordinary = fc.dictionary(
  fc.constantFrom("subject", "date", "mime-version", "x-mailer", "content-language", "dkim-signature"),
  fc.string({ maxLength: 40 }),
)

describe("automated mail", () => {
  it("R5 a person's mail with ordinary headers may start or reopen a conversation", () => {
    fc.assert(
      fc.property(ordinary, fc.emailAddress(), (headers, from) => {
        fc.pre(
          !/^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i.test(from) &&
            from !== "reply@maison.example",
        )
        assert.strictEqual(classifyMail(facts(headers, from)), "person")
      }),
    )
  })

  it("R5 any Auto-Submitted value but 'no', any bulk Precedence, any list header: never a new or reopened conversation", () => {
    fc.assert(
      fc.property(
        ordinary,
        fc.oneof(
          fc
            .constantFrom("auto-replied", "auto-generated", "Auto-Replied", "auto-notified")
            .map((v) => ({ "auto-submitted": v })),
          fc.constantFrom("bulk", "junk", "list", "Bulk").map((v) => ({ precedence: v })),
          fc.constant({ "list-id": "<news.maison.example>" }),
          fc.constant({ "list-unsubscribe": "<mailto:unsub@example.com>" }),
          fc.constant({ "x-autoreply": "yes" }),
          fc.constant({ "return-path": "<>" }),
        ),
        (headers, marker) => {
          const kind = classifyMail(facts({ ...headers, ...marker }))
          assert.notStrictEqual(kind, "person")
          assert.isFalse(mayStartOrReopen(kind))
        },
      ),
    )
    assert.strictEqual(classifyMail(facts({ "auto-submitted": "no" })), "person")
  })

  it("R5 bounces: a delivery-status report or a mailer daemon, even when also marked auto-submitted", () => {
    assert.strictEqual(
      classifyMail(
        facts({
          "content-type": 'multipart/report; report-type=delivery-status; boundary="b"',
          "auto-submitted": "auto-replied",
        }),
      ),
      "bounce",
    )
    assert.strictEqual(classifyMail(facts({}, "MAILER-DAEMON@mx.example.com")), "bounce")
    assert.strictEqual(classifyMail({ ...facts({}), envelopeFrom: "" }), "auto_reply")
  })

  it("R5 loops: our own Message-ID, our own address as sender, or our X-Loop", () => {
    assert.strictEqual(classifyMail(facts({ "message-id": "<r1.abc@inbox.maison.example>" })), "loop")
    assert.strictEqual(classifyMail(facts({}, "reply+abcdefabcdefabcdef12@maison.example")), "loop")
    assert.strictEqual(classifyMail(facts({ "x-loop": "reply@maison.example" })), "loop")
    assert.strictEqual(classifyMail(facts({ "message-id": "<r1.abc@mail.gmail.com>" })), "person")
  })
})
