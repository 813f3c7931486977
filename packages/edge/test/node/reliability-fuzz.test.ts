/**
 * Bad-input fuzzing in CI (the reduced `npm run fuzz`): every documented route gets malformed, mistyped,
 * oversized, unauthenticated or lying requests; only 4xx with the error body, and no table changes.
 */
import { assert, it } from "vitest"
import { call, dumpTables, login } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

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
