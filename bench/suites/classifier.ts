/**
 * Benchmark 2: the EN+FR topic classifier on the corpus texts, in messages/second and µs/message, against a
 * bare tokenisation pass (normalise + split into words) over the same texts.
 */
import { loadCorpus } from "../../packages/core/scripts/corpus/Corpus.ts"
import { classify, normalise } from "../../packages/core/src/topics/classifier/index.ts"
import { timeSync } from "../measure.ts"
import { result, type Suite } from "../suite.ts"

const WORD = /[\p{L}0]+/gu

export const classifier: Suite = {
  name: "classifier",
  run: async ({ quick }) => {
    const texts = loadCorpus().map((e) => e.text)
    let i = 0
    let sink = 0
    const next = () => texts[i++ % texts.length]!
    const batch = 50
    const samples = quick ? 400 : 4000
    const model = timeSync(() => (sink += classify(next()).none), { samples, batch })
    i = 0
    const tokens = timeSync(
      () => {
        for (const _ of normalise(next()).matchAll(WORD)) sink++
      },
      { samples, batch },
    )
    if (Number.isNaN(sink)) throw new Error("classifier returned NaN")
    const meanChars = texts.reduce((s, t) => s + t.length, 0) / texts.length
    return [
      result({
        name: "classifier: µs per message",
        unit: "µs/msg",
        value: model.meanUs,
        baseline: tokens.meanUs,
        higherIsBetter: false,
        target: "≤ 50 µs/message",
        met: model.meanUs <= 50,
        extra: {
          msgPerSec: model.opsPerSec,
          p50Us: model.p50Us,
          p95Us: model.p95Us,
          p99Us: model.p99Us,
          baselineIs: "normalise+split",
          meanChars,
        },
      }),
    ]
  },
}
