/**
 * fast-check settings for every core property, from the environment: FC_NUM_RUNS (generated cases
 * per property, default 100), FC_SEED and FC_PATH (replay a reported failure). See README.md.
 */
import fc from "fast-check"

const numRuns = Number.parseInt(process.env.FC_NUM_RUNS ?? "", 10)
const seed = Number.parseInt(process.env.FC_SEED ?? "", 10)
const path = process.env.FC_PATH

fc.configureGlobal({
  numRuns: Number.isSafeInteger(numRuns) && numRuns > 0 ? numRuns : 100,
  ...(Number.isSafeInteger(seed) ? { seed } : {}),
  // A path replays one counterexample; it is only meaningful together with its seed.
  ...(path && Number.isSafeInteger(seed) ? { path } : {}),
})
