/**
 * Crash safety in CI (the small version of `npm run chaos`): the real server is SIGKILLed twice under
 * concurrent, retried writes; no acknowledged message is lost, duplicated or reordered, projections = replay.
 */
import { assert, it } from "vitest"
import { chaosLine, runChaos } from "../reliability/chaos.ts"

const seed = Number.parseInt(process.env.FC_SEED ?? "", 10)

it("survives SIGKILL: every acknowledged message exactly once, in acknowledgement order", async () => {
  const report = await runChaos({
    kills: 2,
    conversations: 3,
    messagesPerWriter: 6,
    seed: Number.isSafeInteger(seed) ? seed : Math.floor(Math.random() * 2 ** 31),
  })
  const summary = `${chaosLine(report)}\n${report.details.join("\n")}`
  assert.strictEqual(report.kills, 2, summary)
  assert.isAbove(report.acknowledged, 0, summary)
  assert.strictEqual(report.lost, 0, summary)
  assert.strictEqual(report.duplicated, 0, summary)
  assert.strictEqual(report.reordered, 0, summary)
  assert.strictEqual(report.projectionMismatches, 0, summary)
  assert.strictEqual(report.sequenceGaps, 0, summary)
  assert.strictEqual(report.unexpected, 0, summary)
}, 120_000)
