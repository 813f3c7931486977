/**
 * Benchmark 4: send-message end to end on the Node server (child process, temp libSQL file, loopback), driven
 * by autocannon in another process under rising load; the throughput at which p99 passes 20 ms, against a
 * bare Hono handler doing one libSQL insert, measured step by step in the same run.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { repoRoot, start } from "../child.ts"
import { type Knee, openChats, rising } from "../shop.ts"
import { result, type Suite } from "../suite.ts"

const P99_MS = 20

/** The Node flags `npm start` runs the server with (heap sizing…), so the benchmarks run it the same way. */
export const startFlags = (): Array<string> => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "packages/edge/package.json"), "utf8")) as {
    scripts: { start: string }
  }
  return pkg.scripts.start.split(/\s+/).filter((a) => a.startsWith("--") && !a.startsWith("--conditions"))
}

export const startInbox = async (dir: string, dbUrl?: string) => {
  const server = start([...startFlags(), "bench/servers/inbox.ts"], {
    env: { BENCH_DATA_DIR: dir, ...(dbUrl === undefined ? {} : { BENCH_DB_URL: dbUrl }) },
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
      return [
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
