/** fast-check settings from the environment: FC_NUM_RUNS (default 15 here: every run touches a database), FC_SEED. */
import fc from "fast-check"

const numRuns = Number.parseInt(process.env.FC_NUM_RUNS ?? "", 10)
const seed = Number.parseInt(process.env.FC_SEED ?? "", 10)

fc.configureGlobal({
  numRuns: Number.isSafeInteger(numRuns) && numRuns > 0 ? Math.max(1, Math.ceil(numRuns / 7)) : 15,
  ...(Number.isSafeInteger(seed) ? { seed } : {}),
})
