/**
 * Leave-one-source-out evaluation of the topic model, the way the product uses it: every message is
 * scored by a model trained without its whole source, then calibrated on the held-out predictions of the
 * *other* sources only, and labelled at the product's threshold (R11). Prints per language, per source
 * and per topic: precision of shown labels, coverage of on-topic messages, off-topic messages labelled;
 * the headline is the worst held-out source. Writes reports/topic-reliability.svg (one panel per language).
 *
 * Run: npm run eval:topics [-- --errors N] (N wrong labels shown per source, for error analysis)
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { artifact } from "../src/topics/classifier/artifact.ts"
import { CLASSES } from "../src/topics/classifier/Model.ts"
import { LABEL_THRESHOLD } from "../src/topics/Topic.ts"
import { NONE } from "./corpus/Corpus.ts"
import { calibrated, fitCalibration, type Held, topTopic } from "./training/Calibration.ts"
import { trainingExamples } from "./training/HeldOut.ts"
import { heldOutPredictions } from "./training/HeldOutPredictions.ts"
import {
  confusion,
  type Decision,
  perTopic,
  reliability,
  row,
  type Summary,
  summarise,
  TABLE_HEAD,
} from "./training/Metrics.ts"
import { reliabilityDiagram } from "./training/ReliabilityDiagram.ts"

/** A source needs this many on-topic messages before its precision is a figure rather than noise. */
const MIN_ON_TOPIC = 20

/** Each source's messages, calibrated without that source (nested: its labels never fit its calibration). */
const decide = (held: ReadonlyArray<Held>): Array<Decision & { text: string }> => {
  const sources = [...new Set(held.map((h) => h.source))].sort()
  return sources.flatMap((source) => {
    const calibration = fitCalibration(held.filter((h) => h.source !== source))
    return held
      .filter((h) => h.source === source)
      .map((h) => {
        const p = calibrated(h.logp, calibration)
        const topic = topTopic(p)
        return { ...h, topic, confidence: p[topic]! }
      })
  })
}

const section = (title: string): void => console.log(`\n## ${title}\n`)

const worst = (
  bySource: ReadonlyArray<[string, Summary]>,
  pick: (s: Summary) => number,
  lowest: boolean,
): string => {
  const valid = bySource.filter(([, s]) => !Number.isNaN(pick(s)))
  if (valid.length === 0) return "–"
  const [name, s] = valid.reduce((a, b) =>
    (lowest ? pick(b[1]) < pick(a[1]) : pick(b[1]) > pick(a[1])) ? b : a,
  )
  return `${(100 * pick(s)).toFixed(1)}% (${name})`
}

