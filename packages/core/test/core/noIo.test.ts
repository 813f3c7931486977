/**
 * The core does no I/O: every file under src imports only `effect` or relative modules and uses no
 * clock, randomness, console, timers, network or Node built-ins. Covers files added by anyone.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { assert, describe, it } from "@effect/vitest"

const SRC = join(import.meta.dirname, "../../src")

const sourceFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sourceFiles(join(dir, d.name))
      : /\.(m|c)?[jt]sx?$/.test(d.name)
        ? [join(dir, d.name)]
        : [],
  )

/** Comments may mention forbidden names (e.g. to explain why); code may not. */
const stripComments = (code: string): string =>
  code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1")

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["'`]([^"'`]+)["'`]/g

const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bnode:/, "node: built-in"],
  [/\bfetch\s*\(/, "fetch"],
  [/\bDate\.now\b/, "Date.now"],
  [/\bnew\s+Date\s*\(\s*\)/, "new Date() without an instant"],
  [/\bnew\s+Date\b(?!\s*\()/, "new Date without an instant"],
  [/\bMath\.random\b/, "Math.random"],
  [/\bcrypto\.(getRandomValues|randomUUID)\b/, "crypto randomness"],
  [/\bperformance\.now\b/, "performance.now"],
  [/\bTemporal\.Now\b/, "Temporal.Now"],
  // Intl formatters called without an instant format the current time.
  [/\.(format|formatToParts)\(\s*\)/, "Intl formatting of the current time"],
  [/\bconsole\./, "console"],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, "timer"],
  [/\bprocess\./, "process"],
  [/\bXMLHttpRequest\b|\bWebSocket\b/, "network"],
]

/** Returns every violation in a source text: forbidden imports and forbidden globals. */
export const violations = (code: string): Array<string> => {
  const clean = stripComments(code)
  const found: Array<string> = []
  for (const m of clean.matchAll(SPECIFIER)) {
    const spec = m[1]!
    if (spec !== "effect" && !spec.startsWith("effect/") && !spec.startsWith("./") && !spec.startsWith("../"))
      found.push(`imports ${spec}`)
  }
  for (const [re, what] of FORBIDDEN) if (re.test(clean)) found.push(what)
  return found
}

describe("no I/O in core", () => {
  it("the checker catches each forbidden form", () => {
    const bad = [
      'import { readFile } from "node:fs"',
      'import x from "lodash"',
      'const m = await import("node:path")',
      "const t = Date.now()",
      "const d = new Date()",
      "const r = Math.random()",
      'console.log("x")',
      "setTimeout(f, 1)",
      "setInterval(f, 1)",
      'await fetch("https://example.com")',
      "new Intl.DateTimeFormat('fr').format()",
      "Temporal.Now.instant()",
    ]
    for (const code of bad) assert.isNotEmpty(violations(code), code)
    const good = [
      'import { Schema } from "effect"',
      'import { x } from "../ids.ts"',
      "const d = Date.UTC(2026, 0, 1)",
      "new Intl.DateTimeFormat('en').format(now)",
      "// Date.now() is not used here",
    ]
    for (const code of good) assert.isEmpty(violations(code), code)
  })

  it("every file in packages/core/src (classifier included) imports only effect and relative modules, and no clock, randomness, console or timer", () => {
    const files = sourceFiles(SRC)
    assert.isAbove(files.length, 20)
    const report = files.flatMap((f) =>
      violations(readFileSync(f, "utf8")).map((v) => `${relative(SRC, f)}: ${v}`),
    )
    assert.deepStrictEqual(report, [])
  })
})
