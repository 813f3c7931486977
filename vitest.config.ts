/** Test projects of the monorepo: one per package and runtime. `npm test` runs them all. */
import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@inbox/source"] },
  ssr: { resolve: { conditions: ["@inbox/source"], externalConditions: ["@inbox/source"] } },
  test: {
    projects: ["packages/core", "packages/edge", "packages/edge/test/worker", "packages/web"],
  },
})
