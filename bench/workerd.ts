/**
 * The edge benchmarks' workerd: the bench Worker (the demo Worker plus the many-shops benchmark's empty shops,
 * one Durable Object each) bundled as `wrangler deploy` bundles it, served by one workerd that Miniflare
 * configures from wrangler.toml (the bindings `wrangler dev` would give it: the shops' SQLite Durable Objects,
 * R2, the assets router), with its state in `dir`. The load reaches that workerd's own socket, as a request
 * reaches a deployed Worker: `wrangler dev` would put its local proxy (a second workerd, ~2 ms of CPU per
 * request on the same cores, plus its Node process) and its dev-only middleware in the bundle in front of it,
 * neither of which exists in production, and the Node server under the same load has no proxy either. Used by
 * the edge suite and by the CPU profiler (profile-workerd.ts), which attaches to the inspector port.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { convertV4MiniflareOptions, Miniflare } from "miniflare"
import { unstable_getMiniflareWorkerOptions } from "wrangler"
import { freePort, repoRoot, start } from "./child.ts"

export const wrangler = join(repoRoot, "node_modules", ".bin", "wrangler")
/** Offline, and no telemetry. */
export const offline = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "1",
  X_LOCAL_OBSERVABILITY: "false",
}

/** Bundles a Worker into `outdir` as `wrangler deploy` would (`args`: its entry or `-c` config), uploading nothing. */
export const bundle = async (outdir: string, args: ReadonlyArray<string>): Promise<void> => {
  const child = start(["deploy", "--dry-run", "--outdir", outdir, ...args], {
    command: wrangler,
    env: offline,
  })
  await new Promise<void>((ok) => child.proc.once("exit", () => ok()))
  if (child.proc.exitCode !== 0)
    throw new Error(`wrangler deploy --dry-run failed: ${child.output().slice(-600)}`)
}

export interface Workerd {
  readonly base: string
  /** The Chrome DevTools protocol of the Worker's isolate (Durable Objects included): `ws://…`. */
  readonly inspector: string
  /** The workerd process serving the Worker (to read its CPU time). */
  readonly pid: number | null
  readonly stop: () => Promise<void>
}

/** The workerd processes this process started (Miniflare's). */
const workerdPids = (): Array<number> =>
  readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .flatMap((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, "utf8")
        const close = stat.lastIndexOf(")")
        const name = stat.slice(stat.indexOf("(") + 1, close)
        const parent = Number(stat.slice(close + 2).split(" ")[1])
        return name === "workerd" && parent === process.pid ? [Number(e)] : []
      } catch {
        return []
      }
    })

export const startWorkerd = async (dir: string): Promise<Workerd> => {
  const out = join(dir, "bundle")
  await bundle(out, ["bench/fixtures/shops-worker.ts"])
  const { workerOptions, externalWorkers } = unstable_getMiniflareWorkerOptions(
    join(repoRoot, "wrangler.toml"),
  )
  // The bundle's modules are listed (its migrations are text modules beside it), not found by rules.
  const { modulesRules: _rules, ...options } = workerOptions
  const modules = [
    { type: "ESModule" as const, path: join(out, "shops-worker.js") },
    ...readdirSync(out)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => ({ type: "Text" as const, path: join(out, f) })),
  ]
  const inspectorPort = await freePort()
  const before = new Set(workerdPids())
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      inspectorPort,
      resourcePersistencePath: join(dir, "state"),
      workers: [
        {
          ...options,
          name: "inbox",
          modulesRoot: out,
          modules,
          bindings: {
            ...(options.bindings as Record<string, unknown>),
            INBOX_SESSION_SECRET: "bench-session-secret",
          },
        },
        ...externalWorkers,
      ],
    }),
  )
  const url = await mf.ready
  const base = url.origin
  const list = (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`).then((r) => r.json())) as Array<{
    readonly id: string
    readonly webSocketDebuggerUrl: string
  }>
  // The user Worker's service (Miniflare names it core:user:<name>); the others are Miniflare's own.
  const inspector = list.find((t) => t.id.endsWith(":inbox"))?.webSocketDebuggerUrl ?? ""
  return {
    base,
    inspector,
    pid: workerdPids().find((p) => !before.has(p)) ?? null,
    stop: () => mf.dispose(),
  }
}
