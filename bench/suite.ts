/** What a benchmark suite is: a named async function returning report lines. */
import type { BenchResult } from "./report.ts"

export interface SuiteOptions {
  /** Reduced sizes so the whole suite runs in under three minutes. */
  readonly quick: boolean
}

export interface Suite {
  readonly name: string
  readonly run: (opts: SuiteOptions) => Promise<ReadonlyArray<BenchResult>>
}

/** Builds a result line; `higherIsBetter` orients the ratio so that > 1 always means "better than baseline". */
export const result = (r: {
  name: string
  unit: string
  value: number
  baseline?: number | null
  higherIsBetter?: boolean
  target?: string | null
  met?: boolean | null
  extra?: Record<string, number | string>
}): BenchResult => {
  const baseline = r.baseline ?? null
  const ratio =
    baseline === null || baseline === 0
      ? null
      : (r.higherIsBetter ?? true)
        ? r.value / baseline
        : baseline / r.value
  return {
    name: r.name,
    unit: r.unit,
    value: r.value,
    baseline,
    ratio,
    target: r.target ?? null,
    met: r.met ?? null,
    ...(r.extra ? { extra: r.extra } : {}),
  }
}
