/**
 * One labelled message for training or evaluation, and the project's own corpus files. Every message
 * belongs to a *source*: the unit held out whole in leave-one-source-out evaluation and calibration, so
 * figures describe text unlike anything the model learned from.
 */
import { readFileSync } from "node:fs"
import { CLASSES, type ClassId } from "./Blocks.ts"

export type Lang = "en" | "fr"

export interface Example {
  readonly text: string
  readonly lang: Lang
  /** Index into CLASSES (10 = none). */
  readonly label: number
  /** The held-out unit, e.g. `own-templates:en`, `cpqa`, `hwu64`. */
  readonly source: string
  /** Finer provenance: template number, original intent or attribute. */
  readonly origin: string
  /** Share of a full example this one counts for in training (source balance, weak labels). */
  readonly weight: number
  /** Weakly labelled rows train but are never scored. */
  readonly weak: boolean
}

export const NONE = CLASSES.length - 1

export const labelOf = (topic: ClassId | null, where: string): number => {
  const label = CLASSES.indexOf(topic ?? "none")
  if (label < 0) throw new Error(`unknown topic in ${where}: ${topic}`)
  return label
}

/** Files of `corpus/` written for this project, and the source each one is held out as. */
const FILES = [
  { file: "generated.jsonl", source: "own-templates" },
  { file: "handwritten.jsonl", source: "own-handwritten" },
] as const

export const readJsonl = <A>(path: URL | string): Array<A> =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as A)

/**
 * `corpus/chat/<lang>.txt`: short live-chat messages written one by one, one per line under
 * `# <topic>` headings (`# none` for none of these).
 */
const loadChat = (lang: Lang): Array<Example> => {
  const out: Array<Example> = []
  let topic: ClassId | null = null
  let n = 0
  for (const line of readFileSync(new URL(`../../corpus/chat/${lang}.txt`, import.meta.url), "utf8").split(
    "\n",
  )) {
    const text = line.trim()
    if (text === "") continue
    if (text.startsWith("# ")) {
      const heading = text.slice(2).trim() as ClassId
      labelOf(heading, `chat/${lang}.txt`)
      topic = heading === "none" ? null : heading
      continue
    }
    out.push({
      text,
      lang,
      label: labelOf(topic, `chat/${lang}.txt`),
      source: `own-chat:${lang}`,
      origin: `chat:${lang}:${n++}`,
      weight: 1,
      weak: false,
    })
  }
  return out
}

/** The committed corpus; each file is one source per language. */
export const loadCorpus = (): Array<Example> => [...loadJsonlFiles(), ...loadChat("en"), ...loadChat("fr")]

const loadJsonlFiles = (): Array<Example> =>
  FILES.flatMap(({ file, source }) =>
    readJsonl<{ text: string; topic: ClassId | null; lang: Lang; origin: string }>(
      new URL(`../../corpus/${file}`, import.meta.url),
    ).map((r) => ({
      text: r.text,
      lang: r.lang,
      label: labelOf(r.topic, file),
      source: `${source}:${r.lang}`,
      origin: r.origin,
      weight: 1,
      weak: false,
    })),
  )
