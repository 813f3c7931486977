/**
 * Generates packages/core/corpus/generated.jsonl from the hand-written building blocks in ./corpus/.
 * Seeded, so the same blocks always give the same file. Run: node packages/core/scripts/build-corpus.ts
 */
import { writeFileSync } from "node:fs"
import { type Blocks, CLASSES, type ClassId } from "./corpus/Blocks.ts"
import { enParaphrases } from "./corpus/en.paraphrases.ts"
import { enShort } from "./corpus/en.short.ts"
import { en } from "./corpus/en.ts"
import { extra } from "./corpus/extra.ts"
import { frParaphrases } from "./corpus/fr.paraphrases.ts"
import { frShort } from "./corpus/fr.short.ts"
import { fr } from "./corpus/fr.ts"
import { more } from "./corpus/more.ts"
import { pick, seeded } from "./random.ts"

/** Messages generated per class and language (before removing duplicates). */
const PER_CLASS = 1000

export interface CorpusRecord {
  readonly text: string
  readonly topic: Exclude<ClassId, "none"> | null
  readonly lang: "en" | "fr"
  /** Where the text comes from: `tpl:<lang>:<class>:<n>` for a template, `hand:<lang>:<n>` for hand-written. */
  readonly origin: string
}

const expand = (rand: () => number, blocks: Blocks, template: string): string =>
  template
    .replace(/\[([^\]]*)\]/g, (_, alts: string) => pick(rand, alts.split("|")))
    .replace(/\{(\w+)\}/g, (_, slot: string) => pick(rand, blocks.fillers[slot] ?? [slot]))
    .replace(/\s+/g, " ")
    .replace(/\s+([,.])/g, "$1")
    .trim()

const stripAccents = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "")

/** One keyboard slip in a random longer word: swapped, dropped or doubled letter. */
const typo = (rand: () => number, s: string): string => {
  const words = s.split(" ")
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{4,}$/u.test(w))
  if (candidates.length === 0) return s
  const [w, i] = pick(rand, candidates)
  const k = 1 + Math.floor(rand() * (w.length - 2))
  const kind = rand()
  words[i] =
    kind < 0.4
      ? w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2)
      : kind < 0.75
        ? w.slice(0, k) + w.slice(k + 1)
        : w.slice(0, k) + w[k] + w.slice(k)
  return words.join(" ")
}

const EMOJI = ["🙂", "🙏", "😊", "😅", "❤️", "👍", "😢", "🤔"]

const ensureEnd = (rand: () => number, s: string): string =>
  /[.!?…:)]$/u.test(s) ? s : s + (rand() < 0.7 ? "." : "")

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** Puts a core sentence in a realistic message: greeting, context, sign-off, then noise. */
const message = (rand: () => number, blocks: Blocks, cls: ClassId, core: string): string => {
  const parts: Array<string> = []
  const c = blocks.classes[cls]
  if (rand() < 0.45)
    parts.push(expand(rand, blocks, pick(rand, blocks.greetings)) + pick(rand, [",", "!", "", " -", "\n"]))
  if (c.context.length > 0 && rand() < 0.18)
    parts.push(ensureEnd(rand, sentence(expand(rand, blocks, pick(rand, c.context)))))
  if (rand() < 0.1) parts.push(ensureEnd(rand, expand(rand, blocks, pick(rand, blocks.neutral))))
  const q =
    /^(how|what|where|when|why|can|could|do|does|is|are|will|would|which|who|any|has|did|have|comment|quel|quelle|quels|où|pourquoi|est-ce|vous|je peux|pouvez|combien|avez|y a)/i
  const body = sentence(core)
  parts.push(
    /[.!?]$/.test(body)
      ? body
      : body + (q.test(core) ? pick(rand, ["?", "?", "??", " ?", ""]) : pick(rand, [".", "", "!", "."])),
  )
  if (c.context.length > 0 && rand() < 0.15)
    parts.push(ensureEnd(rand, sentence(expand(rand, blocks, pick(rand, c.context)))))
  if (rand() < 0.3) parts.push(expand(rand, blocks, pick(rand, blocks.signoffs)))
  let text = parts
    .join(" ")
    .replace(/ \n /g, "\n")
    .replace(/\s+([,])/g, "$1")
  if (rand() < 0.35) text = text.toLowerCase()
  if (rand() < (blocks.lang === "fr" ? 0.4 : 0.05)) text = stripAccents(text)
  if (rand() < 0.3) text = typo(rand, text)
  if (rand() < 0.1) text = typo(rand, text)
  if (rand() < 0.15) text = text.replace(/['’]/g, blocks.lang === "en" ? "" : " ")
  if (rand() < 0.2) text = text.replace(/[.!?]+$/u, "")
  if (rand() < 0.03) text = text.toUpperCase()
  if (rand() < 0.05) text = `${text} ${pick(rand, EMOJI)}`
  return text.trim()
}

/** Greeting plus a neutral sentence only: friendly openings with no topic yet (hard negatives). */
const emptyOpening = (rand: () => number, blocks: Blocks): string => {
  const g = expand(rand, blocks, pick(rand, blocks.greetings))
  const n = rand() < 0.7 ? ` ${expand(rand, blocks, pick(rand, blocks.neutral))}` : ""
  const s = rand() < 0.3 ? ` ${expand(rand, blocks, pick(rand, blocks.signoffs))}` : ""
  const text = `${g}${n}${s}`
  return rand() < 0.4 ? text.toLowerCase() : text
}

export const generate = (): Array<CorpusRecord> => {
  const out: Array<CorpusRecord> = []
  for (const blocks of [en, fr]) {
    for (const cls of CLASSES) {
      const rand = seeded(0x5eed + CLASSES.indexOf(cls) * 977 + (blocks.lang === "fr" ? 13 : 0))
      const seen = new Set<string>()
      const paraphrases = blocks.lang === "en" ? enParaphrases : frParaphrases
      const short = blocks.lang === "en" ? enShort : frShort
      const templates = [
        ...blocks.classes[cls].core,
        ...paraphrases[cls],
        ...short[cls],
        ...(extra[blocks.lang][cls] ?? []),
        ...(more[blocks.lang][cls] ?? []),
      ]
      for (let n = 0; n < PER_CLASS; n++) {
        const useOpening = cls === "none" && rand() < 0.12
        const t = Math.floor(rand() * templates.length)
        const text = useOpening
          ? emptyOpening(rand, blocks)
          : message(rand, blocks, cls, expand(rand, blocks, templates[t]!))
        const key = text.toLowerCase()
        if (seen.has(key)) continue
        seen.add(key)
        out.push({
          text,
          topic: cls === "none" ? null : cls,
          lang: blocks.lang,
          origin: useOpening ? `tpl:${blocks.lang}:none:opening` : `tpl:${blocks.lang}:${cls}:${t}`,
        })
      }
    }
  }
  return out
}

if (import.meta.main) {
  const records = generate()
  const path = new URL("../corpus/generated.jsonl", import.meta.url)
  writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`)
  console.log(`wrote ${records.length} messages to corpus/generated.jsonl`)
}
