/**
 * The load generator, run as its own process (`node bench/load.ts '<json>'`): autocannon against a loopback
 * server, each request a new customer message (unique `clientMessageId`, rotating chat tokens). Prints one
 * JSON line with the achieved rate and latency percentiles in milliseconds.
 */
import autocannon from "autocannon"

interface LoadSpec {
  readonly url: string
  readonly tokens: ReadonlyArray<string>
  /** Requests per second across all connections; 0 = as fast as the server answers. */
  readonly rate: number
  readonly seconds: number
  readonly connections: number
  /** Stop after this many requests (stays under the edge's per-session abuse limits). */
  readonly amount?: number
}

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec
const texts = [
  "Where is my order? It was supposed to arrive yesterday.",
  "Bonjour, est-ce que vous livrez en Belgique ?",
  "Do you have this linen shirt in size M?",
  "Can I return the shoes if they do not fit?",
  "Merci beaucoup !",
]
let n = 0
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  // autocannon checks whether an `amount` run is done only when it samples (every `sampleInt` ms, 1 s by
  // default), so such a run's duration would be rounded up to whole seconds: sample every 10 ms instead.
  ...(spec.amount === undefined ? { duration: spec.seconds } : { amount: spec.amount, sampleInt: 10 }),
  ...(spec.rate > 0 ? { overallRate: spec.rate } : {}),
  requests: [
    {
      method: "POST",
      setupRequest: (req: Record<string, unknown>) => {
        const i = n++
        return {
          ...req,
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(spec.tokens.length > 0
              ? { authorization: `Bearer ${spec.tokens[i % spec.tokens.length]}` }
              : {}),
          },
          body: JSON.stringify({ clientMessageId: `b${run}_${i}`, text: texts[i % texts.length] }),
        }
      },
    },
  ],
})
const l = result.latency
console.log(
  JSON.stringify({
    // A run bounded by `amount` is short: its rate is what it did over its whole duration, not the mean of
    // one-second buckets (the last, partial one would count as a whole).
    rps:
      spec.amount === undefined || result.duration <= 0
        ? result.requests.average
        : result.requests.total / result.duration,
    total: result.requests.total,
    p50: l.p50,
    p90: l.p90,
    p99: l.p99,
    max: l.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }),
)
