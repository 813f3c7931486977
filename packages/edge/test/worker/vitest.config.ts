/** The edge in workerd: the Worker, the shop Durable Object and the remote libSQL path (a real sqld). */
import { cloudflareTest } from "@cloudflare/vitest-plugin"
import { defineProject } from "vitest/config"

export default defineProject({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.test.jsonc" },
      miniflare: { bindings: { SQLD_URL: inject("sqldUrl") } },
    })),
  ],
  test: {
    name: "edge-worker",
    include: ["./**/*.test.ts"],
    globalSetup: ["./setup/sqld.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
