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
    setupFiles: ["./test/node/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
