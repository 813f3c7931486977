/**
 * Evaluates the committed topic model on the held-out test split: per language and per topic precision
 * and coverage at the 0.90 threshold (R11), off-topic labelled rate, confusion matrix, and a reliability
 * diagram written to reports/topic-reliability.svg. Run: npm run eval:topics
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { artifact } from "../src/topics/classifier/artifact.ts"
import { CLASSES, makePredict } from "../src/topics/classifier/Model.ts"
import { LABEL_THRESHOLD } from "../src/topics/Topic.ts"
import { type Example, loadCorpus, type Split } from "./corpus/Corpus.ts"

const NONE = CLASSES.length - 1

interface Scored {
  readonly example: Example
  /** Most probable topic (never "none") and its probability. */
  readonly topic: number
  readonly confidence: number
  /** The applied label, or -1 when none is applied. */
  readonly applied: number
}

export const score = (examples: ReadonlyArray<Example>): Array<Scored> => {
  const predict = makePredict(artifact)
  return examples.map((example) => {
    const p = predict(example.text)
    let topic = 0
    for (let c = 1; c < NONE; c++) if (p[c]! > p[topic]!) topic = c
    const confidence = p[topic]!
    return { example, topic, confidence, applied: confidence >= LABEL_THRESHOLD ? topic : -1 }
  })
}

const pct = (a: number, b: number): string =>
  b === 0 ? "   –  " : `${((100 * a) / b).toFixed(1).padStart(5)}%`

export interface Summary {
  readonly precision: number
  readonly coverage: number
  readonly offTopicLabelled: number
  readonly labelled: number
  readonly onTopic: number
  readonly offTopic: number
}

export const summarise = (rows: ReadonlyArray<Scored>): Summary => {
  const labelled = rows.filter((r) => r.applied >= 0)
  const right = labelled.filter((r) => r.applied === r.example.label)
  const onTopic = rows.filter((r) => r.example.label !== NONE)
  const offTopic = rows.filter((r) => r.example.label === NONE)
  return {
    precision: labelled.length === 0 ? 1 : right.length / labelled.length,
    coverage: onTopic.length === 0 ? 0 : right.length / onTopic.length,
    offTopicLabelled:
      offTopic.length === 0 ? 0 : offTopic.filter((r) => r.applied >= 0).length / offTopic.length,
    labelled: labelled.length,
    onTopic: onTopic.length,
    offTopic: offTopic.length,
  }
}

const line = (name: string, s: Summary): string =>
  `${name.padEnd(22)} precision ${(100 * s.precision).toFixed(1)}%  coverage ${(100 * s.coverage).toFixed(1)}%  ` +
  `off-topic labelled ${(100 * s.offTopicLabelled).toFixed(1)}%  (${s.labelled} labels; ${s.onTopic} on-topic, ${s.offTopic} off-topic)`

const perTopic = (rows: ReadonlyArray<Scored>): string => {
  const out = [`  ${"topic".padEnd(18)} n    precision  coverage`]
  for (let c = 0; c < NONE; c++) {
    const n = rows.filter((r) => r.example.label === c).length
    const applied = rows.filter((r) => r.applied === c)
    const right = applied.filter((r) => r.example.label === c).length
    out.push(
      `  ${CLASSES[c]!.padEnd(18)} ${String(n).padStart(4)} ${pct(right, applied.length)}    ${pct(right, n)}`,
    )
  }
  return out.join("\n")
}

const ABBR = ["chk", "edt", "sts", "prc", "det", "int", "ret", "shp", "inf", "whl"]

const confusion = (rows: ReadonlyArray<Scored>): string => {
  const head = `  ${"true \\ label".padEnd(18)}${ABBR.map((a) => a.padStart(5)).join("")}   (none)`
  const out = [head]
  for (let t = 0; t < CLASSES.length; t++) {
    const counts = new Array<number>(NONE + 1).fill(0)
    for (const r of rows) if (r.example.label === t) counts[r.applied < 0 ? NONE : r.applied]!++
    out.push(`  ${CLASSES[t]!.padEnd(18)}${counts.map((n) => String(n).padStart(5)).join("")}`)
  }
  return out.join("\n")
}

interface Bin {
  readonly lo: number
  readonly count: number
  readonly confidence: number
  readonly accuracy: number
}

/** Reliability of the most probable topic: mean confidence vs share right, in ten bins. */
export const reliability = (rows: ReadonlyArray<Scored>): { bins: Array<Bin>; ece: number } => {
  const bins: Array<Bin> = []
  let ece = 0
  for (let b = 0; b < 10; b++) {
    const lo = b / 10
    const inBin = rows.filter(
      (r) => r.confidence >= lo && (r.confidence < lo + 0.1 || (b === 9 && r.confidence <= 1)),
    )
    if (inBin.length === 0) continue
    const confidence = inBin.reduce((s, r) => s + r.confidence, 0) / inBin.length
    const accuracy = inBin.filter((r) => r.topic === r.example.label).length / inBin.length
    bins.push({ lo, count: inBin.length, confidence, accuracy })
    ece += (inBin.length / rows.length) * Math.abs(confidence - accuracy)
  }
  return { bins, ece }
}

