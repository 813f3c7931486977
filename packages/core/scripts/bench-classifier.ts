/**
 * Measures topic-classification throughput on the corpus texts (messages/second and µs/message).
 * Run: node packages/core/scripts/bench-classifier.ts [seconds]. `benchClassifier` is for bench suites.
 */
import { artifact } from "../src/topics/classifier/artifact.ts"
import { classify } from "../src/topics/classifier/index.ts"
import { makePredict } from "../src/topics/classifier/Model.ts"
import { loadCorpus } from "./corpus/Corpus.ts"

export interface ClassifierBench {
  readonly messages: number
  readonly seconds: number
  readonly messagesPerSecond: number
  readonly microsPerMessage: number
  /** Process CPU time per message: steadier than wall time when other work shares the cores. */
  readonly cpuMicrosPerMessage: number
  readonly meanChars: number
}

/** Classifies `texts` round-robin for about `seconds` (after a short warm-up) and reports the rate. */
export const benchClassifier = (
  texts: ReadonlyArray<string> = loadCorpus().map((e) => e.text),
  seconds = 2,
): ClassifierBench => {
  let sink = 0
  for (let i = 0; i < Math.min(texts.length, 2000); i++) sink += classify(texts[i]!).none
  let messages = 0
  const cpuStarted = process.cpuUsage()
  const started = performance.now()
  const until = started + seconds * 1000
  while (performance.now() < until) {
    for (let i = 0; i < 500; i++) sink += classify(texts[(messages + i) % texts.length]!).none
    messages += 500
  }
  const elapsed = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuStarted)
  if (Number.isNaN(sink)) throw new Error("classifier returned NaN")
  return {
    messages,
    seconds: elapsed,
    messagesPerSecond: messages / elapsed,
    microsPerMessage: (elapsed * 1e6) / messages,
    cpuMicrosPerMessage: (cpu.user + cpu.system) / messages,
    meanChars: texts.reduce((s, t) => s + t.length, 0) / texts.length,
  }
}

if (import.meta.main) {
  const seconds = Number(process.argv[2] ?? 3)
  const decodeStarted = performance.now()
  makePredict(artifact)
  const decodeMs = performance.now() - decodeStarted
  const r = benchClassifier(undefined, seconds)
  console.log(
    `topic classifier: ${Math.round(r.messagesPerSecond)} messages/s, ${r.microsPerMessage.toFixed(1)} µs/message ` +
      `(CPU ${r.cpuMicrosPerMessage.toFixed(1)} µs) ` +
      `(${r.messages} messages of ${r.meanChars.toFixed(0)} chars on average, ${r.seconds.toFixed(1)} s; ` +
      `weights decoded in ${decodeMs.toFixed(1)} ms)`,
  )
}
