/** Core tests: pure properties and examples on Node. fast-check depth and seed come from the env (test/setup.ts). */
import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "core",
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Pure modules, no module-level state a test could leave behind: evaluate shared modules once per worker.
    isolate: false,
    setupFiles: ["./test/setup.ts"],
    // FC_NUM_RUNS=10000 (npm run test:deep) makes single properties run for minutes, not seconds.
    testTimeout: 600_000,
  },
})
