/** An SVG reliability diagram: one panel per language, bins sized by their message count. */
import type { Bin } from "./Metrics.ts"

export interface Panel {
  readonly title: string
  readonly bins: ReadonlyArray<Bin>
  readonly ece: number
}

const SIZE = 300
const PAD = 50

const panel = (p: Panel, left: number, threshold: number): Array<string> => {
  const x = (v: number) => left + PAD + v * SIZE
  const y = (v: number) => PAD + 20 + (1 - v) * SIZE
  const parts = [
    `<text x="${x(0)}" y="${y(1) - 8}" font-size="13">${p.title} (ECE ${(100 * p.ece).toFixed(1)}%)</text>`,
    `<rect x="${x(0)}" y="${y(1)}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#333"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4"/>`,
    `<line x1="${x(threshold)}" y1="${y(0)}" x2="${x(threshold)}" y2="${y(1)}" stroke="#d33" stroke-dasharray="2"/>`,
    `<text x="${x(threshold) - 14}" y="${y(0) - 6}" fill="#d33">${threshold.toFixed(2)}</text>`,
    `<text x="${x(0.3)}" y="${y(0) + 34}">predicted confidence</text>`,
    `<text transform="translate(${x(0) - 34},${y(0.3)}) rotate(-90)">observed accuracy</text>`,
  ]
  for (let i = 0; i <= 10; i += 2) {
    parts.push(`<text x="${x(i / 10) - 8}" y="${y(0) + 16}">${i / 10}</text>`)
    parts.push(`<text x="${x(0) - 24}" y="${y(i / 10) + 4}">${i / 10}</text>`)
  }
  const points = p.bins.map((b) => `${x(b.confidence).toFixed(1)},${y(b.accuracy).toFixed(1)}`).join(" ")
  parts.push(`<polyline points="${points}" fill="none" stroke="#2b6cb0" stroke-width="2"/>`)
  for (const b of p.bins) {
    const r = Math.min(10, 2 + Math.sqrt(b.count) / 3)
    parts.push(
      `<circle cx="${x(b.confidence).toFixed(1)}" cy="${y(b.accuracy).toFixed(1)}" r="${r.toFixed(1)}" fill="#2b6cb0" fill-opacity="0.5"><title>${b.lo.toFixed(1)}–${(b.lo + 0.1).toFixed(1)}: n=${b.count}, confidence ${b.confidence.toFixed(3)}, accuracy ${b.accuracy.toFixed(3)}</title></circle>`,
      `<text x="${(x(b.confidence) + r + 2).toFixed(1)}" y="${(y(b.accuracy) + 4).toFixed(1)}" font-size="9" fill="#555">${b.count}</text>`,
    )
  }
  return parts
}

export const reliabilityDiagram = (
  title: string,
  panels: ReadonlyArray<Panel>,
  threshold: number,
): string => {
  const width = panels.length * (SIZE + 2 * PAD)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${SIZE + 2 * PAD + 40}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${PAD}" y="22" font-size="14">${title}</text>`,
    ...panels.flatMap((p, i) => panel(p, i * (SIZE + 2 * PAD), threshold)),
    "</svg>",
    "",
  ].join("\n")
}
