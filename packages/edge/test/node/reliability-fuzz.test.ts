/**
 * Bad-input fuzzing in CI (the reduced `npm run fuzz`): every documented route gets malformed, mistyped,
 * oversized, unauthenticated or lying requests (only 4xx with the error body, and no table changes); both
 * sockets get hostile frames (closed with the right code, or ignored); hostile values stored are read back
 * through every read path without a fault.
 */
import { assert, it } from "vitest"
import { fuzzLine, runFuzz } from "../reliability/fuzz.ts"
import { call, dumpTables, login } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

const seed = Number.parseInt(process.env.FC_SEED ?? "", 10)
const runs = Number.parseInt(process.env.FC_NUM_RUNS ?? "", 10)

it("500 bad requests over every route, 50 hostile socket frames, 20 store-then-read sequences: no fault", async () => {
  const outcome = await runFuzz({
    cases: Number.isSafeInteger(runs) && runs > 500 ? runs : 500,
    seed: Number.isSafeInteger(seed) ? seed : Math.floor(Math.random() * 2 ** 31),
    socketCases: 50,
    sequences: 20,
  })
  const faults = [...outcome.failures, ...outcome.sockets.failures, ...outcome.sequences.failures]
  const summary = `${fuzzLine(outcome)}\n${faults.slice(0, 20).join("\n")}`
  assert.isAtLeast(outcome.routes, 25, summary)
  assert.strictEqual(outcome.status5xx, 0, summary)
  assert.strictEqual(outcome.stateChanges, 0, summary)
  assert.strictEqual(outcome.not4xx, 0, summary)
  assert.strictEqual(outcome.unstructured, 0, summary)
  assert.strictEqual(outcome.sockets.cases, 50, summary)
  assert.deepStrictEqual(outcome.sockets.failures, [], summary)
  assert.strictEqual(outcome.sequences.sequences, 20, summary)
  assert.deepStrictEqual(outcome.sequences.failures, [], summary)
}, 180_000)

it("a saved reply naming a product the shop does not have is refused (404), nothing stored", async () => {
  const server = await seededServer()
  try {
    const { token } = await login(server.app, "owner@demo.shop")
    const before = await dumpTables(server.client)
    const r = await call(server.app, "/api/saved-replies", {
      method: "POST",
      token,
      body: { shortcut: "ghost", text: "See this", productIds: ["prod_of_another_shop"] },
    })
    assert.strictEqual(r.status, 404)
    assert.strictEqual(((await r.json()) as { error: { code: string } }).error.code, "ProductNotFound")
    assert.strictEqual(await dumpTables(server.client), before)
  } finally {
    await server.stop()
  }
})
