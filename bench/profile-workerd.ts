/**
 * `node --conditions=@inbox/source bench/profile-workerd.ts [--requests N] [--connections C] [--shop ID]
 * [--out FILE]`: where the time goes inside workerd on the edge benchmark's flow (send message: the Worker →
 * the shop's Durable Object → the app over the object's SQLite). Starts the bench Worker (workerd.ts), warms
 * it, runs the load once without the profiler (its sampling slows the isolate) and prints the CPU the workerd
 * process spent per request (/proc), then again while sampling the isolate over the Chrome DevTools
 * protocol (Profiler.start/stop) and prints the isolate's busy time per request, self time by module and by
 * function, and the time under each module (inclusive). Writes the profile (open it in Chrome DevTools) to
 * `--out`, default reports/workerd.cpuprofile, and the bundle its line numbers refer to beside it (`.js`).
 * `--attach BASE,WS` profiles a workerd already running (its inspector's `ws://…`) instead.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import WebSocket from "ws"
import { repoRoot } from "./child.ts"
import { load, openChats } from "./shop.ts"
import { startWorkerd, type Workerd } from "./workerd.ts"

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const requests = Number(flag("--requests") ?? 400)
const connections = Number(flag("--connections") ?? 4)
const out = flag("--out") ?? join(repoRoot, "reports", "workerd.cpuprofile")
const attach = flag("--attach")
const interval = Number(flag("--interval") ?? 500)
/** The demo shop, or one of the many-shops benchmark's empty ones (`bench-shop-1`). */
const shop = flag("--shop") ?? "demo"

interface CallFrame {
  readonly functionName: string
  readonly scriptId: string
  readonly url: string
  readonly lineNumber: number
}
interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly startTime: number
  readonly endTime: number
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** One Chrome DevTools protocol session: `send` answers the command's result. */
const devtools = async (url: string) => {
  const ws = new WebSocket(url)
  await new Promise<void>((ok, fail) => {
    ws.once("open", () => ok())
    ws.once("error", fail)
  })
  let next = 1
  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>()
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } }
    if (msg.id === undefined) return
    const p = pending.get(msg.id)
    pending.delete(msg.id)
    if (msg.error !== undefined) p?.fail(new Error(msg.error.message))
    else p?.ok(msg.result)
  })
  return {
    send: <A>(method: string, params: Record<string, unknown> = {}): Promise<A> =>
      new Promise<A>((ok, fail) => {
        const id = next++
        pending.set(id, { ok: ok as (v: unknown) => void, fail })
        ws.send(JSON.stringify({ id, method, params }))
      }),
    close: () => ws.close(),
  }
}

/** User + system CPU of a process in ms (clock ticks of 10 ms); 0 once it is gone. */
const cpuMs = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

/** A load run, with the CPU each given process spent on it per request. */
const measured = async (
  spec: Parameters<typeof load>[0],
  processes: ReadonlyArray<{ pid: number; name: string }>,
) => {
  const before = processes.map((p) => cpuMs(p.pid))
  const run = await load(spec)
  const cpu = processes.map(
    (p, i) => `${p.name} ${p.pid}: ${((cpuMs(p.pid) - before[i]!) / Math.max(1, run.total)).toFixed(2)}`,
  )
  const line = `${run.total} requests, ${run.rps.toFixed(1)} req/s at ${spec.connections} connections, p50 ${run.p50} ms, p99 ${run.p99} ms, failed ${run.non2xx + run.errors}${cpu.length > 0 ? `; CPU ms/request: ${cpu.join(", ")}` : ""}`
  return { run, line }
}

/**
 * Which source module each line of a bundled script came from: esbuild (wrangler's bundler) starts each module
 * with a `// path` comment line.
 */
const moduleLines = (source: string): ((line: number) => string) => {
  const starts: Array<{ line: number; module: string }> = []
  source.split("\n").forEach((text, line) => {
    const m = /^\/\/ ((?:\.\.\/)*(?:node_modules|packages|bench)\/\S+)$/.exec(text)
    if (m !== null) starts.push({ line, module: m[1]!.replace(/^(\.\.\/)+/, "") })
  })
  return (line) => {
    let lo = 0
    let hi = starts.length - 1
    let found = "(bundle)"
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }
}

/** A module shortened to what the table groups by: the npm package, or the edge/core source file. */
const groupOf = (module: string): string => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)
  if (pkg !== null) return pkg[1]!
  return module.replace(/^packages\//, "")
}

/** Samples where the isolate's thread waited; "(program)" is native work for it (HTTP, streams, SQLite). */
const IDLE = new Set(["(idle)"])

