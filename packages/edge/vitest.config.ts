/** Edge tests on Node: real libSQL files in temp folders, real sockets, real SMTP/HTTP receivers, a real sqld. */
import { defineProject } from "vitest/config"

export default defineProject({
  // @inbox/core resolves to its TypeScript source, never to a stale dist build.
  resolve: { conditions: ["@inbox/source"] },
  ssr: { resolve: { conditions: ["@inbox/source"], externalConditions: ["@inbox/source"] } },
  test: {
    name: "edge-node",
    include: ["test/node/**/*.test.ts"],
    environment: "node",
    // Each file starts its own server on its own temp database; no test mocks modules, stubs env/globals or
    // fakes timers, so shared modules (Effect, drizzle, libSQL) are evaluated once per worker, not per file.
    isolate: false,
    setupFiles: ["./test/node/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
