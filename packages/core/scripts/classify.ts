/**
 * Batch entry of the topic model. `--jsonl`: reads JSON lines `{"text": ...}` on stdin and writes one
 * line `{"topic": "<id>" | null, "confidence": <0..1>}` per input, in order (this interface is fixed).
 * Without `--jsonl`, classifies its arguments as one text and prints every probability.
 */
import { createInterface } from "node:readline"
import { classify } from "../src/topics/classifier/index.ts"
import { LABEL_THRESHOLD, TOPIC_IDS, type TopicId } from "../src/topics/Topic.ts"

/** The fixed output record: the applied label (R11) and the most probable topic's probability. */
export const decision = (text: string): { topic: TopicId | null; confidence: number } => {
  const p = classify(text)
  let best: TopicId = TOPIC_IDS[0]
  for (const t of TOPIC_IDS) if (p.topics[t] > p.topics[best]) best = t
  const confidence = p.topics[best]
  return { topic: confidence >= LABEL_THRESHOLD && confidence > p.none ? best : null, confidence }
}

const textOf = (line: string): string => {
  try {
    const value: unknown = JSON.parse(line)
    if (typeof value === "object" && value !== null && "text" in value && typeof value.text === "string")
      return value.text
  } catch {
    // A malformed line still gets its output line (no label), so outputs stay aligned with inputs.
  }
  return ""
}

const jsonl = async (): Promise<void> => {
  let buffer = ""
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() === "") continue
    buffer += `${JSON.stringify(decision(textOf(line)))}\n`
    if (buffer.length > 1 << 16) {
      if (!process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once("drain", resolve))
      buffer = ""
    }
  }
  process.stdout.write(buffer)
}

if (import.meta.main) {
  const args = process.argv.slice(2)
  if (args.includes("--jsonl")) await jsonl()
  else {
    const text = args.join(" ")
    const p = classify(text)
    console.log(JSON.stringify(decision(text)))
    for (const [topic, probability] of Object.entries(p.topics).sort((a, b) => b[1] - a[1]))
      console.log(`  ${topic.padEnd(18)} ${probability.toFixed(4)}`)
    console.log(`  ${"(none)".padEnd(18)} ${p.none.toFixed(4)}`)
  }
}
