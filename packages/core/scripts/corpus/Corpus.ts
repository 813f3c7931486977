/** Loads the committed corpus files and splits them deterministically into train, validation and test. */
import { readFileSync } from "node:fs"
import { stableHash } from "../random.ts"
import { CLASSES, type ClassId } from "./Blocks.ts"

export type Split = "train" | "validation" | "test"

export interface Example {
  readonly text: string
  readonly lang: "en" | "fr"
  /** Index into CLASSES (10 = none). */
  readonly label: number
  readonly origin: string
  readonly split: Split
}

const FILES = ["generated.jsonl", "handwritten.jsonl"]

/**
 * Generated messages are split by template, so the test split holds phrasings training never saw;
 * hand-written ones by message. Test is never used to train or to calibrate.
 */
export const splitOf = (origin: string, text: string): Split => {
  const handwritten = origin.startsWith("hand:")
  const key = origin.endsWith(":opening") ? `${origin}:${text}` : origin
  const h = stableHash(key) % 100
  if (handwritten) return h < 40 ? "train" : h < 60 ? "validation" : "test"
  return h < 70 ? "train" : h < 85 ? "validation" : "test"
}

export const loadCorpus = (): Array<Example> => {
  const out: Array<Example> = []
  for (const file of FILES) {
    const path = new URL(`../../corpus/${file}`, import.meta.url)
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (line.trim() === "") continue
      const r = JSON.parse(line) as { text: string; topic: ClassId | null; lang: "en" | "fr"; origin: string }
      const label = CLASSES.indexOf(r.topic ?? "none")
      if (label < 0) throw new Error(`unknown topic in ${file}: ${r.topic}`)
      out.push({ text: r.text, lang: r.lang, label, origin: r.origin, split: splitOf(r.origin, r.text) })
    }
  }
  return out
}
