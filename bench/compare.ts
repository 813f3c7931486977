/**
 * `node --conditions=@inbox/source --max-semi-space-size=2 bench/compare.ts DIR [--connections N]
 * [--messages M] [--rounds R]`: CPU per message of the send-message path of this checkout and of another (DIR,
 * e.g. a worktree of main), both servers in this one process (`app.fetch`, no HTTP), loaded in alternating
 * batches of M messages at N concurrent senders. Paired batches run milliseconds apart, so they share the
 * machine's noise, which on a shared machine moves CPU time by up to 40% across minutes; an A/A run (DIR =
 * this checkout) reads ~100%. Prints each side's median and the median of the paired ratios.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { repoRoot } from "./child.ts"

const args = process.argv.slice(2)
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const other = args[0]
if (other === undefined || other.startsWith("--")) throw new Error("usage: bench/compare.ts DIR [options]")
const connections = flag("--connections", 16)
const messages = flag("--messages", 320)
const rounds = flag("--rounds", 30)
const unlimited = { capacity: 1e9, refillPerSecond: 1e9 }

/** A checkout's Node server over a fresh libSQL file (demo shop), with 50 shopper chats open. */
const serverOf = async (root: string) => {
  const at = (path: string) => import(resolve(root, path))
  const { seedDemoIfEmpty } = await at("packages/edge/demo/seed.ts")
  const { channelsFrom } = await at("packages/edge/src/channels/config.node.ts")
  const Settings = await at("packages/edge/src/config/Settings.ts")
  const { startNodeServer } = await at("packages/edge/src/runtime/node.ts")
  const { openChats } = await at("bench/shop.ts")
  const dataDir = mkdtempSync(join(tmpdir(), "inbox-compare-"))
  const server = await startNodeServer({
    port: 0,
    hostname: "127.0.0.1",
    dbUrl: `file:${dataDir}/inbox.db`,
    sessionSecret: "bench-session-secret",
    webhookSecret: "bench-webhook-secret",
    dataDir,
    webDist: null,
    seed: seedDemoIfEmpty(),
    channels: channelsFrom(Settings.fromEnv({}), dataDir),
    log: () => {},
    rateLimits: { chat: unlimited, storefront: unlimited, login: unlimited, account: unlimited },
  })
  const tokens: ReadonlyArray<string> = await openChats(server.url, 50)
  let sent = 0
  const send = async () => {
    const i = sent++
    const body = JSON.stringify({
      clientMessageId: `c${i}`,
      text: "Where is my order? It was supposed to arrive yesterday.",
    })
    const r: Response = await server.app.fetch(
      new Request("http://127.0.0.1/api/store/chat/messages", {
        method: "POST",
        // A declared length, as HTTP clients send: the app checks it from the header.
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          authorization: `Bearer ${tokens[i % tokens.length]}`,
        },
        body,
      }),
    )
    if (r.status !== 201) throw new Error(`${root}: ${r.status} ${await r.text()}`)
    await r.arrayBuffer()
  }
  const batch = async (count: number) => {
    for (let i = 0; i < count / connections; i++) await Promise.all(Array.from({ length: connections }, send))
  }
  return {
    batch,
    close: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const roots = [repoRoot, resolve(other)]
const servers = [await serverOf(roots[0]!), await serverOf(roots[1]!)]
// Warm-up: JIT, the statement caches and the file cache of both.
for (const s of servers) await s.batch(4 * messages)
const cpu: [Array<number>, Array<number>] = [[], []]
for (let round = 0; round < rounds; round++)
  // Who goes first alternates, so neither always runs right after the other.
  for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
    const before = process.cpuUsage()
    await servers[i]!.batch(messages)
    const used = process.cpuUsage(before)
    cpu[i]!.push((used.user + used.system) / messages)
  }
for (const s of servers) await s.close()

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const [i, root] of roots.entries())
  console.log(`${root}: median ${median(cpu[i]!).toFixed(0)} µs CPU/message (c${connections})`)
const ratios = cpu[0].map((x, i) => x / cpu[1][i]!)
console.log(`this / other, median of paired ratios: ${(100 * median(ratios)).toFixed(1)}%`)
process.exit(0)
