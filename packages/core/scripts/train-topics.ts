/**
 * Trains the topic model: multinomial logistic regression on hashed features (lazy Adam + L2, seeded
 * shuffles), int8 quantisation, then temperature scaling on the validation split. Writes the artifact
 * module src/topics/classifier/artifact.ts. Same corpus → byte-identical artifact.
 */
import { execFileSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { featureWeight, featurise, MAX_FEATURES, plausibility } from "../src/topics/classifier/Features.ts"
import { type Artifact, CLASS_COUNT, encodeBase64, makePredict } from "../src/topics/classifier/Model.ts"
import { type Example, loadCorpus } from "./corpus/Corpus.ts"
import { seeded, shuffled, stableHash } from "./random.ts"

/** Hyper-parameters may be overridden from the environment for experiments; the defaults are committed. */
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)
export const BUCKETS = 1 << env("TOPICS_BITS", 15)
const EPOCHS = env("TOPICS_EPOCHS", 24)
const BATCH = 32
const LEARNING_RATE = env("TOPICS_LR", 0.1)
const L2 = env("TOPICS_L2", 1e-5)
const SEED = 20261125
/** Share of a message's features hidden at each step, so no single phrase carries a whole template. */
const DROPOUT = env("TOPICS_DROPOUT", 0.3)
const HANDWRITTEN_WEIGHT = env("TOPICS_HAND_WEIGHT", 3)

interface Encoded {
  readonly features: Int32Array
  readonly plausible: number
  readonly label: number
}

const encode = (examples: ReadonlyArray<Example>): Array<Encoded> => {
  const buffer = new Int32Array(MAX_FEATURES)
  return examples.map((e) => {
    const n = featurise(e.text, BUCKETS, buffer)
    return { features: buffer.slice(0, n), plausible: plausibility(e.text), label: e.label }
  })
}

/** Float weights (bucket-major) and biases after training. */
export const train = (examples: ReadonlyArray<Example>, log = false) => {
  // Hand-written messages are the closest to real traffic: each counts as HANDWRITTEN_WEIGHT generated ones.
  const data = encode(
    examples.flatMap((e) =>
      e.origin.startsWith("hand:") ? Array<Example>(HANDWRITTEN_WEIGHT).fill(e) : [e],
    ),
  )
  const size = BUCKETS * CLASS_COUNT
  const w = new Float64Array(size)
  const m = new Float64Array(size)
  const v = new Float64Array(size)
  const g = new Float64Array(size)
  const steps = new Int32Array(BUCKETS)
  const bias = new Float64Array(CLASS_COUNT)
  const bm = new Float64Array(CLASS_COUNT)
  const bv = new Float64Array(CLASS_COUNT)
  const bg = new Float64Array(CLASS_COUNT)
  const touched = new Uint8Array(BUCKETS)
  const rows: Array<number> = []
  const logits = new Float64Array(CLASS_COUNT)
  const kept = new Int32Array(MAX_FEATURES)
  const rand = seeded(SEED)
  const b1 = 0.9
  const b2 = 0.999
  let t = 0
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const lr = LEARNING_RATE / (1 + epoch * 0.15)
    const order = shuffled(rand, data)
    let loss = 0
    for (let start = 0; start < order.length; start += BATCH) {
      const batch = order.slice(start, start + BATCH)
      for (const x of batch) {
        let k = 0
        for (const signed of x.features) if (rand() >= DROPOUT) kept[k++] = signed
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
        loss -= Math.log(logits[x.label]! / total)
        for (let c = 0; c < CLASS_COUNT; c++) {
          const d = (logits[c]! / total - (c === x.label ? 1 : 0)) / batch.length
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
        const c1 = 1 - b1 ** k
        const c2 = 1 - b2 ** k
        for (let c = 0, i = bucket * CLASS_COUNT; c < CLASS_COUNT; c++, i++) {
          const grad = g[i]! + L2 * w[i]!
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
        bias[c]! -= (lr * (bm[c]! / (1 - b1 ** t))) / (Math.sqrt(bv[c]! / (1 - b2 ** t)) + 1e-8)
        bg[c] = 0
      }
    }
    if (log) console.log(`epoch ${epoch + 1}: mean loss ${(loss / data.length).toFixed(4)}`)
  }
  return { w, bias }
}

/** int8 weights with one scale per class (a class's largest weight maps to ±127). */
export const quantise = (w: Float64Array, bias: Float64Array, temperature: number): Artifact => {
  const scale: Array<number> = []
  for (let c = 0; c < CLASS_COUNT; c++) {
    let max = 0
    for (let i = c; i < w.length; i += CLASS_COUNT) max = Math.max(max, Math.abs(w[i]!))
    scale.push(Number((max > 0 ? max / 127 : 1).toPrecision(9)))
  }
  const q = new Int8Array(w.length)
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale[i % CLASS_COUNT]!)
  return {
    buckets: BUCKETS,
    temperature,
    topLabel: [1, 0],
    bias: Array.from(bias, (b) => Number(b.toPrecision(9))),
    scale,
    weights: encodeBase64(q),
  }
}

