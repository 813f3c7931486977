/**
 * The figures the product is judged by, on decisions made at the label threshold: precision of shown
 * labels, coverage of on-topic messages, share of off-topic messages labelled, and reliability
 * (confidence against accuracy) of the most probable topic.
 */
import { CLASSES } from "../../src/topics/classifier/Model.ts"
import { NONE } from "../corpus/Corpus.ts"

/** One message's outcome: its true class, the most probable topic and that topic's calibrated probability. */
export interface Decision {
  readonly source: string
  readonly lang: string
  readonly label: number
  readonly topic: number
  readonly confidence: number
}

export interface Summary {
  readonly messages: number
  readonly labelled: number
  readonly right: number
  readonly onTopic: number
  readonly offTopic: number
  readonly offTopicLabelled: number
  /** NaN when nothing was labelled. */
  readonly precision: number
  /** NaN without on-topic messages. */
  readonly coverage: number
  /** NaN without off-topic messages. */
  readonly offTopicRate: number
}

export const summarise = (rows: ReadonlyArray<Decision>, threshold: number): Summary => {
  let labelled = 0
  let right = 0
  let onTopic = 0
  let offTopicLabelled = 0
  for (const r of rows) {
    const shown = r.confidence >= threshold
    if (r.label === NONE) {
      if (shown) offTopicLabelled++
    } else onTopic++
    if (shown) {
      labelled++
      if (r.topic === r.label) right++
    }
  }
  const offTopic = rows.length - onTopic
  return {
    messages: rows.length,
    labelled,
    right,
    onTopic,
    offTopic,
    offTopicLabelled,
    precision: labelled === 0 ? Number.NaN : right / labelled,
    coverage: onTopic === 0 ? Number.NaN : right / onTopic,
    offTopicRate: offTopic === 0 ? Number.NaN : offTopicLabelled / offTopic,
  }
}

export const pct = (x: number): string => (Number.isNaN(x) ? "    –" : `${(100 * x).toFixed(1).padStart(5)}`)

export const TABLE_HEAD = `${"slice".padEnd(24)} ${"messages".padStart(8)} ${"on-topic".padStart(8)} ${"labels".padStart(7)}  precision  coverage  off-topic labelled`

export const row = (name: string, s: Summary): string =>
  `${name.padEnd(24)} ${String(s.messages).padStart(8)} ${String(s.onTopic).padStart(8)} ${String(s.labelled).padStart(7)}` +
  `     ${pct(s.precision)}%    ${pct(s.coverage)}%    ${pct(s.offTopicRate)}% (${s.offTopicLabelled}/${s.offTopic})`

/** Per topic: messages of that topic, labels shown for it, precision of those, coverage of the topic. */
export const perTopic = (rows: ReadonlyArray<Decision>, threshold: number): string => {
  const out = [
    `  ${"topic".padEnd(18)} ${"messages".padStart(8)} ${"labels".padStart(7)}  precision  coverage`,
  ]
  for (let c = 0; c < NONE; c++) {
    const n = rows.filter((r) => r.label === c).length
    const shown = rows.filter((r) => r.confidence >= threshold && r.topic === c)
    const right = shown.filter((r) => r.label === c).length
    out.push(
      `  ${CLASSES[c]!.padEnd(18)} ${String(n).padStart(8)} ${String(shown.length).padStart(7)}` +
        `     ${pct(shown.length === 0 ? Number.NaN : right / shown.length)}%    ${pct(n === 0 ? Number.NaN : right / n)}%`,
    )
  }
  return out.join("\n")
}

const ABBR = ["chk", "edt", "sts", "prc", "det", "int", "ret", "shp", "inf", "whl", "none"]

/** Rows: true class; columns: label shown (the last column: no label). */
export const confusion = (rows: ReadonlyArray<Decision>, threshold: number): string => {
  const out = [`  ${"true \\ shown".padEnd(18)}${ABBR.map((a) => a.padStart(5)).join("")}`]
  for (let t = 0; t < CLASSES.length; t++) {
    const counts = new Array<number>(CLASSES.length).fill(0)
    for (const r of rows) if (r.label === t) counts[r.confidence >= threshold ? r.topic : NONE]!++
    out.push(`  ${CLASSES[t]!.padEnd(18)}${counts.map((n) => String(n).padStart(5)).join("")}`)
  }
  return out.join("\n")
}

export interface Bin {
  readonly lo: number
  readonly count: number
  readonly confidence: number
  readonly accuracy: number
}

/**
 * Reliability of the most probable topic's confidence in ten bins: mean confidence against the share of
 * messages whose true class is that topic. Off-topic messages count as wrong, as a shown label would be.
 */
export const reliability = (rows: ReadonlyArray<Decision>): { bins: Array<Bin>; ece: number } => {
  const bins: Array<Bin> = []
  let ece = 0
  for (let b = 0; b < 10; b++) {
    const lo = b / 10
    const inBin = rows.filter((r) => Math.min(9, Math.floor(r.confidence * 10)) === b)
    if (inBin.length === 0) continue
    const confidence = inBin.reduce((s, r) => s + r.confidence, 0) / inBin.length
    const accuracy = inBin.filter((r) => r.topic === r.label).length / inBin.length
    bins.push({ lo, count: inBin.length, confidence, accuracy })
    ece += (inBin.length / rows.length) * Math.abs(confidence - accuracy)
  }
  return { bins, ece }
}
