/**
 * Properties of the topic classifier (R10–R11): its output is a probability distribution whatever the
 * text, it is deterministic, junk never gets a label, and casing or accents never flip a confident label.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import fc from "fast-check"
import { TopicClassifier } from "../../src/ports/TopicClassifier.ts"
import { classify, label, layer, normalise } from "../../src/topics/classifier/index.ts"
import { decodeBase64, encodeBase64 } from "../../src/topics/classifier/Model.ts"
import { TOPIC_IDS, type TopicProbabilities } from "../../src/topics/Topic.ts"

const values = (p: TopicProbabilities): Array<number> => [...TOPIC_IDS.map((t) => p.topics[t]), p.none]

const assertDistribution = (p: TopicProbabilities): void => {
  const xs = values(p)
  assert.strictEqual(xs.length, 11)
  for (const x of xs) {
    assert.isTrue(Number.isFinite(x), `not finite: ${x}`)
    assert.isAtLeast(x, 0)
    assert.isAtMost(x, 1)
  }
  assert.approximately(
    xs.reduce((s, x) => s + x, 0),
    1,
    1e-9,
  )
}

/** Shopper-like words in both languages, so generated texts reach every part of the model. */
const WORDS = [
  "order",
  "commande",
  "refund",
  "remboursement",
  "shipping",
  "livraison",
  "code",
  "promo",
  "wholesale",
  "gros",
  "size",
  "taille",
  "where",
  "où",
  "is",
  "est",
  "my",
  "ma",
  "please",
  "merci",
  "PayPal",
  "#1042",
  "café",
  "Noël",
  "hello",
  "🙂",
]
const shopperText = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { maxLength: 30 })
  .map((ws) => ws.join(" "))
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  shopperText,
)

const EMOJI = ["😀", "😂", "❤️", "👍🏽", "🇫🇷", "👨‍👩‍👧", "🎉", "🙏", "✨", "🛍️"]

/** Messages the model labels confidently; their variants below must keep the label. */
const CONFIDENT = [
  "Where is my order? I ordered two weeks ago and the tracking has not moved.",
  "Vous faites de la vente en gros pour les boutiques ?",
  "Mon code promo est indiqué invalide, pourquoi ?",
  "Le colis est arrivé abîmé et il manque un article, je voudrais être remboursée.",
  "Combien coûte la livraison en Belgique ?",
  "Quels sont vos horaires d'ouverture le samedi ?",
  "I need to change the delivery address on my order before it ships.",
  "Is the linen shirt available in size L?",
]

const stripAccents = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "")

describe("topic classifier", () => {
  it("R11 the probabilities of any text are finite, within [0, 1] and sum to 1", () => {
    fc.assert(fc.property(anyText, (text) => assertDistribution(classify(text))))
  })

  it("is deterministic: the same text gives the same numbers, whatever was classified in between", () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const first = classify(a)
        classify(b)
        assert.deepStrictEqual(classify(a), first)
      }),
    )
  })

  it("R11 empty, emoji-only and binary-looking texts never throw and get no label", () => {
    // Binary-looking: raw bytes with control characters among them, or random bytes decoded as UTF-8.
    const binary = fc
      .uint8Array({ minLength: 1, maxLength: 400 })
      .map((bytes) => String.fromCharCode(...bytes.map((b, i) => (i % 4 === 0 ? b % 32 : b))))
    const decoded = fc
      .uint8Array({ minLength: 1, maxLength: 400 })
      .map((bytes) => new TextDecoder().decode(bytes))
    const emoji = fc.array(fc.constantFrom(...EMOJI, " ", "\n"), { maxLength: 60 }).map((xs) => xs.join(""))
    const controls = fc
      .array(fc.integer({ min: 0, max: 31 }), { maxLength: 200 })
      .map((cs) => String.fromCharCode(...cs))
    fc.assert(
      fc.property(fc.oneof(binary, decoded, emoji, controls, fc.constant("")), (text) => {
        const p = classify(text)
        assertDistribution(p)
        assert.isTrue(Option.isNone(label(text)), `labelled: ${JSON.stringify(text.slice(0, 80))}`)
      }),
    )
  })

  it("R11 a 100 kB text of random bytes or symbols never throws and gets no label", () => {
    // Random code units, not fc.string: that one deliberately injects words such as "call" or "pro",
    // and a text repeating a real shopper word may rightly get a label.
    const bytes = fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((xs) => String.fromCharCode(...xs.map((b, i) => (i % 4 === 0 ? b % 32 : b))))
    const symbols = fc
      .array(fc.integer({ min: 0x2000, max: 0x2bff }), { minLength: 1, maxLength: 64 })
      .map((cs) => String.fromCodePoint(...cs))
    fc.assert(
      fc.property(fc.oneof(bytes, symbols), (chunk) => {
        const text = chunk.repeat(Math.ceil(100_000 / chunk.length))
        assert.isAtLeast(text.length, 100_000)
        assertDistribution(classify(text))
        assert.isTrue(Option.isNone(label(text)))
      }),
      { numRuns: Math.min(fc.readConfigureGlobal().numRuns ?? 100, 50) },
    )
  })

  it("R11 removing casing or accents does not flip a confident label", () => {
    for (const text of CONFIDENT) assert.isTrue(Option.isSome(label(text)), `not confident: ${text}`)
    const variant = fc.tuple(
      fc.constantFrom(...CONFIDENT),
      fc.constantFrom("lower", "upper", "none"),
      fc.boolean(),
    )
    fc.assert(
      fc.property(variant, ([text, casing, accents]) => {
        const cased = casing === "lower" ? text.toLowerCase() : casing === "upper" ? text.toUpperCase() : text
        const changed = accents ? stripAccents(cased) : cased
        assert.deepStrictEqual(Option.getOrNull(label(changed))?.topic, Option.getOrNull(label(text))?.topic)
      }),
    )
  })

  it("normalises case, accents, ligatures, digits and stretched letters", () => {
    assert.strictEqual(normalise("ÉCHARPE Œuvre Noël #1042 soooo"), "echarpe oeuvre noel #0000 soo")
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (s) =>
        assert.strictEqual(normalise(normalise(s)), normalise(s)),
      ),
    )
  })

  it("decodes the base64 it encodes, for every length", () => {
    fc.assert(
      fc.property(fc.int8Array({ maxLength: 70 }), (bytes) => {
        assert.deepStrictEqual(Array.from(decodeBase64(encodeBase64(bytes))), Array.from(bytes))
      }),
    )
  })

  it.effect("R10 the TopicClassifier layer answers what classify answers", () =>
    Effect.gen(function* () {
      const classifier = yield* TopicClassifier
      for (const text of [...CONFIDENT, "", "bonjour"]) {
        const p = yield* classifier.classify(text)
        assert.deepStrictEqual(p, classify(text))
      }
    }).pipe(Effect.provide(layer)),
  )
})
