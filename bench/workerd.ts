/**
 * The edge benchmarks' workerd: `wrangler dev --local` (offline) on the bench Worker (the demo Worker plus the
 * many-shops benchmark's empty shops, one Durable Object each), with its state in `dir`. Used by the edge
 * suite and by the CPU profiler (profile-workerd.ts), which attaches to the inspector port.
 */
import { join } from "node:path"
import { type Child, freePort, repoRoot, start } from "./child.ts"

export const wrangler = join(repoRoot, "node_modules", ".bin", "wrangler")
/**
 * Offline, and without wrangler's local observability: by default it traces every request, subrequest and SQL
 * statement of the Worker as a span that a collector Worker in the same workerd writes to a SQLite trace store,
 * which costs the isolate more than the statement itself (the Node server under the same load traces nothing).
 */
export const offline = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "1",
  X_LOCAL_OBSERVABILITY: "false",
}

export interface Workerd {
  readonly base: string
  /** The Chrome DevTools protocol of the Worker's isolate (Durable Objects included): `ws://…/ws`. */
  readonly inspector: string
  readonly child: Child
  readonly stop: () => Promise<void>
}

/** Polls the health check (wrangler says "Ready" only at the info log level) for up to two minutes. */
const ready = async (base: string, child: Child): Promise<void> => {
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    if (child.proc.exitCode !== null) throw new Error(`wrangler exited: ${child.output().slice(-800)}`)
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((wake) => setTimeout(wake, 250))
  }
  throw new Error(`wrangler not ready after 120 s: ${child.output().slice(-800)}`)
}

export const startWorkerd = async (dir: string): Promise<Workerd> => {
  const port = await freePort()
  const inspectorPort = await freePort()
  const child = start(
    [
      "dev",
      "bench/fixtures/shops-worker.ts",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      join(dir, "state"),
      "--show-interactive-dev-session=false",
      // No line per request (the Node server under the same load logs nothing either); warnings still show.
      "--log-level",
      "warn",
      "--var",
      "INBOX_SESSION_SECRET:bench-session-secret",
    ],
    { command: wrangler, env: offline },
  )
  const base = `http://127.0.0.1:${port}`
  try {
    await ready(base, child)
  } catch (e) {
    await child.stop()
    throw e
  }
  return {
    base,
    inspector: `ws://127.0.0.1:${inspectorPort}/ws`,
    child,
    stop: () => child.stop(),
  }
}
