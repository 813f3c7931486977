/**
 * `npm run bench [-- --quick] [--json FILE] [--only NAME]`: runs every benchmark, prints a table with
 * ratios against baselines measured in the same run, and writes reports/bench.json and reports/bench.svg.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type BenchResult, svgChart, table } from "./report.ts"
import type { Suite } from "./suite.ts"
import { suites } from "./suites/index.ts"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const jsonFile = flag("--json")
const only = flag("--only")

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const reports = join(root, "reports")

const results: Array<BenchResult> = []
const selected: ReadonlyArray<Suite> = only ? suites.filter((s) => s.name === only) : suites
const started = Date.now()
for (const suite of selected) {
  process.stderr.write(`bench: ${suite.name}${quick ? " (quick)" : ""}…\n`)
  try {
    results.push(...(await suite.run({ quick })))
  } catch (e) {
    // A broken benchmark is reported, not hidden, and the others still run.
    results.push({
      name: `${suite.name}: FAILED`,
      unit: "",
      value: Number.NaN,
      baseline: null,
      ratio: null,
      target: null,
      met: false,
      extra: { error: String(e).slice(0, 200) },
    })
  }
}

const report = {
  benchmarks: results.map(({ name, unit, value, baseline, ratio, target, met }) => ({
    name,
    unit,
    value,
    baseline,
    ratio,
    target,
    met,
  })),
  details: results.map((r) => ({ name: r.name, ...(r.extra ?? {}) })),
  quick,
  node: process.version,
  seconds: (Date.now() - started) / 1000,
}
mkdirSync(reports, { recursive: true })
writeFileSync(join(reports, "bench.json"), `${JSON.stringify(report, null, 2)}\n`)
writeFileSync(join(reports, "bench.svg"), svgChart(results))
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`)
console.log(table(results))
console.log(`\nreport: reports/bench.json, chart: reports/bench.svg (${report.seconds.toFixed(1)} s)`)
