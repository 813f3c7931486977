/**
 * Fits the topic model: multinomial logistic regression on hashed features (lazy Adam + L2, feature
 * dropout, seeded shuffles, per-example weights), then int8 quantisation. Deterministic: the same examples
 * and hyper-parameters give the same weights, bit for bit.
 */
import { featureWeight, featurise, MAX_FEATURES, plausibility } from "../../src/topics/classifier/Features.ts"
import { type Artifact, CLASS_COUNT, encodeBase64, makePredict } from "../../src/topics/classifier/Model.ts"
import type { Example } from "../corpus/Corpus.ts"
import { seeded, shuffled } from "../random.ts"

export interface Hyper {
  readonly bits: number
  readonly epochs: number
  readonly learningRate: number
  readonly l2: number
  /** Share of a message's features hidden at each step, so no single phrase carries a whole class. */
  readonly dropout: number
  readonly batch: number
  readonly seed: number
}

/** Hyper-parameters may be overridden from the environment for experiments; the defaults are committed. */
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)

export const HYPER: Hyper = {
  bits: env("TOPICS_BITS", 14),
  epochs: env("TOPICS_EPOCHS", 12),
  learningRate: env("TOPICS_LR", 0.1),
  l2: env("TOPICS_L2", 1e-5),
  dropout: env("TOPICS_DROPOUT", 0.3),
  batch: 32,
  seed: 20261125,
}

interface Encoded {
  readonly features: Int32Array
  readonly plausible: number
  readonly label: number
  readonly weight: number
}

const encode = (examples: ReadonlyArray<Example>, buckets: number): Array<Encoded> => {
  const buffer = new Int32Array(MAX_FEATURES)
  return examples.map((e) => {
    const n = featurise(e.text, buckets, buffer)
    return { features: buffer.slice(0, n), plausible: plausibility(e.text), label: e.label, weight: e.weight }
  })
}

export interface Weights {
  /** Bucket-major: `w[bucket * CLASS_COUNT + class]`. */
  readonly w: Float64Array
  readonly bias: Float64Array
}

