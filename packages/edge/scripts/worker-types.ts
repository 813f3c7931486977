/**
 * `npm run types:worker`: regenerates src/do/worker-configuration.d.ts from wrangler.toml with `wrangler
 * types` (bindings only; the runtime's types come from @cloudflare/workers-types), then gives its module
 * references their `.ts` extension, which this repository's module resolution requires.
 */
import { execFileSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { repoRoot } from "../src/db/client.node.ts"

const relative = "packages/edge/src/do/worker-configuration.d.ts"
const file = resolve(repoRoot, relative)
execFileSync(
  resolve(repoRoot, "node_modules/.bin/wrangler"),
  ["types", relative, "--include-runtime=false", "--strict-vars=false", "--env-interface=WorkerBindings"],
  {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  },
)
writeFileSync(
  file,
  readFileSync(file, "utf8").replaceAll('import("../runtime/worker")', 'import("../runtime/worker.ts")'),
)
