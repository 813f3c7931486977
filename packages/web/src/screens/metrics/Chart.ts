/**
 * A bar chart of new conversations per day, built with DOM APIs (SVG elements, text nodes only): a title and
 * description for assistive technology, a labelled y axis, and day labels thinned so they never overlap.
 */
const NS = "http://www.w3.org/2000/svg"

const svg = <K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>>,
  text?: string,
): SVGElementTagNameMap[K] => {
  const el = document.createElementNS(NS, tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
  if (text !== undefined) el.textContent = text
  return el
}

export interface Bar {
  readonly label: string
  readonly value: number
  /** Read out and shown on hover, e.g. "12 Nov: 3 new conversations". */
  readonly title: string
}

/** A readable "nice" top for the axis: 1, 2, 5 × 10ⁿ at or above the largest value. */
export const niceMax = (max: number): number => {
  if (max <= 0) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max) ?? 10 * p
}

export const barChart = (bars: ReadonlyArray<Bar>, title: string, description: string): SVGSVGElement => {
  const width = 640
  const height = 220
  const left = 36
  const bottom = 28
  const top = 10
  const plotW = width - left - 8
  const plotH = height - top - bottom
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)))
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart", width: "100%" })
  const titleId = `chart-${Math.random().toString(36).slice(2, 8)}`
  root.setAttribute("aria-labelledby", `${titleId}-t ${titleId}-d`)
  root.append(svg("title", { id: `${titleId}-t` }, title), svg("desc", { id: `${titleId}-d` }, description))
  // Gridlines and y labels at 0, half and max.
  for (const v of [0, max / 2, max]) {
    const y = top + plotH - (v / max) * plotH
    root.append(
      svg("line", { x1: left, x2: width - 8, y1: y, y2: y, class: "chart__grid" }),
      svg(
        "text",
        { x: left - 6, y: y + 4, "text-anchor": "end", class: "chart__label" },
        String(Math.round(v)),
      ),
    )
  }
  const slot = plotW / Math.max(1, bars.length)
  const every = Math.ceil(bars.length / 10)
  bars.forEach((b, i) => {
    const h = (b.value / max) * plotH
    const x = left + i * slot + slot * 0.15
    const rect = svg("rect", {
      x,
      y: top + plotH - h,
      width: Math.max(1, slot * 0.7),
      height: Math.max(0, h),
      rx: 2,
      class: "chart__bar",
    })
    rect.append(svg("title", {}, b.title))
    root.append(rect)
    if (i % every === 0)
      root.append(
        svg(
          "text",
          { x: x + (slot * 0.7) / 2, y: height - 8, "text-anchor": "middle", class: "chart__label" },
          b.label,
        ),
      )
  })
  return root
}
