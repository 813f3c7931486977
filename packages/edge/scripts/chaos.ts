/**
 * `npm run chaos [-- --quick] [-- --seed N]`: crash-safety run against the real Node server (SIGKILL and
 * restart); last line `chaos: acknowledged=N lost=L duplicated=D reordered=R kills=K`, exit 1 on any fault.
 */
import { chaosFailed, chaosLine, runChaos } from "../test/reliability/chaos.ts"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const seedArg = args.indexOf("--seed")
const seed =
  seedArg >= 0
    ? Number(args[seedArg + 1])
    : Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))

const options = quick
  ? { kills: 8, conversations: 8, messagesPerWriter: 12, seed }
  : { kills: 20, conversations: 12, messagesPerWriter: 40, seed }

const started = performance.now()
console.log(`chaos ${quick ? "quick" : "full"} run, seed ${seed}: ${JSON.stringify(options)}`)
const report = await runChaos({ ...options, log: (line) => console.log(line) })
for (const d of report.details.slice(0, 50)) console.log(`  ${d}`)
console.log(
  `replays sent=${report.replays} interrupted=${report.interrupted} unexpected=${report.unexpected} projectionMismatches=${report.projectionMismatches} sequenceGaps=${report.sequenceGaps} seconds=${Math.round((performance.now() - started) / 1000)}`,
)
console.log(chaosLine(report))
process.exit(chaosFailed(report) ? 1 : 0)