const summarise = async (
  profile: Profile,
  sourceOf: (scriptId: string) => Promise<string>,
  served: number,
) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const scripts = new Map<string, (line: number) => string>()
  let bundle = ""
  for (const n of profile.nodes) {
    const id = n.callFrame.scriptId
    if (id === "0" || scripts.has(id)) continue
    const source = await sourceOf(id).catch(() => "")
    if (source.length > bundle.length) bundle = source
    scripts.set(id, moduleLines(source))
  }
  // The bundle beside the profile: the line numbers below are its lines.
  writeFileSync(`${out}.js`, bundle)
  const moduleOf = (n: ProfileNode): string => {
    const f = n.callFrame
    if (f.scriptId === "0" || f.url === "") return f.functionName === "" ? "(native)" : f.functionName
    return groupOf(scripts.get(f.scriptId)?.(f.lineNumber) ?? f.url)
  }
  const selfByFn = new Map<string, number>()
  const selfByModule = new Map<string, number>()
  const underModule = new Map<string, number>()
  let busy = 0
  let idle = 0
  profile.samples.forEach((id, i) => {
    // A sample lasts until the next one; a gap far longer than the interval is the sampler pausing (the isolate
    // had nothing to run), not the sampled function running.
    const ms = Math.min(profile.timeDeltas[i + 1] ?? 0, 10 * interval) / 1000
    const node = byId.get(id)!
    if (IDLE.has(node.callFrame.functionName)) {
      idle += ms
      return
    }
    busy += ms
    const mod = moduleOf(node)
    const fn = `${node.callFrame.functionName || "(anonymous)"}  ${mod}:${node.callFrame.lineNumber + 1}`
    selfByFn.set(fn, (selfByFn.get(fn) ?? 0) + ms)
    selfByModule.set(mod, (selfByModule.get(mod) ?? 0) + ms)
    const seen = new Set<string>()
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const m = moduleOf(byId.get(n)!)
      if (!seen.has(m)) underModule.set(m, (underModule.get(m) ?? 0) + ms)
      seen.add(m)
    }
  })
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, ms]) =>
          `  ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${(ms / served).toFixed(3).padStart(7)} ms/req  ${k}`,
      )
      .join("\n")
  return [
    `isolate: ${(busy / served).toFixed(2)} ms of the isolate's thread per request, JS and native work for it (${busy.toFixed(0)} ms busy, ${idle.toFixed(0)} ms idle over ${served} requests)`,
    `self time by module:\n${top(selfByModule, 25)}`,
    `time under each module (inclusive):\n${top(underModule, 30)}`,
    `self time by function:\n${top(selfByFn, 40)}`,
  ].join("\n\n")
}

const dir = mkdtempSync(join(tmpdir(), "inbox-profile-workerd-"))
let workerd: Workerd | null = null
try {
  const [base, inspector] =
    attach === undefined
      ? await startWorkerd(dir).then((w) => {
          workerd = w
          return [w.base, w.inspector] as const
        })
      : (attach.split(",") as [string, string])
  const url = `${base}/api/store/chat/messages`
  // Each chat sends 2 + 13 + 13 messages: under the edge's per-session burst limit of 30.
  const tokens = await openChats(base, Math.ceil(requests / 13), shop)
  // Warm-up as the edge benchmark does (JIT, the object's first start), then the measured load.
  await load({ url, tokens, rate: 0, seconds: 0, connections: 2, amount: tokens.length * 2 })
  const pid = (workerd as Workerd | null)?.pid ?? null
  const processes = pid === null ? [] : [{ pid, name: "workerd" }]
  const spec = { url, tokens, rate: 0, seconds: 0, connections, amount: requests }
  // First without the profiler (its sampling slows the isolate several times over), then profiled.
  console.log(`unprofiled: ${(await measured(spec, processes)).line}`)
  const cdp = await devtools(inspector)
  await cdp.send("Debugger.enable")
  await cdp.send("Profiler.enable")
  await cdp.send("Profiler.setSamplingInterval", { interval: interval })
  await cdp.send("Profiler.start")
  const { run, line } = await measured(spec, processes)
  const { profile } = await cdp.send<{ profile: Profile }>("Profiler.stop")
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify(profile))
  const served = run.total
  console.log(`profiled (every ${interval} µs): ${line}`)
  console.log(
    await summarise(
      profile,
      (scriptId) =>
        cdp
          .send<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId })
          .then((r) => r.scriptSource),
      served,
    ),
  )
  console.log(`\nprofile: ${out}`)
  cdp.close()
} finally {
  await (workerd as Workerd | null)?.stop()
  rmSync(dir, { recursive: true, force: true })
}