if (import.meta.main) {
  const errorsArg = process.argv.indexOf("--errors")
  const errors = errorsArg >= 0 ? Number(process.argv[errorsArg + 1] ?? 10) : 0
  const held = await heldOutPredictions(trainingExamples(), undefined, true)
  const decisions = decide(held)
  const t = LABEL_THRESHOLD
  console.log(
    `# Topic model, leave-one-source-out (${decisions.length} messages from ${new Set(held.map((h) => h.source)).size} sources)\n\n` +
      "Each message is scored by a model trained without its source and calibrated on the other sources'\n" +
      `held-out predictions; a label is shown at confidence ≥ ${t}. Precision: shown labels that are right;\n` +
      "coverage: on-topic messages that get the right label; off-topic labelled: none-of-these messages that get one.",
  )

  section("Per language")
  console.log(TABLE_HEAD)
  for (const lang of ["en", "fr"])
    console.log(
      row(
        lang.toUpperCase(),
        summarise(
          decisions.filter((d) => d.lang === lang),
          t,
        ),
      ),
    )
  console.log(row("ALL", summarise(decisions, t)))

  section("Per held-out source")
  console.log(TABLE_HEAD)
  const sources = [...new Set(decisions.map((d) => d.source))].sort()
  const bySource = sources.map((s): [string, Summary] => [
    s,
    summarise(
      decisions.filter((d) => d.source === s),
      t,
    ),
  ])
  for (const [name, s] of bySource) console.log(row(name, s))
  const scored = bySource.filter(([, s]) => s.onTopic >= MIN_ON_TOPIC)
  console.log(
    `\nheadline — worst held-out source: precision ${worst(scored, (s) => s.precision, true)}, ` +
      `coverage ${worst(scored, (s) => s.coverage, true)} (sources with ≥ ${MIN_ON_TOPIC} on-topic messages); ` +
      `off-topic labelled ${worst(bySource, (s) => s.offTopicRate, false)}`,
  )

  for (const lang of ["en", "fr"]) {
    const mine = decisions.filter((d) => d.lang === lang)
    section(`Per topic, ${lang.toUpperCase()}`)
    console.log(perTopic(mine, t))
    console.log(`\n  confusion at ≥ ${t} (rows: true class; columns: label shown, "none" = no label)`)
    console.log(confusion(mine, t))
  }

  section("Operating points (threshold on the calibrated confidence)")
  console.log(
    `  ${"threshold".padEnd(10)} ${"EN precision / coverage / off-topic".padEnd(38)} FR precision / coverage / off-topic`,
  )
  for (const th of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97]) {
    const cells = ["en", "fr"].map((lang) => {
      const s = summarise(
        decisions.filter((d) => d.lang === lang),
        th,
      )
      return `${(100 * s.precision).toFixed(1)}% / ${(100 * s.coverage).toFixed(1)}% / ${(100 * s.offTopicRate).toFixed(1)}%`
    })
    console.log(`  ${th.toFixed(2).padEnd(10)} ${cells[0]!.padEnd(38)} ${cells[1]}`)
  }

  section("Reliability of the most probable topic, per language (held-out sources)")
  const panels = ["en", "fr"].map((lang) => {
    const { bins, ece } = reliability(decisions.filter((d) => d.lang === lang))
    console.log(`${lang.toUpperCase()}: expected calibration error ${(100 * ece).toFixed(2)}%`)
    for (const b of bins)
      console.log(
        `  [${b.lo.toFixed(1)}, ${(b.lo + 0.1).toFixed(1)})  n=${String(b.count).padStart(5)}  confidence ${b.confidence.toFixed(3)}  accuracy ${b.accuracy.toFixed(3)}`,
      )
    return { title: lang.toUpperCase(), bins, ece }
  })
  const dir = new URL("../../../reports/", import.meta.url)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    new URL("topic-reliability.svg", dir),
    reliabilityDiagram("Topic model reliability on held-out sources: confidence vs accuracy", panels, t),
  )
  console.log("\nwrote reports/topic-reliability.svg")

  const shipped = fitCalibration(held)
  const same =
    JSON.stringify(shipped) ===
    JSON.stringify({ temperature: artifact.temperature, topLabel: artifact.topLabel })
  console.log(
    `\nshipped calibration (fitted on all held-out sources): temperature ${shipped.temperature}, top-topic Platt ` +
      `[${shipped.topLabel.join(", ")}]: ` +
      (same ? "the artifact's" : "NOT the artifact's (run npm run train:topics)"),
  )

  if (errors > 0) {
    section(`Wrong labels shown (up to ${errors} per source)`)
    for (const source of sources) {
      const wrong = decisions.filter((d) => d.source === source && d.confidence >= t && d.topic !== d.label)
      if (wrong.length === 0) continue
      console.log(`${source} (${wrong.length})`)
      for (const d of wrong.slice(0, errors))
        console.log(
          `  ${CLASSES[d.label]!.padEnd(17)} → ${CLASSES[d.topic]!.padEnd(17)} ${d.confidence.toFixed(3)}  ${d.text.slice(0, 100)}`,
        )
    }
    section(`Missed on-topic messages (up to ${errors} per source)`)
    for (const source of sources) {
      const missed = decisions.filter((d) => d.source === source && d.label !== NONE && d.confidence < t)
      if (missed.length === 0) continue
      console.log(`${source} (${missed.length})`)
      for (const d of missed.slice(0, errors))
        console.log(
          `  ${CLASSES[d.label]!.padEnd(17)} best ${CLASSES[d.topic]!.padEnd(17)} ${d.confidence.toFixed(3)}  ${d.text.slice(0, 100)}`,
        )
    }
  }
}
