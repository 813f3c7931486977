/**
 * Benchmark 4: send-message end to end on the Node server (child process, temp libSQL file, loopback), driven
 * by autocannon in another process under rising load; the throughput at one connection and at which p99 passes
 * 20 ms, against a bare Hono handler doing one libSQL insert, measured step by step in the same run. Then group
 * commit: sixteen senders on one shop at once against the bare handler's sixteen concurrent inserts.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { repoRoot, start } from "../child.ts"
import { type Knee, type LoadResult, load, openChats, rising } from "../shop.ts"
import { result, type Suite } from "../suite.ts"

const P99_MS = 20
const SENDERS = 16

/** The Node flags `npm start` runs the server with (heap sizing…), so the benchmarks run it the same way. */
export const startFlags = (): Array<string> => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "packages/edge/package.json"), "utf8")) as {
    scripts: { start: string }
  }
  return pkg.scripts.start.split(/\s+/).filter((a) => a.startsWith("--") && !a.startsWith("--conditions"))
}

export const startInbox = async (dir: string, dbUrl?: string, env: Record<string, string> = {}) => {
  const server = start([...startFlags(), "bench/servers/inbox.ts"], {
    env: { BENCH_DATA_DIR: dir, ...(dbUrl === undefined ? {} : { BENCH_DB_URL: dbUrl }), ...env },
  })
  const port = (await server.waitFor(/READY (\d+)/, 120_000))[1]
  return { server, base: `http://127.0.0.1:${port}` }
}

export const startBare = async (dir: string) => {
  const server = start(["bench/servers/bare.ts"], { env: { BENCH_DATA_DIR: dir } })
  const port = (await server.waitFor(/READY (\d+)/))[1]
  return { server, url: `http://127.0.0.1:${port}/messages` }
}

export const describeSteps = (k: Knee): string =>
  k.steps
    .map(
      (s) => `c${s.connections}:${Math.round(s.rps)}/s@p99=${s.p99}ms${s.non2xx + s.errors > 0 ? "!" : ""}`,
    )
    .join(",")

export const http: Suite = {
  name: "http",
  run: async ({ quick }) => {
    const dir = mkdtempSync(join(tmpdir(), "inbox-bench-http-"))
    const inbox = await startInbox(dir)
    const bare = await startBare(dir)
    try {
      const tokens = await openChats(inbox.base, 50)
      const [app, baseline] = (await rising(
        [
          { url: `${inbox.base}/api/store/chat/messages`, tokens },
          { url: bare.url, tokens: [] },
        ],
        { connections: quick ? [1, 4, 16] : [1, 2, 4, 8, 16, 32], seconds: quick ? 2 : 5, p99Ms: P99_MS },
      )) as [Knee, Knee]
      const peak = (k: Knee) => Math.max(0, ...k.steps.map((s) => s.rps))
      const single = (k: Knee) => k.steps.find((s) => s.connections === 1)
      // Group commit: alternated runs of sixteen closed-loop senders, so both see the same machine noise.
      const grouped: Array<LoadResult> = []
      const bareGrouped: Array<LoadResult> = []
      for (let round = 0; round < 2; round++) {
        const seconds = quick ? 3 : 5
        grouped.push(
          await load({
            url: `${inbox.base}/api/store/chat/messages`,
            tokens,
            rate: 0,
            seconds,
            connections: SENDERS,
          }),
        )
        bareGrouped.push(await load({ url: bare.url, tokens: [], rate: 0, seconds, connections: SENDERS }))
      }
      const mean = (rs: ReadonlyArray<LoadResult>) => rs.reduce((n, r) => n + r.rps, 0) / rs.length
      const failures = grouped.reduce((n, r) => n + r.non2xx + r.errors, 0)
      return [
        result({
          name: "http: send message, 1 connection (Node)",
          unit: "req/s",
          value: single(app)?.rps ?? 0,
          baseline: single(baseline)?.rps ?? 0,
          target: "≥ 50% of bare Hono + 1 insert",
          met: (single(baseline)?.rps ?? 0) > 0 && (single(app)?.rps ?? 0) / single(baseline)!.rps >= 0.5,
          extra: {
            p99Ms: single(app)?.p99 ?? Number.NaN,
            baselineP99Ms: single(baseline)?.p99 ?? Number.NaN,
          },
        }),
        result({
          name: `group commit: send message, ${SENDERS} senders on one shop vs bare Hono + 1 insert (Node)`,
          unit: "req/s",
          value: mean(grouped),
          baseline: mean(bareGrouped),
          target: "≥ 100% of bare Hono + 1 insert",
          met: failures === 0 && mean(bareGrouped) > 0 && mean(grouped) >= mean(bareGrouped),
          extra: {
            p50Ms: grouped[grouped.length - 1]!.p50,
            p99Ms: grouped[grouped.length - 1]!.p99,
            baselineP99Ms: bareGrouped[bareGrouped.length - 1]!.p99,
            runs: grouped.map((r, i) => `${Math.round(r.rps)}vs${Math.round(bareGrouped[i]!.rps)}`).join(","),
            failed: failures,
          },
        }),
        result({
          name: "http: send message, peak throughput vs bare Hono + 1 insert (Node)",
          unit: "req/s",
          value: peak(app),
          baseline: peak(baseline),
          target: "≥ 50% of bare Hono + 1 insert",
          met: peak(baseline) > 0 && peak(app) / peak(baseline) >= 0.5,
          extra: { steps: describeSteps(app), baselineSteps: describeSteps(baseline) },
        }),
        result({
          name: "http: send message, throughput while p99 ≤ 20 ms (Node)",
          unit: "req/s",
          value: app.rate,
          baseline: baseline.rate,
          target: "≥ 50% of bare Hono + 1 insert",
          met: baseline.rate > 0 && app.rate / baseline.rate >= 0.5,
          extra: {
            p50Ms: app.at?.p50 ?? Number.NaN,
            p90Ms: app.at?.p90 ?? Number.NaN,
            p99Ms: app.at?.p99 ?? Number.NaN,
            baselineP99Ms: baseline.at?.p99 ?? Number.NaN,
          },
        }),
      ]
    } finally {
      await inbox.server.stop()
      await bare.server.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
