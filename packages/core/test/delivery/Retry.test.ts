/** A retry can never send a reply twice: however many clicks race, a failed delivery is queued again once. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { type DeliveryState, retryOutcome } from "../../src/delivery/Retry.ts"

describe("delivery retry", () => {
  it("clicks and dispatcher outcomes in any order: one attempt per failure at most, and nothing after a send", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("retry" as const, "dispatchOk" as const, "dispatchFail" as const), {
          maxLength: 40,
        }),
        (steps) => {
          // Starts failed; the dispatcher attempts only a queued delivery, successfully or not.
          let status: DeliveryState = "failed"
          let attempts = 0
          let failures = 1
          let requeues = 0
          let sentAt: number | null = null
          steps.forEach((step, i) => {
            if (step === "retry") {
              const outcome = retryOutcome(status)
              assert.notStrictEqual(typeof outcome, "object")
              if (outcome === "requeue") {
                status = "queued"
                requeues++
              }
            } else if (status === "queued") {
              attempts++
              if (sentAt !== null) assert.fail(`attempted again at step ${i} after the send at ${sentAt}`)
              if (step === "dispatchOk") {
                status = "sent"
                sentAt = i
              } else {
                status = "failed"
                failures++
              }
            }
          })
          // Each requeue answers one failure, each attempt consumes one requeue: clicks alone add nothing.
          assert.isAtMost(requeues, failures)
          assert.isAtMost(attempts, requeues)
        },
      ),
    )
  })

  it("queued and sent are unchanged by a retry; held is refused; failed is requeued", () => {
    assert.strictEqual(retryOutcome("failed"), "requeue")
    assert.strictEqual(retryOutcome("queued"), "unchanged")
    assert.strictEqual(retryOutcome("sent"), "unchanged")
    const held = retryOutcome("held")
    assert.isTrue(typeof held === "object" && held._tag === "ReplyNotRetryable")
  })
})
