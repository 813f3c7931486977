/**
 * Benchmark 6: the edge. Send-message inside workerd (the Worker as `wrangler deploy` bundles it, in one workerd
 * configured by Miniflare from wrangler.toml, the load on its own socket: no `wrangler dev` proxy, see
 * bench/workerd.ts) through the shop's Durable Object, as a ratio against the Node server under the same load
 * in the same run; the same on 1, 2, 4 (full: 8) shops at once, four senders each, on both (one Durable Object
 * per shop in workerd, one writer per shop in the Node process), against one shop; and the Worker bundle gzipped (`wrangler deploy --dry-run`),
 * against a bare Hono worker built the same way.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { repoRoot, start } from "../child.ts"
import { benchShopId } from "../fixtures/benchShops.ts"
import { type LoadResult, load, openChats } from "../shop.ts"
import { result, type Suite } from "../suite.ts"
import { bundle, startWorkerd } from "../workerd.ts"
import { startInbox } from "./http.ts"

/** Gzipped size in bytes of every module wrangler wrote (source maps and metadata excluded). */
const gzippedBundle = async (args: ReadonlyArray<string>): Promise<number> => {
  const out = mkdtempSync(join(tmpdir(), "inbox-bench-bundle-"))
  try {
    await bundle(out, args)
    let total = 0
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (!f.endsWith(".map") && !f.endsWith(".json"))
          total += gzipSync(readFileSync(p), { level: 9 }).length
      }
    }
    walk(out)
    return total
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

const throughput = async (base: string, tokens: ReadonlyArray<string>, quick: boolean) => {
  const url = `${base}/api/store/chat/messages`
  // Each chat session may send 30 messages in a burst (the edge's abuse limit): stay under it.
  const amount = Math.min(tokens.length * 25, quick ? 240 : 600)
  await load({ url, tokens, rate: 0, seconds: 1, connections: 2, amount: tokens.length })
  return load({ url, tokens, rate: 0, seconds: 0, connections: 4, amount: amount - tokens.length })
}

const SENDERS_PER_SHOP = 4
const CHATS_PER_SHOP = 24
/** Messages per chat at each step: with the warm-up, 1 + 7 × 4 steps stays under the edge's burst of 30. */
const PER_CHAT_PER_STEP = 7

/** Round-robin over the shops, so consecutive requests go to different shops. */
const interleave = (perShop: ReadonlyArray<ReadonlyArray<string>>): Array<string> =>
  Array.from({ length: Math.max(0, ...perShop.map((t) => t.length)) }, (_, i) =>
    perShop.flatMap((t) => (i < t.length ? [t[i]!] : [])),
  ).flat()

/** Throughput with `n` shops busy at once, four senders each (every chat warmed by one message first). */
const onShops = async (
  base: string,
  perShop: ReadonlyArray<ReadonlyArray<string>>,
  counts: ReadonlyArray<number>,
): Promise<Array<{ shops: number } & LoadResult>> => {
  const url = `${base}/api/store/chat/messages`
  const all = interleave(perShop)
  await load({ url, tokens: all, rate: 0, seconds: 0, connections: 4, amount: all.length })
  const out: Array<{ shops: number } & LoadResult> = []
  for (const n of counts) {
    const tokens = interleave(perShop.slice(0, n))
    // Under the per-session burst limit of the edge (30), and the same amount of work per shop at every step.
    const r = await load({
      url,
      tokens,
      rate: 0,
      seconds: 0,
      connections: SENDERS_PER_SHOP * n,
      amount: tokens.length * PER_CHAT_PER_STEP,
    })
    out.push({ shops: n, ...r })
  }
  return out
}

const describeShops = (runs: ReadonlyArray<{ shops: number } & LoadResult>): string =>
  runs
    .map((r) => `${r.shops}:${Math.round(r.rps)}/s@p99=${r.p99}ms${r.non2xx + r.errors > 0 ? "!" : ""}`)
    .join(",")

