/** Benchmark results: the fixed JSON shape, the console table and a bar chart of ratios (SVG). */

/** One line of the report; `ratio` is value ÷ baseline oriented so that higher is better. */
export interface BenchResult {
  readonly name: string
  readonly unit: string
  readonly value: number
  readonly baseline: number | null
  readonly ratio: number | null
  readonly target: string | null
  readonly met: boolean | null
  /** Extra figures printed but not part of the fixed interface (p50/p95/p99, memory…). */
  readonly extra?: Readonly<Record<string, number | string>>
}

const fmt = (n: number | null): string =>
  n === null || Number.isNaN(n)
    ? "-"
    : Math.abs(n) >= 1000
      ? n.toFixed(0)
      : Math.abs(n) >= 10
        ? n.toFixed(1)
        : n.toFixed(3)

export const table = (results: ReadonlyArray<BenchResult>): string => {
  const rows = results.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === null ? "-" : fmt(r.baseline),
    r.ratio === null ? "-" : `${(r.ratio * 100).toFixed(0)}%`,
    r.target ?? "-",
    r.met === null ? "-" : r.met ? "met" : "NOT met",
    Object.entries(r.extra ?? {})
      .map(([k, v]) => `${k}=${typeof v === "number" ? fmt(v) : v}`)
      .join(" "),
  ])
  const head = ["benchmark", "value", "baseline", "ratio", "target", "", "details"]
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd()
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** Horizontal bars: each benchmark's ratio against its baseline, 100% marked. */
export const svgChart = (results: ReadonlyArray<BenchResult>): string => {
  const withRatio = results.filter((r) => r.ratio !== null)
  const rowH = 26
  const left = 330
  const width = 820
  const maxRatio = Math.max(1.2, ...withRatio.map((r) => r.ratio!))
  const scale = (width - left - 80) / maxRatio
  const h = 40 + withRatio.length * rowH
  const bars = withRatio
    .map((r, i) => {
      const y = 30 + i * rowH
      const w = Math.max(1, r.ratio! * scale)
      const colour = r.met === false ? "#d72c0d" : "#008060"
      return `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="12">${esc(r.name)}</text>
<rect x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="${colour}"/>
<text x="${(left + w + 6).toFixed(1)}" y="${y + 15}" font-size="12">${(r.ratio! * 100).toFixed(0)}%</text>`
    })
    .join("\n")
  const x100 = left + scale
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" font-family="sans-serif">
<text x="10" y="18" font-size="14" font-weight="bold">Ratio against the baseline measured in the same run (higher is better)</text>
${bars}
<line x1="${x100.toFixed(1)}" y1="26" x2="${x100.toFixed(1)}" y2="${h - 6}" stroke="#555" stroke-dasharray="4 3"/>
</svg>
`
}
