/**
 * The topic model at inference time: hashed features → int8 linear scores per class → softmax with a
 * fitted temperature. Pure and synchronous; runs the same in Workers, browsers and Node. @see R10, R11
 */
import { TOPIC_IDS, type TopicProbabilities } from "../Topic.ts"
import { featureWeight, featurise, MAX_FEATURES, plausibility } from "./Features.ts"

/** The eleven outputs: the ten topics in `TOPIC_IDS` order, then "none of these". */
export const CLASSES = [...TOPIC_IDS, "none"] as const
export const CLASS_COUNT = CLASSES.length

/** What training writes and inference reads (weights are data, committed as a generated module). */
export interface Artifact {
  readonly buckets: number
  /** Divides the scores before the softmax; fitted on held-out sources so confidences are honest. */
  readonly temperature: number
  readonly bias: ReadonlyArray<number>
  /** Per-class factor turning the int8 weights back into real ones. */
  readonly scale: ReadonlyArray<number>
  /**
   * Platt scaling of the winning topic's probability, `σ(a·logit(p) + b)`, fitted on predictions for
   * whole sources the model never saw, so that the confidence a label rests on (R11) is as often right as
   * it says on unfamiliar text; the other classes share the rest in their proportions. Not applied when
   * "none" wins.
   */
  readonly topLabel: readonly [a: number, b: number]
  /** Base64 of `buckets × classes` int8 weights, bucket-major. */
  readonly weights: string
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

/** Own decoder: avoids depending on `atob` or `Buffer` being present in every runtime. */
export const decodeBase64 = (text: string): Int8Array => {
  const lookup = new Uint8Array(128)
  for (let i = 0; i < BASE64.length; i++) lookup[BASE64.charCodeAt(i)] = i
  const clean = text.replace(/=+$/, "")
  const out = new Int8Array(Math.floor((clean.length * 3) / 4))
  let o = 0
  for (let i = 0; i < clean.length; i += 4) {
    const a = lookup[clean.charCodeAt(i)]!
    const b = lookup[clean.charCodeAt(i + 1)]!
    const c = lookup[clean.charCodeAt(i + 2)] ?? 0
    const d = lookup[clean.charCodeAt(i + 3)] ?? 0
    const n = (a << 18) | (b << 12) | (c << 6) | d
    if (o < out.length) out[o++] = n >> 16
    if (o < out.length) out[o++] = (n >> 8) & 0xff
    if (o < out.length) out[o++] = n & 0xff
  }
  return out
}

export const encodeBase64 = (bytes: Int8Array): string => {
  let out = ""
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]! & 0xff
    const b = i + 1 < bytes.length ? bytes[i + 1]! & 0xff : 0
    const c = i + 2 < bytes.length ? bytes[i + 2]! & 0xff : 0
    const n = (a << 16) | (b << 8) | c
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : "="
    out += i + 2 < bytes.length ? BASE64[n & 63]! : "="
  }
  return out
}

/** Class probabilities of one text, as a fresh array of `CLASS_COUNT` numbers summing to 1. */
export type Predict = (text: string) => Float64Array

/** Builds the predictor of an artifact; decodes the weights once, then each call allocates little. */
export const makePredict = (artifact: Artifact): Predict => {
  const weights = decodeBase64(artifact.weights)
  const features = new Int32Array(MAX_FEATURES)
  const sums = new Float64Array(CLASS_COUNT)
  const { bias, scale, temperature } = artifact
  return (text) => {
    const n = featurise(text, artifact.buckets, features)
    sums.fill(0)
    for (let f = 0; f < n; f++) {
      const signed = features[f]!
      const row = ((signed < 0 ? -signed : signed) - 1) * CLASS_COUNT
      if (signed < 0) for (let c = 0; c < CLASS_COUNT; c++) sums[c]! -= weights[row + c]!
      else for (let c = 0; c < CLASS_COUNT; c++) sums[c]! += weights[row + c]!
    }
    const norm = featureWeight(n, plausibility(text))
    const p = new Float64Array(CLASS_COUNT)
    let max = Number.NEGATIVE_INFINITY
    for (let c = 0; c < CLASS_COUNT; c++) {
      p[c] = (bias[c]! + sums[c]! * scale[c]! * norm) / temperature
      if (p[c]! > max) max = p[c]!
    }
    let total = 0
    for (let c = 0; c < CLASS_COUNT; c++) {
      p[c] = Math.exp(p[c]! - max)
      total += p[c]!
    }
    let top = 0
    for (let c = 0; c < CLASS_COUNT; c++) {
      p[c] = p[c]! / total
      if (p[c]! > p[top]!) top = c
    }
    return recalibrateTop(p, top, artifact.topLabel)
  }
}

/**
 * Applies the top-label Platt map in place when a topic is most probable (only then can a label follow);
 * a probability of exactly 0 or 1 stays put.
 */
const recalibrateTop = (p: Float64Array, top: number, [a, b]: readonly [number, number]): Float64Array => {
  const q = p[top]!
  if (top === TOPIC_IDS.length || !(q > 0 && q < 1)) return p
  const calibrated = 1 / (1 + Math.exp(-(a * Math.log(q / (1 - q)) + b)))
  const rest = (1 - calibrated) / (1 - q)
  for (let c = 0; c < p.length; c++) p[c] = c === top ? calibrated : p[c]! * rest
  return p
}

/** The eleven class probabilities in the shape the rest of the core speaks. */
export const toTopicProbabilities = (p: Float64Array): TopicProbabilities => {
  const topics = {} as Record<(typeof TOPIC_IDS)[number], number>
  for (let c = 0; c < TOPIC_IDS.length; c++) topics[TOPIC_IDS[c]!] = p[c]!
  return { topics, none: p[TOPIC_IDS.length]! }
}