const grows = (name: string, runs: ReadonlyArray<{ shops: number } & LoadResult>) => {
  const one = runs[0]!
  const most = runs[runs.length - 1]!
  const failed = runs.reduce((n, r) => n + r.non2xx + r.errors, 0)
  return result({
    name,
    unit: "req/s",
    value: most.rps,
    baseline: one.rps,
    target: "grows with shops: > 100% of 1 shop",
    met: failed === 0 && one.rps > 0 && most.rps > one.rps,
    extra: { shops: describeShops(runs), sendersPerShop: SENDERS_PER_SHOP, failed },
  })
}

export const edge: Suite = {
  name: "edge",
  run: async ({ quick }) => {
    if (!existsSync(join(repoRoot, "packages/web/dist/index.html"))) {
      // wrangler serves the web build as assets: build it once on a clean clone.
      const build = start(["run", "-s", "build:web"], { command: "npm" })
      await new Promise<void>((ok) => build.proc.once("exit", () => ok()))
    }
    const bundle = await gzippedBundle([])
    const bareBundle = await gzippedBundle(["-c", join(repoRoot, "bench/fixtures/wrangler.bare.toml")])

    const dir = mkdtempSync(join(tmpdir(), "inbox-bench-edge-"))
    const counts = quick ? [1, 2, 4] : [1, 2, 4, 8]
    const most = counts[counts.length - 1]!
    const dev = await startWorkerd(dir)
    let edgeRun: Awaited<ReturnType<typeof load>>
    let nodeRun: Awaited<ReturnType<typeof load>>
    let edgeShops: Array<{ shops: number } & LoadResult>
    let nodeShops: Array<{ shops: number } & LoadResult>
    try {
      const base = dev.base
      const tokens = await openChats(base, quick ? 24 : 48)
      const node = await startInbox(dir, undefined, { BENCH_SHOPS: String(most) })
      try {
        const nodeTokens = await openChats(node.base, tokens.length)
        edgeRun = await throughput(base, tokens, quick)
        nodeRun = await throughput(node.base, nodeTokens, quick)
        const shopIds = Array.from({ length: most }, (_, i) => i + 1)
        const edgeTokens = await Promise.all(
          shopIds.map((i) => openChats(base, CHATS_PER_SHOP, benchShopId(i))),
        )
        const nodeShopTokens = await Promise.all(
          shopIds.map((i) => openChats(node.base, CHATS_PER_SHOP, benchShopId(i))),
        )
        edgeShops = await onShops(base, edgeTokens, counts)
        nodeShops = await onShops(node.base, nodeShopTokens, counts)
      } finally {
        await node.server.stop()
      }
    } finally {
      await dev.stop()
      rmSync(dir, { recursive: true, force: true })
    }
    const failed = edgeRun.non2xx + edgeRun.errors
    return [
      result({
        name: "edge: send message in workerd + Durable Object vs Node",
        unit: "req/s",
        value: edgeRun.rps,
        baseline: nodeRun.rps,
        target: "≥ 80% of Node",
        met: failed === 0 && nodeRun.rps > 0 && edgeRun.rps / nodeRun.rps >= 0.8,
        extra: {
          p50Ms: edgeRun.p50,
          p90Ms: edgeRun.p90,
          p99Ms: edgeRun.p99,
          nodeP50Ms: nodeRun.p50,
          nodeP99Ms: nodeRun.p99,
          requests: edgeRun.total,
          failed,
          connections: 4,
        },
      }),
      grows("shops: send message on more shops at once (workerd, a Durable Object each)", edgeShops),
      grows("shops: send message on more shops at once (Node, one writer per shop)", nodeShops),
      result({
        name: "edge: worker bundle, gzipped",
        unit: "KB",
        value: bundle / 1024,
        baseline: bareBundle / 1024,
        higherIsBetter: false,
        target: "≤ 1 MB",
        met: bundle <= 1024 * 1024,
        extra: { baselineIs: "bare Hono worker" },
      }),
    ]
  },
}
