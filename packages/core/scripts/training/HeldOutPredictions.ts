/**
 * Held-out predictions, cached under reports/ by a fingerprint of every input (they take one training
 * per source), and the shipped model trained in the same pool of workers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import type { Artifact } from "../../src/topics/classifier/Model.ts"
import type { Example } from "../corpus/Corpus.ts"
import type { Held } from "./Calibration.ts"
import { fingerprint, unitOf, unitsOf } from "./HeldOut.ts"
import { type JobResult, runJobs, SHIPPED } from "./Jobs.ts"
import { HYPER, type Hyper } from "./Train.ts"

/** One file per fingerprint, so experiments with other settings do not evict each other. */
const CACHE = new URL("../../../../reports/topics-held-out/", import.meta.url)

interface Cached {
  readonly fingerprint: string
  readonly rows: ReadonlyArray<{
    text: string
    source: string
    lang: string
    label: number
    logp: Array<number>
  }>
}

const cacheFile = (key: string): URL => new URL(`${key.slice(0, 16)}.json`, CACHE)

const readCache = (key: string, log: boolean): Array<Held> | undefined => {
  const file = cacheFile(key)
  if (!existsSync(file)) return undefined
  const cached = JSON.parse(readFileSync(file, "utf8")) as Cached
  if (cached.fingerprint !== key) return undefined
  if (log) console.log(`held-out predictions: reports/topics-held-out/${key.slice(0, 16)}.json (same inputs)`)
  return cached.rows.map((r) => ({ ...r, logp: Float64Array.from(r.logp) }))
}

/** Held-out rows in unit order from the folds' results, written to the cache. */
const collect = (
  examples: ReadonlyArray<Example>,
  units: ReadonlyArray<string>,
  results: Map<string, JobResult>,
  key: string,
): Array<Held> => {
  const rows: Array<Held> = []
  for (const unit of units) {
    const result = results.get(unit)!
    if (!("logp" in result)) throw new Error(`fold ${unit} gave no predictions`)
    examples
      .filter((e) => unitOf(e) === unit && !e.weak)
      .forEach((e, i) => {
        rows.push({ text: e.text, logp: result.logp[i]!, label: e.label, lang: e.lang, source: unit })
      })
  }
  mkdirSync(CACHE, { recursive: true })
  const cached: Cached = { fingerprint: key, rows: rows.map((r) => ({ ...r, logp: Array.from(r.logp) })) }
  writeFileSync(cacheFile(key), JSON.stringify(cached))
  return rows
}

/**
 * Held-out predictions (from the cache when the inputs are the same) and the shipped model, whose
 * training runs in the same pool as the folds.
 */
export const heldOutAndShipped = async (
  examples: ReadonlyArray<Example>,
  hyper: Hyper = HYPER,
  log = false,
): Promise<{ held: Array<Held>; model: Artifact }> => {
  const key = fingerprint(examples, hyper)
  const cached = readCache(key, log)
  const units = cached === undefined ? unitsOf(examples) : []
  const results = await runJobs(examples, [SHIPPED, ...units], hyper, log)
  const shipped = results.get(SHIPPED)!
  if (!("model" in shipped)) throw new Error("the shipped model was not trained")
  return { held: cached ?? collect(examples, units, results, key), model: shipped.model }
}

/** Held-out predictions for every scored (not weak) example, one training per source. */
export const heldOutPredictions = async (
  examples: ReadonlyArray<Example>,
  hyper: Hyper = HYPER,
  log = false,
): Promise<Array<Held>> => {
  const key = fingerprint(examples, hyper)
  const cached = readCache(key, log)
  if (cached !== undefined) return cached
  const units = unitsOf(examples)
  return collect(examples, units, await runJobs(examples, units, hyper, log), key)
}
