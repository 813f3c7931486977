import { assert, it } from "@effect/vitest"
import { version } from "../src/index.ts"

it("exports a version", () => {
  assert.strictEqual(version, "0.1.0")
})