/** Mean negative log-likelihood of the labels when log-probabilities are divided by `temperature`. */
const nll = (
  logp: ReadonlyArray<Float64Array>,
  labels: ReadonlyArray<number>,
  temperature: number,
): number => {
  let total = 0
  for (let i = 0; i < logp.length; i++) {
    const z = logp[i]!
    let max = Number.NEGATIVE_INFINITY
    for (const x of z) max = Math.max(max, x / temperature)
    let sum = 0
    for (const x of z) sum += Math.exp(x / temperature - max)
    total -= z[labels[i]!]! / temperature - max - Math.log(sum)
  }
  return total / logp.length
}

/** The temperature minimising validation NLL. */
export const fitTemperature = (artifact: Artifact, validation: ReadonlyArray<Example>): number => {
  const predict = makePredict({ ...artifact, temperature: 1 })
  return fitTemperatureTo(
    validation.map((e) => predict(e.text).map((p) => Math.log(Math.max(p, 1e-300)))),
    validation.map((e) => e.label),
  )
}

/** The temperature minimising NLL of held-out log-probabilities: a coarse grid, then golden section. */
const fitTemperatureTo = (logp: ReadonlyArray<Float64Array>, labels: ReadonlyArray<number>): number => {
  let best = 1
  for (let t = 0.25; t <= 8; t *= 1.1) if (nll(logp, labels, t) < nll(logp, labels, best)) best = t
  let lo = best / 1.1
  let hi = best * 1.1
  const phi = (Math.sqrt(5) - 1) / 2
  for (let i = 0; i < 40; i++) {
    const a = hi - phi * (hi - lo)
    const b = lo + phi * (hi - lo)
    if (nll(logp, labels, a) < nll(logp, labels, b)) hi = b
    else lo = a
  }
  return Number(((lo + hi) / 2).toPrecision(6))
}

export const renderArtifact = (artifact: Artifact, summary: string): string =>
  [
    "/**",
    " * Topic model weights, generated by `npm run train:topics` (packages/core/scripts/train-topics.ts).",
    ` * Do not edit by hand. ${summary}`,
    " */",
    'import type { Artifact } from "./Model.ts"',
    "",
    "export const artifact: Artifact = {",
    `  buckets: ${artifact.buckets},`,
    `  temperature: ${artifact.temperature},`,
    `  topLabel: [${artifact.topLabel.join(", ")}],`,
    `  bias: [${artifact.bias.join(", ")}],`,
    `  scale: [${artifact.scale.join(", ")}],`,
    `  weights:\n    "${artifact.weights}",`,
    "}",
    "",
  ].join("\n")

/** Fold of an example for cross-fitting: whole templates stay together, as in the test split. */
const foldOf = (e: Example, folds: number): number =>
  stableHash(`fold:${e.origin.endsWith(":opening") ? `${e.origin}:${e.text}` : e.origin}`) % folds

/**
 * Temperature from out-of-fold predictions: each fold is scored by a model that never saw its templates,
 * which is how the final model meets new messages.
 */
interface Calibration {
  readonly temperature: number
  readonly topLabel: readonly [number, number]
}

interface Held {
  readonly logp: Float64Array
  readonly label: number
  readonly lang: string
}

/** Class probabilities of held-out log-probabilities under a calibration (mirrors Model.makePredict). */
const calibrated = (logp: Float64Array, { temperature, topLabel: [a, b] }: Calibration): Float64Array => {
  const z = Array.from(logp, (x) => x / temperature)
  const max = Math.max(...z)
  const p = Float64Array.from(z, (x) => Math.exp(x - max))
  const total = p.reduce((s, x) => s + x, 0)
  let top = 0
  for (let c = 0; c < p.length; c++) {
    p[c] = p[c]! / total
    if (p[c]! > p[top]!) top = c
  }
  const q = p[top]!
  if (!(q > 0 && q < 1)) return p
  const f = 1 / (1 + Math.exp(-(a * Math.log(q / (1 - q)) + b)))
  for (let c = 0; c < p.length; c++) p[c] = c === top ? f : (p[c]! * (1 - f)) / (1 - q)
  return p
}