const svg = (series: ReadonlyArray<{ name: string; colour: string; bins: ReadonlyArray<Bin> }>): string => {
  const size = 360
  const pad = 50
  const x = (v: number) => pad + v * size
  const y = (v: number) => pad + (1 - v) * size
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size + 2 * pad + 120}" height="${size + 2 * pad}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${pad}" y="20" font-size="14">Topic model reliability (test split): confidence vs accuracy</text>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4"/>`,
    `<line x1="${x(0.9)}" y1="${y(0)}" x2="${x(0.9)}" y2="${y(1)}" stroke="#d33" stroke-dasharray="2"/>`,
    `<text x="${x(0.9) - 20}" y="${y(1) - 5}" fill="#d33">0.90</text>`,
    `<rect x="${x(0)}" y="${y(1)}" width="${size}" height="${size}" fill="none" stroke="#333"/>`,
  ]
  for (let i = 0; i <= 10; i += 2) {
    parts.push(`<text x="${x(i / 10) - 8}" y="${y(0) + 16}">${i / 10}</text>`)
    parts.push(`<text x="${x(0) - 30}" y="${y(i / 10) + 4}">${i / 10}</text>`)
  }
  parts.push(`<text x="${x(0.35)}" y="${y(0) + 34}">predicted confidence</text>`)
  parts.push(`<text transform="translate(14,${y(0.35)}) rotate(-90)">observed accuracy</text>`)
  series.forEach((s, k) => {
    const points = s.bins.map((b) => `${x(b.confidence).toFixed(1)},${y(b.accuracy).toFixed(1)}`).join(" ")
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="2"/>`)
    for (const b of s.bins) {
      const r = Math.min(9, 2 + Math.sqrt(b.count) / 3)
      parts.push(
        `<circle cx="${x(b.confidence).toFixed(1)}" cy="${y(b.accuracy).toFixed(1)}" r="${r.toFixed(1)}" fill="${s.colour}" fill-opacity="0.6"><title>${s.name} ${b.lo.toFixed(1)}–${(b.lo + 0.1).toFixed(1)}: n=${b.count}, conf ${b.confidence.toFixed(3)}, acc ${b.accuracy.toFixed(3)}</title></circle>`,
      )
    }
    parts.push(`<rect x="${x(1) + 15}" y="${y(1) + 10 + k * 20}" width="12" height="12" fill="${s.colour}"/>`)
    parts.push(`<text x="${x(1) + 32}" y="${y(1) + 20 + k * 20}">${s.name}</text>`)
  })
  parts.push("</svg>")
  return parts.join("\n")
}

if (import.meta.main) {
  const split = (process.argv.includes("--validation") ? "validation" : "test") as Split
  const rows = score(loadCorpus().filter((e) => e.split === split))
  console.log(`Topic model, ${split} split (${rows.length} messages), label threshold ${LABEL_THRESHOLD}\n`)
  for (const lang of ["en", "fr"] as const) {
    const mine = rows.filter((r) => r.example.lang === lang)
    console.log(line(lang.toUpperCase(), summarise(mine)))
    console.log(
      line(
        `${lang.toUpperCase()} hand-written only`,
        summarise(mine.filter((r) => r.example.origin.startsWith("hand:"))),
      ),
    )
    console.log(perTopic(mine))
    console.log(
      `\n  confusion at ≥ ${LABEL_THRESHOLD} (rows: true class; columns: applied label)\n${confusion(mine)}\n`,
    )
  }
  console.log(line("ALL", summarise(rows)))
  const series = [
    { name: "all", colour: "#2b6cb0", bins: reliability(rows).bins },
    { name: "en", colour: "#2f855a", bins: reliability(rows.filter((r) => r.example.lang === "en")).bins },
    { name: "fr", colour: "#c05621", bins: reliability(rows.filter((r) => r.example.lang === "fr")).bins },
  ]
  const { bins, ece } = reliability(rows)
  console.log(`\nreliability (most probable topic), expected calibration error ${(100 * ece).toFixed(2)}%`)
  for (const b of bins)
    console.log(
      `  [${b.lo.toFixed(1)}, ${(b.lo + 0.1).toFixed(1)})  n=${String(b.count).padStart(4)}  confidence ${b.confidence.toFixed(3)}  accuracy ${b.accuracy.toFixed(3)}`,
    )
  const dir = new URL("../../../reports/", import.meta.url)
  mkdirSync(dir, { recursive: true })
  writeFileSync(new URL("topic-reliability.svg", dir), svg(series))
  console.log("\nwrote reports/topic-reliability.svg")
}
