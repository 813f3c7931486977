/**
 * Browser e2e of the web app: the real Node server on loopback with a fresh seeded database, driven by
 * playwright-core in Debian's Chromium. One user story per file; files run one after another.
 */
import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "web-e2e",
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["./e2e/setup/server.ts"],
    fileParallelism: false,
    // Stories share no module state (each launches its own browser); playwright-core loads once.
    isolate: false,
    // Stories wait on the live app (realtime frames, presence grace); never on sleeps.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