/** Platt scaling of the top-label confidence (is the winning class right?), by Newton's method. */
const fitTopLabel = (rows: ReadonlyArray<Held>, temperature: number): readonly [number, number] => {
  const xs: Array<number> = []
  const ys: Array<number> = []
  for (const r of rows) {
    const p = calibrated(r.logp, { temperature, topLabel: [1, 0] })
    let top = 0
    for (let c = 1; c < p.length; c++) if (p[c]! > p[top]!) top = c
    const q = Math.min(Math.max(p[top]!, 1e-12), 1 - 1e-12)
    xs.push(Math.log(q / (1 - q)))
    ys.push(top === r.label ? 1 : 0)
  }
  let a = 1
  let b = 0
  for (let it = 0; it < 100; it++) {
    let ga = 0
    let gb = 0
    let haa = 1e-9
    let hab = 0
    let hbb = 1e-9
    for (let i = 0; i < xs.length; i++) {
      const s = 1 / (1 + Math.exp(-(a * xs[i]! + b)))
      const d = s - ys[i]!
      const w = s * (1 - s)
      ga += d * xs[i]!
      gb += d
      haa += w * xs[i]! * xs[i]!
      hab += w * xs[i]!
      hbb += w
    }
    const det = haa * hbb - hab * hab
    const da = (hbb * ga - hab * gb) / det
    const db = (haa * gb - hab * ga) / det
    a -= da
    b -= db
    if (Math.abs(da) + Math.abs(db) < 1e-10) break
  }
  return [Number(a.toPrecision(6)), Number(b.toPrecision(6))]
}

/**
 * Calibration from out-of-fold predictions: each fold is scored by a model that never saw its templates,
 * which is how the final model meets new messages. Temperature first (whole distribution), then Platt
 * scaling of the top label (the confidence R11 thresholds).
 */
export const crossFitCalibration = (
  examples: ReadonlyArray<Example>,
  folds = 5,
  log = false,
): Calibration => {
  const outOfFold: Array<Held> = []
  for (let k = 0; k < folds; k++) {
    const { w, bias } = train(examples.filter((e) => foldOf(e, folds) !== k))
    const predict = makePredict(quantise(w, bias, 1))
    for (const e of examples.filter((e) => foldOf(e, folds) === k))
      outOfFold.push({
        logp: predict(e.text).map((p) => Math.log(Math.max(p, 1e-300))),
        label: e.label,
        lang: e.lang,
      })
  }
  const temperature = fitTemperatureTo(
    outOfFold.map((o) => o.logp),
    outOfFold.map((o) => o.label),
  )
  const topLabel = fitTopLabel(outOfFold, temperature)
  if (log) {
    reportOutOfFold(outOfFold, { temperature, topLabel: [1, 0] }, "temperature only")
    reportOutOfFold(outOfFold, { temperature, topLabel }, "temperature + top-label Platt")
  }
  return { temperature, topLabel }
}

/** Development figures from the out-of-fold predictions (the test split is kept for the final eval). */
const reportOutOfFold = (rows: ReadonlyArray<Held>, calibration: Calibration, name: string): void => {
  for (const lang of ["en", "fr"]) {
    let labelled = 0
    let right = 0
    let onTopic = 0
    let offLabelled = 0
    let off = 0
    for (const r of rows.filter((x) => x.lang === lang)) {
      const p = calibrated(r.logp, calibration)
      let best = 0
      for (let c = 1; c < CLASS_COUNT - 1; c++) if (p[c]! > p[best]!) best = c
      const confident = p[best]! >= 0.9
      if (r.label === CLASS_COUNT - 1) {
        off++
        if (confident) offLabelled++
      } else onTopic++
      if (confident) {
        labelled++
        if (best === r.label) right++
      }
    }
    console.log(
      `out-of-fold ${lang} (${name}): precision ${((100 * right) / labelled).toFixed(1)}%, ` +
        `coverage ${((100 * right) / onTopic).toFixed(1)}%, off-topic labelled ${((100 * offLabelled) / off).toFixed(1)}%`,
    )
  }
}

if (import.meta.main) {
  const corpus = loadCorpus()
  // The final model learns from train and validation; test stays unseen by training and calibration.
  const learnable = corpus.filter((e) => e.split !== "test")
  console.log(`train+validation ${learnable.length}, test ${corpus.length - learnable.length} (held out)`)
  const started = performance.now()
  const calibration = crossFitCalibration(learnable, 5, true)
  const { temperature, topLabel } = calibration
  console.log(`cross-fitted temperature ${temperature}, top-label Platt a=${topLabel[0]} b=${topLabel[1]}`)
  const { w, bias } = train(learnable, true)
  const artifact = { ...quantise(w, bias, temperature), topLabel }
  const path = new URL("../src/topics/classifier/artifact.ts", import.meta.url)
  const summary = `${learnable.length} training messages, ${BUCKETS} buckets.`
  writeFileSync(path, renderArtifact(artifact, summary))
  // Formatting with the pinned Biome keeps the committed file a fixed point of `npm run format`.
  execFileSync(
    fileURLToPath(new URL("../../../node_modules/.bin/biome", import.meta.url)),
    ["format", "--write", fileURLToPath(path)],
    { stdio: "ignore" },
  )
  console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  console.log(`wrote src/topics/classifier/artifact.ts (${artifact.weights.length} base64 chars)`)
}
