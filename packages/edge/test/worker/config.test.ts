/**
 * The Worker's settings are parsed once per isolate `env` (every request of an isolate carries the same
 * object): parsing builds an error for each unset optional variable, which once cost more than a request.
 */
import { assert, describe, it } from "vitest"
import { readConfig, type WorkerEnv } from "../../src/do/config.ts"

const env = (vars: Record<string, string>): WorkerEnv => ({ ...vars }) as unknown as WorkerEnv

describe("Worker settings", () => {
  it("one env is read once; another env is read afresh; a missing secret is refused every time", () => {
    const a = env({ INBOX_SESSION_SECRET: "s-a", INBOX_DEFAULT_SHOP: "alpha" })
    const first = readConfig(a)
    assert.strictEqual(readConfig(a), first)
    assert.strictEqual(first.defaultShop, "alpha")
    assert.isNull(first.dbUrl)
    const b = env({ INBOX_SESSION_SECRET: "s-b", INBOX_DB_URL: "http://127.0.0.1:1" })
    const second = readConfig(b)
    assert.notStrictEqual(second, first)
    assert.strictEqual(second.dbUrl, "http://127.0.0.1:1")
    assert.strictEqual(second.defaultShop, "demo")
    const none = env({})
    assert.throws(() => readConfig(none))
    assert.throws(() => readConfig(none))
  })
})
