/** The edge in workerd: the Worker, the shop Durable Object and the remote libSQL path (a real sqld). */
import { fileURLToPath } from "node:url"
import { cloudflareTest } from "@cloudflare/vitest-plugin"
import { defineProject } from "vitest/config"

const core = (path: string) => fileURLToPath(new URL(`../../../core/src/${path}`, import.meta.url))

export default defineProject({
  // @inbox/core from its TypeScript source (as wrangler.toml's alias does), never from a stale dist build.
  resolve: {
    alias: [
      { find: /^@inbox\/core\/wire$/, replacement: core("wire/index.ts") },
      { find: /^@inbox\/core$/, replacement: core("index.ts") },
    ],
  },
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.test.jsonc" },
      miniflare: {
        bindings: {
          SQLD_URL: inject("sqldUrl"),
          RECEIVER_URL: inject("receiverUrl"),
          INBOX_EMAIL_API_URL: `${inject("receiverUrl")}/email`,
          INBOX_WEBHOOK_URL: `${inject("receiverUrl")}/webhook`,
          INBOX_META_GRAPH_URL: `${inject("receiverUrl")}/graph`,
          // fast-check depth and seed, as on Node (read by setup/fastcheck.ts).
          FC_NUM_RUNS: process.env.FC_NUM_RUNS ?? "",
          FC_SEED: process.env.FC_SEED ?? "",
        },
      },
    })),
  ],
  test: {
    name: "edge-worker",
    include: ["./**/*.test.ts"],
    globalSetup: ["./setup/sqld.ts", "./setup/receiver.ts"],
    setupFiles: ["./setup/fastcheck.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
