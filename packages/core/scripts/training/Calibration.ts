/**
 * Calibration of the topic model from predictions on sources it never saw: a temperature for the whole
 * distribution, then Platt scaling of the most probable topic's probability (the number R11 thresholds).
 * Mirrors `Model.makePredict`, so what is fitted here is what ships.
 */
import { CLASS_COUNT } from "../../src/topics/classifier/Model.ts"
import { NONE } from "../corpus/Corpus.ts"

export interface Calibration {
  readonly temperature: number
  readonly topLabel: readonly [number, number]
}

/** A held-out prediction: uncalibrated log-probabilities of a message from a source the model never saw. */
export interface Held {
  readonly text: string
  readonly logp: Float64Array
  readonly label: number
  readonly lang: string
  readonly source: string
}

export const IDENTITY: Calibration = { temperature: 1, topLabel: [1, 0] }

/** The topic (never "none") with the highest probability. */
export const topTopic = (p: Float64Array): number => {
  let best = 0
  for (let c = 1; c < NONE; c++) if (p[c]! > p[best]!) best = c
  return best
}

const softmax = (logp: Float64Array, temperature: number): Float64Array => {
  let max = Number.NEGATIVE_INFINITY
  for (const x of logp) max = Math.max(max, x / temperature)
  const p = Float64Array.from(logp, (x) => Math.exp(x / temperature - max))
  let total = 0
  for (const x of p) total += x
  for (let c = 0; c < p.length; c++) p[c] = p[c]! / total
  return p
}

/** Class probabilities under a calibration (the same arithmetic as the shipped `makePredict`). */
export const calibrated = (logp: Float64Array, { temperature, topLabel }: Calibration): Float64Array => {
  const p = softmax(logp, temperature)
  let top = 0
  for (let c = 1; c < CLASS_COUNT; c++) if (p[c]! > p[top]!) top = c
  const q = p[top]!
  if (top === NONE || !(q > 0 && q < 1)) return p
  const [a, b] = topLabel
  const f = 1 / (1 + Math.exp(-(a * Math.log(q / (1 - q)) + b)))
  for (let c = 0; c < p.length; c++) p[c] = c === top ? f : (p[c]! * (1 - f)) / (1 - q)
  return p
}

/**
 * Row weights that give every source the same total weight, so a large source does not decide alone
 * what a confidence means on text the model has not seen.
 */
export const sourceBalanced = (rows: ReadonlyArray<Held>): Float64Array => {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.source, (counts.get(r.source) ?? 0) + 1)
  const perSource = rows.length / counts.size
  return Float64Array.from(rows, (r) => perSource / counts.get(r.source)!)
}

const nll = (rows: ReadonlyArray<Held>, weights: Float64Array, temperature: number): number => {
  let total = 0
  for (let i = 0; i < rows.length; i++) {
    const z = rows[i]!.logp
    let max = Number.NEGATIVE_INFINITY
    for (const x of z) max = Math.max(max, x / temperature)
    let sum = 0
    for (const x of z) sum += Math.exp(x / temperature - max)
    total -= weights[i]! * (z[rows[i]!.label]! / temperature - max - Math.log(sum))
  }
  return total
}

/** The temperature minimising weighted NLL: a coarse grid, then golden section. */
const fitTemperature = (rows: ReadonlyArray<Held>, weights: Float64Array): number => {
  let best = 1
  for (let t = 0.25; t <= 8; t *= 1.1) if (nll(rows, weights, t) < nll(rows, weights, best)) best = t
  let lo = best / 1.1
  let hi = best * 1.1
  const phi = (Math.sqrt(5) - 1) / 2
  for (let i = 0; i < 40; i++) {
    const a = hi - phi * (hi - lo)
    const b = lo + phi * (hi - lo)
    if (nll(rows, weights, a) < nll(rows, weights, b)) hi = b
    else lo = a
  }
  return Number(((lo + hi) / 2).toPrecision(6))
}

type Pair = readonly [number, number]

/** Weighted logistic regression `y ~ σ(a·x + b)` by Newton's method. */
const platt = (xs: ReadonlyArray<number>, ys: ReadonlyArray<number>, ws: ReadonlyArray<number>): Pair => {
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
      const d = ws[i]! * (s - ys[i]!)
      const h = ws[i]! * s * (1 - s)
      ga += d * xs[i]!
      gb += d
      haa += h * xs[i]! * xs[i]!
      hab += h * xs[i]!
      hbb += h
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
 * Platt scaling of the top topic's probability on the rows where a topic (not "none") is most probable:
 * only those can get a label. One pair for all topics: per-topic pairs were tried and fit the sources
 * that happen to be present, which made held-out precision worse.
 */
const fitTopLabel = (
  rows: ReadonlyArray<Held>,
  weights: Float64Array,
  temperature: number,
  floor = 0,
): Pair => {
  const xs: Array<number> = []
  const ys: Array<number> = []
  const ws: Array<number> = []
  rows.forEach((r, i) => {
    const p = softmax(r.logp, temperature)
    const top = topTopic(p)
    if (p[top]! <= p[NONE]! || p[top]! < floor) return
    const q = Math.min(Math.max(p[top]!, 1e-12), 1 - 1e-12)
    xs.push(Math.log(q / (1 - q)))
    ys.push(top === r.label ? 1 : 0)
    ws.push(weights[i]!)
  })
  return platt(xs, ys, ws)
}

/** Temperature, then top-topic Platt scaling, both on source-balanced held-out predictions. */
export interface CalibrationOptions {
  readonly weights?: (rows: ReadonlyArray<Held>) => Float64Array
  /** Platt scaling sees only rows whose top topic has at least this (temperature-scaled) probability. */
  readonly floor?: number
}

export const fitCalibration = (rows: ReadonlyArray<Held>, options: CalibrationOptions = {}): Calibration => {
  const weights = (options.weights ?? sourceBalanced)(rows)
  const temperature = fitTemperature(rows, weights)
  return { temperature, topLabel: fitTopLabel(rows, weights, temperature, options.floor) }
}
