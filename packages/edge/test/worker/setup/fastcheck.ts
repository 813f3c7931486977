/** fast-check settings from FC_NUM_RUNS / FC_SEED (bound by vitest.config.ts), the same scale as test/node. */
import { env } from "cloudflare:workers"
import fc from "fast-check"

const numRuns = Number.parseInt(env.FC_NUM_RUNS, 10)
const seed = Number.parseInt(env.FC_SEED, 10)

fc.configureGlobal({
  numRuns: Number.isSafeInteger(numRuns) && numRuns > 0 ? Math.max(1, Math.ceil(numRuns / 7)) : 15,
  ...(Number.isSafeInteger(seed) ? { seed } : {}),
})
