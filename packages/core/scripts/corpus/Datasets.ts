/**
 * The licensed, real labelled messages of `../shared/datasets/` (read at training time only, never
 * copied into the repository): how each file becomes training examples, which source it is held out as,
 * and the few documented re-judgements of its labels. Sources and licences: corpus/README.md.
 */
import { existsSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { stableHash } from "../random.ts"
import type { ClassId } from "./Blocks.ts"
import { type Example, type Lang, labelOf, readJsonl } from "./Corpus.ts"

export interface Row {
  readonly text: string
  readonly lang: Lang
  readonly topic: ClassId | null
  /** `<file id>:<original intent or attribute>` */
  readonly source: string
}

interface DatasetFile {
  readonly file: string
  /** The held-out unit; `:lang` is appended when the file holds both languages. */
  readonly source: string
  /** At most this many rows per original intent (paraphrase-heavy files would swamp the rest). */
  readonly perIntent?: number
  /** Rows whose label is a dataset-level guess: trained on at this weight, never scored. */
  readonly weak?: number
}

/**
 * cpqa and cpqa-weak are the same Amazon question files, so they are held out together. Caps keep every
 * source within a few thousand rows: enough variety, without one assistant's phrasing deciding "none".
 */
export const DATASET_FILES: ReadonlyArray<DatasetFile> = [
  { file: "topics-cpqa.jsonl", source: "cpqa" },
  { file: "topics-cpqa-weak.jsonl", source: "cpqa", weak: 0.5 },
  { file: "topics-kwikemart.jsonl", source: "kwikemart" },
  { file: "topics-rasa-nlu-training-data.jsonl", source: "rasa-nlu" },
  { file: "topics-hwu64.jsonl", source: "hwu64", perIntent: 60 },
  { file: "topics-banking77.jsonl", source: "banking77", perIntent: 60 },
  { file: "topics-bf-chitchat.jsonl", source: "bf-chitchat", perIntent: 30 },
  { file: "topics-xpersona-fr.jsonl", source: "xpersona-fr", perIntent: 3000 },
]

/**
 * The product files colour, size, dimensions, weight, volume, quantity and stock under product_details
 * (issue 16, point 5). cpqa's attribute mapping sends some of these to product_interest ("what is the
 * size of the screen?" is labelled by the `display` attribute), so the question's own words decide.
 */
const DETAIL_WORDS =
  /\b(sizes?|sized|sizing|dimensions?|measure(ments?|d)?|diameter|circumference|how (big|tall|wide|high|heavy|deep|large|small|thick|much does it weigh)|height|width|length|weighs?|weight|colou?rs?|inch(es)?|cm|mm|ounces?|oz|lbs?|pounds|lit(er|re)s?|ml|gallons?|capacity|volume|how many (come|are (in|included)|pieces|per)|pack of|in stock|out of stock|restock)\b/i

/** Weak product questions about delivery, returns or price have no clean product topic: dropped. */
const NOT_A_PRODUCT_QUESTION =
  /\b(ship|shipping|shipped|deliver|delivery|return|refund|price|cost|warranty)\b/i

/**
 * Kwik-E-Mart's `help` intent mixes "real person please" (none) with asking for the support phone number,
 * which the product files under store_info (contact): those rows are dropped.
 */
const CONTACT_WORDS = /\b(phone|number|contact|customer (support|service))\b/i

/** The documented re-judgements (corpus/README.md); "drop" leaves the row out. */
export const rejudge = (row: Row): ClassId | null | "drop" => {
  if (row.source === "kwikemart:store_info.help") return CONTACT_WORDS.test(row.text) ? "drop" : row.topic
  if (!row.source.startsWith("cpqa")) return row.topic
  const weak = row.source.startsWith("cpqa-weak:")
  if (weak && NOT_A_PRODUCT_QUESTION.test(row.text)) return "drop"
  if (row.topic === "product_interest" && DETAIL_WORDS.test(row.text)) return "product_details"
  return row.topic
}

/**
 * `../shared/datasets/` of the repository, found from the nearest ancestor that has one (a git worktree
 * sits deeper than the main checkout); `TOPICS_DATASETS` overrides.
 */
export const datasetsDir = (): string => {
  const fromEnv = process.env.TOPICS_DATASETS
  if (fromEnv !== undefined) return resolve(fromEnv)
  let dir = resolve(fileURLToPath(new URL("../../../../", import.meta.url)))
  for (;;) {
    const candidate = join(dir, "..", "shared", "datasets")
    if (existsSync(join(candidate, "README.md"))) return candidate
    const parent = dirname(dir)
    if (parent === dir)
      throw new Error("../shared/datasets not found: set TOPICS_DATASETS to the shared datasets folder")
    dir = parent
  }
}

/** Keeps at most `cap` rows per original intent, chosen by a hash of the text (stable across runs). */
const capPerIntent = (rows: ReadonlyArray<Row>, cap: number): Array<Row> => {
  const groups = new Map<string, Array<Row>>()
  for (const r of rows) {
    const key = `${r.lang}:${r.source}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [r])
    else group.push(r)
  }
  const kept = new Set<Row>()
  for (const group of groups.values())
    for (const r of group
      .map((r) => ({ r, h: stableHash(`cap:${r.text}`) }))
      .sort((a, b) => a.h - b.h || (a.r.text < b.r.text ? -1 : 1))
      .slice(0, cap))
      kept.add(r.r)
  return rows.filter((r) => kept.has(r))
}

export const loadDatasets = (dir: string = datasetsDir()): Array<Example> =>
  DATASET_FILES.flatMap((d) => {
    const path = join(dir, d.file)
    if (!existsSync(path)) throw new Error(`missing dataset ${path}`)
    const all = readJsonl<Row>(path)
    const rows = d.perIntent === undefined ? all : capPerIntent(all, d.perIntent)
    const bilingual = new Set(all.map((r) => r.lang)).size > 1
    return rows.flatMap((r): Array<Example> => {
      const topic = rejudge(r)
      if (topic === "drop") return []
      return [
        {
          text: r.text,
          lang: r.lang,
          label: labelOf(topic, d.file),
          source: bilingual ? `${d.source}:${r.lang}` : d.source,
          origin: r.source,
          weight: d.weak ?? 1,
          weak: d.weak !== undefined,
        },
      ]
    })
  })
