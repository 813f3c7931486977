/** Timing primitives for benchmarks: samples, percentiles and throughput. Benchmarks only, never tests. */
import { performance } from "node:perf_hooks"

export interface Stats {
  readonly samples: number
  readonly opsPerSec: number
  readonly p50Us: number
  readonly p95Us: number
  readonly p99Us: number
  readonly meanUs: number
}

export const percentile = (sorted: ReadonlyArray<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]!
}

/** Summarises per-operation durations given in microseconds. */
export const summarise = (durationsUs: ReadonlyArray<number>): Stats => {
  const sorted = [...durationsUs].sort((a, b) => a - b)
  const total = sorted.reduce((a, b) => a + b, 0)
  return {
    samples: sorted.length,
    opsPerSec: total > 0 ? (sorted.length * 1e6) / total : Number.POSITIVE_INFINITY,
    p50Us: percentile(sorted, 50),
    p95Us: percentile(sorted, 95),
    p99Us: percentile(sorted, 99),
    meanUs: sorted.length ? total / sorted.length : Number.NaN,
  }
}

/**
 * Times `fn` once per sample after a warm-up. Fast functions are batched (`batch` calls per sample)
 * so the timer's resolution does not dominate; the reported figures are per call.
 */
export const timeSync = (
  fn: () => unknown,
  opts: { samples: number; batch?: number; warmup?: number },
): Stats => {
  const batch = opts.batch ?? 1
  for (let i = 0; i < (opts.warmup ?? Math.min(200, opts.samples)); i++) fn()
  const out: Array<number> = []
  for (let s = 0; s < opts.samples; s++) {
    const t0 = performance.now()
    for (let b = 0; b < batch; b++) fn()
    out.push(((performance.now() - t0) * 1000) / batch)
  }
  return summarise(out)
}

export const timeAsync = async (
  fn: () => Promise<unknown>,
  opts: { samples: number; warmup?: number },
): Promise<Stats> => {
  for (let i = 0; i < (opts.warmup ?? Math.min(50, opts.samples)); i++) await fn()
  const out: Array<number> = []
  for (let s = 0; s < opts.samples; s++) {
    const t0 = performance.now()
    await fn()
    out.push((performance.now() - t0) * 1000)
  }
  return summarise(out)
}

export const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024
