/** The part of autocannon's API the load generator uses (the package ships no types). */
declare module "autocannon" {
  interface Histogram {
    readonly average: number
    readonly total: number
    readonly p50: number
    readonly p90: number
    readonly p99: number
    readonly max: number
  }
  interface Result {
    readonly requests: Histogram
    readonly latency: Histogram
    readonly non2xx: number
    readonly errors: number
    readonly timeouts: number
    /** Seconds the run took (two decimals). */
    readonly duration: number
  }
  const autocannon: (options: Record<string, unknown>) => Promise<Result>
  export default autocannon
}
