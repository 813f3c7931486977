/**
 * `npm run fuzz [-- --quick] [-- --seed N] [-- --cases N]`: bad-input fuzzing of every route (in process,
 * over a seeded libSQL file), raw WebSocket frames on both sockets, and store-then-read sequences; last line
 * `fuzz: cases=N status5xx=F statechanges=S sockets=K socketfaults=X sequences=Q sequencefaults=Y`, exit 1
 * on any fault.
 */
import { fuzzFailed, fuzzLine, runFuzz } from "../test/reliability/fuzz.ts"

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : null
}
const quick = args.includes("--quick")
const cases = flag("--cases") ?? (quick ? 1_000 : 10_000)
const seed = flag("--seed") ?? Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))

const started = performance.now()
console.log(`fuzz ${quick ? "quick" : "full"} run: ${cases} cases, seed ${seed}`)
const outcome = await runFuzz({ cases, seed, log: (line) => console.log(line) })
for (const f of [...outcome.failures, ...outcome.sockets.failures, ...outcome.sequences.failures].slice(
  0,
  40,
))
  console.log(`  ${f}`)
if (outcome.unmodelled.length > 0)
  console.log(`routes fuzzed without a model: ${outcome.unmodelled.join(", ")}`)
console.log(`routes=${outcome.routes} faults=${JSON.stringify(outcome.byFault)}`)
console.log(`statuses=${JSON.stringify(outcome.byStatus)}`)
console.log(`socket faults=${JSON.stringify(outcome.sockets.byFault)}`)
console.log(
  `sequence writes=${JSON.stringify(outcome.sequences.byWrite)} refused=${outcome.sequences.refusedWrites}`,
)
console.log(
  `not4xx=${outcome.not4xx} unstructured=${outcome.unstructured} seconds=${Math.round((performance.now() - started) / 1000)}`,
)
console.log(fuzzLine(outcome))
process.exit(fuzzFailed(outcome) ? 1 : 0)
