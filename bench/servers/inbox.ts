/**
 * The real Node server for the HTTP, realtime and memory benchmarks: `startNodeServer` on a loopback port
 * over the libSQL file in BENCH_DB_URL (migrated, seeded with the demo shop when empty, plus BENCH_SHOPS empty
 * shops), serving the web build in BENCH_WEB_DIST when given (the widget benchmark). Prints `READY <port>`.
 */
import { mkdirSync } from "node:fs"
import { seedDemoIfEmpty } from "../../packages/edge/demo/seed.ts"
import { channelsFrom } from "../../packages/edge/src/channels/config.node.ts"
import * as Settings from "../../packages/edge/src/config/Settings.ts"
import { startNodeServer } from "../../packages/edge/src/runtime/node.ts"
import { benchShopId, benchShopIfEmpty } from "../fixtures/benchShops.ts"

const dataDir = process.env.BENCH_DATA_DIR ?? "/tmp/inbox-bench"
mkdirSync(dataDir, { recursive: true })
const server = await startNodeServer({
  port: 0,
  hostname: "127.0.0.1",
  dbUrl: process.env.BENCH_DB_URL ?? `file:${dataDir}/inbox.db`,
  sessionSecret: "bench-session-secret",
  webhookSecret: "bench-webhook-secret",
  dataDir,
  webDist: process.env.BENCH_WEB_DIST ?? null,
  seed: seedDemoIfEmpty(),
  channels: channelsFrom(Settings.fromEnv({}), dataDir),
  log: () => {},
  // A load run is thousands of shoppers' traffic from one loopback address: abuse limits off.
  rateLimits: {
    chat: { capacity: 1e9, refillPerSecond: 1e9 },
    storefront: { capacity: 1e9, refillPerSecond: 1e9 },
    login: { capacity: 1e9, refillPerSecond: 1e9 },
    account: { capacity: 1e9, refillPerSecond: 1e9 },
  },
})
// BENCH_SHOPS=N: the many-shops benchmark's empty shops bench-shop-1 … bench-shop-N besides the demo.
for (let i = 1; i <= Number(process.env.BENCH_SHOPS ?? 0); i++)
  await server.runtime.runPromise(benchShopIfEmpty(benchShopId(i)))
console.log(`READY ${server.port}`)
const stop = () => {
  void server.close().then(() => process.exit(0))
}
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