export const train = (examples: ReadonlyArray<Example>, hyper: Hyper = HYPER, log = false): Weights => {
  const buckets = 1 << hyper.bits
  const data = encode(examples, buckets)
  const size = buckets * CLASS_COUNT
  const w = new Float64Array(size)
  const m = new Float64Array(size)
  const v = new Float64Array(size)
  const g = new Float64Array(size)
  const steps = new Int32Array(buckets)
  const bias = new Float64Array(CLASS_COUNT)
  const bm = new Float64Array(CLASS_COUNT)
  const bv = new Float64Array(CLASS_COUNT)
  const bg = new Float64Array(CLASS_COUNT)
  const touched = new Uint8Array(buckets)
  const rows: Array<number> = []
  const logits = new Float64Array(CLASS_COUNT)
  const kept = new Int32Array(MAX_FEATURES)
  const rand = seeded(hyper.seed)
  const b1 = 0.9
  const b2 = 0.999
  // Adam's bias corrections by step count, computed once (a row's k-th update uses entry k).
  const batches = hyper.epochs * Math.ceil(data.length / hyper.batch) + 1
  const c1s = Float64Array.from({ length: batches + 1 }, (_, k) => 1 - b1 ** k)
  const c2s = Float64Array.from({ length: batches + 1 }, (_, k) => 1 - b2 ** k)
  let t = 0
  for (let epoch = 0; epoch < hyper.epochs; epoch++) {
    const lr = hyper.learningRate / (1 + epoch * 0.15)
    const order = shuffled(rand, data)
    let loss = 0
    let mass = 0
    for (let start = 0; start < order.length; start += hyper.batch) {
      const batch = order.slice(start, start + hyper.batch)
      for (const x of batch) {
        let k = 0
        for (const signed of x.features) if (rand() >= hyper.dropout) kept[k++] = signed
        if (k === 0 && x.features.length > 0) kept[k++] = x.features[0]!
        const features = kept.subarray(0, k)
        const norm = featureWeight(k, x.plausible)
        for (let c = 0; c < CLASS_COUNT; c++) logits[c] = bias[c]!
        for (const signed of features) {
          const row = (Math.abs(signed) - 1) * CLASS_COUNT
          const s = signed < 0 ? -norm : norm
          for (let c = 0; c < CLASS_COUNT; c++) logits[c]! += s * w[row + c]!
        }
        let max = Number.NEGATIVE_INFINITY
        for (let c = 0; c < CLASS_COUNT; c++) max = Math.max(max, logits[c]!)
        let total = 0
        for (let c = 0; c < CLASS_COUNT; c++) {
          logits[c] = Math.exp(logits[c]! - max)
          total += logits[c]!
        }
        loss -= x.weight * Math.log(logits[x.label]! / total)
        mass += x.weight
        for (let c = 0; c < CLASS_COUNT; c++) {
          const d = (x.weight * (logits[c]! / total - (c === x.label ? 1 : 0))) / batch.length
          logits[c] = d
          bg[c]! += d
        }
        for (const signed of features) {
          const bucket = Math.abs(signed) - 1
          const row = bucket * CLASS_COUNT
          const s = signed < 0 ? -norm : norm
          for (let c = 0; c < CLASS_COUNT; c++) g[row + c]! += s * logits[c]!
          if (touched[bucket] === 0) {
            touched[bucket] = 1
            rows.push(bucket)
          }
        }
      }
      t++
      // Lazy Adam: only rows seen in this batch move, each with its own step count for bias correction.
      for (const bucket of rows) {
        touched[bucket] = 0
        const k = ++steps[bucket]!
        const c1 = c1s[k]!
        const c2 = c2s[k]!
        for (let c = 0, i = bucket * CLASS_COUNT; c < CLASS_COUNT; c++, i++) {
          const grad = g[i]! + hyper.l2 * w[i]!
          g[i] = 0
          m[i] = b1 * m[i]! + (1 - b1) * grad
          v[i] = b2 * v[i]! + (1 - b2) * grad * grad
          w[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8)
        }
      }
      rows.length = 0
      for (let c = 0; c < CLASS_COUNT; c++) {
        bm[c] = b1 * bm[c]! + (1 - b1) * bg[c]!
        bv[c] = b2 * bv[c]! + (1 - b2) * bg[c]! * bg[c]!
        bias[c]! -= (lr * (bm[c]! / c1s[t]!)) / (Math.sqrt(bv[c]! / c2s[t]!) + 1e-8)
        bg[c] = 0
      }
    }
    if (log) console.log(`  epoch ${epoch + 1}: mean loss ${(loss / mass).toFixed(4)}`)
  }
  return { w, bias }
}

/** int8 weights with one scale per class (a class's largest weight maps to ±127), uncalibrated. */
export const quantise = ({ w, bias }: Weights, hyper: Hyper = HYPER): Artifact => {
  const scale: Array<number> = []
  for (let c = 0; c < CLASS_COUNT; c++) {
    let max = 0
    for (let i = c; i < w.length; i += CLASS_COUNT) max = Math.max(max, Math.abs(w[i]!))
    scale.push(Number((max > 0 ? max / 127 : 1).toPrecision(9)))
  }
  const q = new Int8Array(w.length)
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale[i % CLASS_COUNT]!)
  return {
    buckets: 1 << hyper.bits,
    temperature: 1,
    topLabel: [1, 0],
    bias: Array.from(bias, (b) => Number(b.toPrecision(9))),
    scale,
    weights: encodeBase64(q),
  }
}

/** Log-probabilities of the shipped inference path (int8 weights, no calibration) for each text. */
export const logProbabilities = (artifact: Artifact, texts: ReadonlyArray<string>): Array<Float64Array> => {
  const predict = makePredict({ ...artifact, temperature: 1, topLabel: [1, 0] })
  return texts.map((t) => predict(t).map((p) => Math.log(Math.max(p, 1e-300))))
}
