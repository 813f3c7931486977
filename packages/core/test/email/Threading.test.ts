/** Email threading: the key order (reply address, In-Reply-To, References), and the headers of our replies. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import {
  bracket,
  MAX_REFERENCES,
  type MessageIdValue,
  messageIdsIn,
  type ReplyBase,
  replyAddress,
  replyHeaders,
  replySubject,
  replyTokenOf,
  resolveThread,
  threadKeys,
} from "../../src/email/Threading.ts"

const base: ReplyBase = { local: "reply", domain: "maison.example" }

const idPart = fc.stringMatching(/^[A-Za-z0-9._=+$-]{1,20}$/)
const messageId: fc.Arbitrary<MessageIdValue> = fc
  .tuple(idPart, fc.constantFrom("mail.gmail.com", "outlook.com", "inbox.example"))
  .map(([l, d]) => `${l}@${d}` as MessageIdValue)
const token = fc.stringMatching(/^[a-z0-9]{20}$/)
/** Folding whitespace as mail clients write it between ids. */
const fws = fc.constantFrom(" ", "  ", "\t", "\r\n ", "\n\t")

describe("email threading", () => {
  it("R1 References and In-Reply-To are read back in order, once each, whatever the folding", () => {
    fc.assert(
      fc.property(fc.array(messageId, { maxLength: 30 }), fws, (ids, sep) => {
        const header = ids.map(bracket).join(sep)
        assert.deepStrictEqual(messageIdsIn(header), [...new Set(ids)])
      }),
    )
  })

  it("R1 the reply address wins, then In-Reply-To, then the most recent known reference; else a new thread", () => {
    fc.assert(
      fc.property(
        fc.record({
          token: fc.option(token, { nil: null }),
          tokenKnown: fc.boolean(),
          inReplyTo: fc.option(messageId, { nil: null }),
          inReplyToKnown: fc.boolean(),
          references: fc.uniqueArray(messageId, { maxLength: 8 }),
          knownReferences: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
          otherRecipients: fc.array(fc.emailAddress(), { maxLength: 3 }),
        }),
        (m) => {
          const recipients = [
            ...m.otherRecipients,
            ...(m.token === null ? [] : [replyAddress(base, m.token)]),
          ]
          const refs = m.references.filter((r) => r !== m.inReplyTo)
          const byToken = new Map<string, string>()
          const byMessageId = new Map<string, string>()
          if (m.token !== null && m.tokenKnown) byToken.set(m.token, "by-token")
          if (m.inReplyTo !== null && m.inReplyToKnown) byMessageId.set(m.inReplyTo, "by-in-reply-to")
          refs.forEach((r, i) => {
            if (m.knownReferences[i]) byMessageId.set(r, `by-reference-${i}`)
          })
          const keys = threadKeys(
            {
              recipients,
              inReplyTo: m.inReplyTo === null ? null : bracket(m.inReplyTo),
              references: refs.map(bracket).join(" "),
            },
            base,
          )
          const found = resolveThread(keys, { byToken, byMessageId })
          // The rule restated: the first kind of key that is known decides.
          const lastKnownRef = refs
            .map((_, i) => i)
            .filter((i) => m.knownReferences[i])
            .pop()
          const want =
            m.token !== null && m.tokenKnown
              ? "by-token"
              : m.inReplyTo !== null && m.inReplyToKnown
                ? "by-in-reply-to"
                : lastKnownRef !== undefined
                  ? `by-reference-${lastKnownRef}`
                  : null
          assert.strictEqual(found?.conversation ?? null, want)
        },
      ),
    )
  })

  it("R1 a reply address is read back case-insensitively, only for our own base", () => {
    fc.assert(
      fc.property(token, fc.boolean(), (t, upper) => {
        const address = replyAddress(base, t)
        assert.strictEqual(replyTokenOf(upper ? address.toUpperCase() : address, base), t)
        assert.isNull(replyTokenOf(address, { local: "reply", domain: "other.example" }))
        assert.isNull(replyTokenOf(address, { local: "support", domain: base.domain }))
        assert.isNull(replyTokenOf(`reply@${base.domain}`, base))
      }),
    )
  })

  it("R2 our reply points at the customer's message: References end with it, keep the root, stay short", () => {
    fc.assert(
      fc.property(messageId, fc.uniqueArray(messageId, { maxLength: 60 }), (parent, references) => {
        const refs = references.filter((r) => r !== parent)
        const h = replyHeaders({ messageId: parent, references: refs })
        assert.strictEqual(h.inReplyTo, parent)
        assert.strictEqual(h.references.at(-1), parent)
        assert.isAtMost(h.references.length, MAX_REFERENCES)
        assert.strictEqual(new Set(h.references).size, h.references.length)
        if (refs.length > 0) assert.strictEqual(h.references[0], refs[0])
        if (refs.length < MAX_REFERENCES) assert.deepStrictEqual(h.references, [...refs, parent])
      }),
    )
  })

  it("a reply's subject has one Re:, never two, and never breaks a header line", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (subject) => {
        const once = replySubject(subject, "Your message")
        if (subject.replace(/[\r\n]+/g, " ").trim() !== "")
          assert.strictEqual(replySubject(once, "Your message"), once)
        assert.notMatch(once, /[\r\n]/)
        assert.isAbove(once.length, 0)
      }),
    )
    assert.strictEqual(replySubject("Where is my order?", "x"), "Re: Where is my order?")
    assert.strictEqual(replySubject("RE: Where is my order?", "x"), "RE: Where is my order?")
    assert.strictEqual(replySubject(null, "Your message"), "Your message")
  })
})
