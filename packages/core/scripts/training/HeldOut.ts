/**
 * Leave-one-source-out training: what the model learns from, the shipped training procedure, the units
 * held out whole (for each, a model trained on every other unit scores it; calibration is fitted on those
 * predictions and evaluation reports them, so both describe text the model never saw) and the
 * fingerprint of every input those predictions depend on.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import type { Artifact } from "../../src/topics/classifier/Model.ts"
import { type Example, loadCorpus, NONE } from "../corpus/Corpus.ts"
import { loadDatasets } from "../corpus/Datasets.ts"
import { stableHash } from "../random.ts"
import { HYPER, type Hyper, quantise, train } from "./Train.ts"

/** Hand-written messages are the closest to real traffic among the project's own text. */
const SOURCE_WEIGHT: Readonly<Record<string, number>> = {
  "own-handwritten:en": 3,
  "own-handwritten:fr": 3,
}

const BALANCE = Number(process.env.TOPICS_BALANCE ?? 1)
const NONE_MASS = Number(process.env.TOPICS_NONE_MASS ?? 3)

/**
 * Class balance per language: every topic gets the same total weight and "none" NONE_MASS times that, so
 * a topic with a large data set (product questions) does not become the answer to any question.
 */
const balanced = (examples: ReadonlyArray<Example>): Array<Example> => {
  const mass = new Map<string, number>()
  for (const e of examples)
    mass.set(`${e.lang}:${e.label}`, (mass.get(`${e.lang}:${e.label}`) ?? 0) + e.weight)
  const target = new Map<string, number>()
  for (const lang of ["en", "fr"]) {
    let total = 0
    for (let c = 0; c < NONE; c++) total += mass.get(`${lang}:${c}`) ?? 0
    target.set(lang, total / NONE)
  }
  return examples.map((e) => {
    const t = target.get(e.lang)! * (e.label === NONE ? NONE_MASS : 1)
    return { ...e, weight: (e.weight * t) / mass.get(`${e.lang}:${e.label}`)! }
  })
}

/** Everything the model learns from: the committed corpus and `../shared/datasets/`. */
export const trainingExamples = (): Array<Example> => {
  const weighted = [...loadCorpus(), ...loadDatasets()].map((e) => ({
    ...e,
    weight: e.weight * (SOURCE_WEIGHT[e.source] ?? 1),
  }))
  return weighted
}

/** The shipped training procedure on any set of examples: class balance, fit, int8 quantisation. */
export const fitModel = (examples: ReadonlyArray<Example>, hyper: Hyper = HYPER, log = false): Artifact =>
  quantise(train(BALANCE ? balanced(examples) : examples, hyper, log), hyper)

/**
 * The unit an example is held out with. Every source is one, except the generated messages: they are the
 * scaffold that teaches the topics no real data set covers, so only a fifth of their templates (chosen
 * by hash, with every message of each) is held out, as one unit per language; the rest is always learned.
 */
export const unitOf = (e: Example): string | null => {
  if (!e.source.startsWith("own-templates:")) return e.source
  const template = e.origin.endsWith(":opening") ? `${e.origin}:${e.text}` : e.origin
  return stableHash(`held-out:${template}`) % 5 === 0 ? `${e.source} (unseen templates)` : null
}

export const sourcesOf = (examples: ReadonlyArray<Example>): Array<string> =>
  [...new Set(examples.map((e) => e.source))].sort()

export const unitsOf = (examples: ReadonlyArray<Example>): Array<string> =>
  [...new Set(examples.flatMap((e) => unitOf(e) ?? []))].sort()

/** The code whose change invalidates cached predictions. */
const CODE = [
  "../../src/topics/classifier/Features.ts",
  "../../src/topics/classifier/Model.ts",
  "./Train.ts",
  "./HeldOut.ts",
  "./Jobs.ts",
]

export const fingerprint = (examples: ReadonlyArray<Example>, hyper: Hyper): string => {
  const h = createHash("sha256")
  h.update(JSON.stringify({ hyper, BALANCE, NONE_MASS }))
  for (const file of CODE) h.update(readFileSync(new URL(file, import.meta.url)))
  for (const e of examples) h.update(`${e.source}\t${e.label}\t${e.weight}\t${e.weak}\t${e.text}\n`)
  return h.digest("hex")
}
