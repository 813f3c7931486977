/**
 * The training pipeline's contracts that the shipped numbers rest on, checked without retraining: what is
 * calibrated is what ships, whole sources are held out together, and the figures are counted as the
 * product shows labels (R11).
 */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { type Example, loadCorpus, NONE } from "../../scripts/corpus/Corpus.ts"
import { rejudge } from "../../scripts/corpus/Datasets.ts"
import { calibrated, fitCalibration, type Held, topTopic } from "../../scripts/training/Calibration.ts"
import { unitOf } from "../../scripts/training/HeldOut.ts"
import { runJobs } from "../../scripts/training/Jobs.ts"
import { type Decision, summarise } from "../../scripts/training/Metrics.ts"
import { HYPER, logProbabilities } from "../../scripts/training/Train.ts"
import { artifact } from "../../src/topics/classifier/artifact.ts"
import { CLASSES, makePredict } from "../../src/topics/classifier/Model.ts"
import { LABEL_THRESHOLD } from "../../src/topics/Topic.ts"

const SAMPLE = [
  "Where is my order #1042?",
  "Vous livrez en Belgique ?",
  "is cod available",
  "lower the lights",
  "bonjour",
  "",
  "what are the measurements of the frame?",
]

describe("topic model training", () => {
  it("R11 the calibration fitted in training is the arithmetic the shipped model runs", () => {
    const shipped = makePredict(artifact)
    const raw = logProbabilities(artifact, SAMPLE)
    SAMPLE.forEach((text, i) => {
      const expected = shipped(text)
      const actual = calibrated(raw[i]!, { temperature: artifact.temperature, topLabel: artifact.topLabel })
      for (let c = 0; c < CLASSES.length; c++) assert.approximately(actual[c]!, expected[c]!, 1e-9, text)
    })
  })

  it("holds out whole sources, and a generated template's messages all together", () => {
    const corpus = loadCorpus()
    const byTemplate = new Map<string, Set<string | null>>()
    for (const e of corpus) {
      const unit = unitOf(e)
      if (!e.source.startsWith("own-templates:")) assert.strictEqual(unit, e.source)
      else {
        const key = e.origin.endsWith(":opening") ? `${e.origin}:${e.text}` : e.origin
        byTemplate.set(key, (byTemplate.get(key) ?? new Set()).add(unit))
      }
    }
    for (const [template, units] of byTemplate) assert.strictEqual(units.size, 1, template)
    const held = [...byTemplate.values()].filter((u) => [...u][0] !== null).length
    assert.isAbove(held, 0.1 * byTemplate.size)
    assert.isBelow(held, 0.3 * byTemplate.size)
  })

  it("re-judges product questions about size, colour, weight or stock as product_details", () => {
    const row = (text: string, source = "cpqa:semipqa/attr=display") =>
      rejudge({ text, lang: "en", topic: "product_interest", source })
    assert.strictEqual(row("what is the size of the screen?"), "product_details")
    assert.strictEqual(row("what are the measurements of the frame?"), "product_details")
    assert.strictEqual(row("does it support bluetooth?"), "product_interest")
    assert.strictEqual(row("does it ship to canada?", "cpqa-weak:hetpqa/product_question"), "drop")
    assert.strictEqual(
      rejudge({
        text: "What is the customer support phone number?",
        lang: "en",
        topic: null,
        source: "kwikemart:store_info.help",
      }),
      "drop",
    )
  })

  it("R11 counts precision, coverage and off-topic labels as the product shows labels", () => {
    const decision = fc.record({
      source: fc.constant("s"),
      lang: fc.constant("en"),
      label: fc.integer({ min: 0, max: NONE }),
      topic: fc.integer({ min: 0, max: NONE - 1 }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    fc.assert(
      fc.property(fc.array(decision, { maxLength: 60 }), (rows: Array<Decision>) => {
        const s = summarise(rows, LABEL_THRESHOLD)
        const shown = rows.filter((r) => r.confidence >= LABEL_THRESHOLD)
        assert.strictEqual(s.labelled, shown.length)
        assert.strictEqual(s.right, shown.filter((r) => r.topic === r.label).length)
        assert.strictEqual(s.offTopicLabelled, shown.filter((r) => r.label === NONE).length)
        assert.strictEqual(s.onTopic + s.offTopic, rows.length)
        if (s.labelled > 0) assert.strictEqual(s.precision, s.right / s.labelled)
        if (s.onTopic > 0) assert.isAtMost(s.coverage, 1)
      }),
    )
  })

  it("calibration learns that an overconfident source's confidences must come down", () => {
    // Held-out rows whose top topic is right only half the time, though the model says 0.95.
    const rows: Array<Held> = Array.from({ length: 400 }, (_, i) => {
      const logp = new Float64Array(CLASSES.length).fill(Math.log(0.05 / 10))
      logp[i % 3] = Math.log(0.95)
      return { text: "", logp, label: i % 2 === 0 ? i % 3 : NONE, lang: "en", source: `s${i % 4}` }
    })
    const calibration = fitCalibration(rows)
    for (const r of rows.slice(0, 6)) {
      const p = calibrated(r.logp, calibration)
      assert.isBelow(p[topTopic(p)]!, LABEL_THRESHOLD)
    }
  })

  it("folds trained in worker threads predict exactly what they predict in this thread", async () => {
    // A small corpus sample and a tiny model: the point is the bits, not the quality.
    const sample = loadCorpus().filter((e) => e.source.startsWith("own-handwritten:"))
    const units = [...new Set(sample.map((e) => e.source))]
    const hyper = { ...HYPER, bits: 10, epochs: 1 }
    const [serial, parallel] = await Promise.all([
      runJobs(sample, units, hyper, false, 1),
      runJobs(sample, units, hyper, false, 2),
    ])
    for (const unit of units) {
      const a = (serial.get(unit) as { logp: Array<Float64Array> }).logp
      const b = (parallel.get(unit) as { logp: Array<Float64Array> }).logp
      assert.strictEqual(b.length, a.length)
      assert.isAbove(a.length, 100)
      a.forEach((row, i) => {
        assert.deepStrictEqual(Array.from(b[i]!), Array.from(row), unit)
      })
    }
  })

  it("the corpus has every class in both languages", () => {
    const corpus: Array<Example> = loadCorpus()
    for (const lang of ["en", "fr"])
      for (let c = 0; c < CLASSES.length; c++)
        assert.isAbove(
          corpus.filter((e) => e.lang === lang && e.label === c && e.source.startsWith("own-chat")).length,
          20,
        )
  })
})
