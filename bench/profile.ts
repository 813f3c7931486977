/**
 * `node --conditions=@inbox/source bench/profile.ts [--connections N] [--seconds S] [--top K] [--no-profile]
 * [--bare] [--save FILE] [--callers NAME]`: the HTTP benchmark's send-message load against the Node server
 * (the `npm start` flags; `--bare`: the baseline handler), printing the server's CPU time per message (user+sys
 * from /proc, steadier than req/s while other processes share the machine) and its CPU profile's top functions
 * by package, self and inclusive time; `--callers NAME` adds who calls the functions whose name contains NAME.
 * The profile covers the measured run only (started and stopped over the inspector), not start-up or warm-up;
 * `--save` keeps it for DevTools, `--print FILE` reads a saved one (or Node's `--cpu-prof` output) instead.
 * `--against DIR [--rounds R]`: no profile; this checkout's server and DIR's (another checkout, e.g. main's)
 * run side by side, loaded in alternating slices of `--seconds`, so both see the same machine noise; prints
 * each one's median CPU per message. CPU time inflates when the machine is busy: compare within one run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { repoRoot, start } from "./child.ts"
import { load, openChats } from "./shop.ts"
import { startFlags } from "./suites/http.ts"

const args = process.argv.slice(2)
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const connections = flag("--connections", 16)
const seconds = flag("--seconds", 10)
const top = flag("--top", 30)
const option = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const profile = !args.includes("--no-profile")
const bare = args.includes("--bare")
const printFile = option("--print")
const saveFile = option("--save")
const callersOf = option("--callers")
const against = option("--against")
const rounds = flag("--rounds", 6)

/** A process's CPU time in ms, user and system (utime, stime of /proc/<pid>/stat, in clock ticks of 10 ms). */
const cpuMs = (pid: number): { user: number; sys: number } => {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10 }
}

interface Node {
  readonly id: number
  readonly callFrame: { functionName: string; url: string; lineNumber: number }
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<Node>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** The server's inspector (it prints its WebSocket address on stderr), spoken to over DevTools' protocol. */
const inspect = async (child: ReturnType<typeof start>) => {
  const address = (await child.waitFor(/Debugger listening on (ws:\/\/\S+)/))[1]!
  const socket = new WebSocket(address)
  await new Promise((ok, fail) => {
    socket.onopen = ok
    socket.onerror = fail
  })
  let next = 0
  const pending = new Map<number, (result: Record<string, unknown>) => void>()
  socket.onmessage = (m) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: Record<string, unknown> }
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result ?? {})
  }
  return {
    call: (method: string, params: Record<string, unknown> = {}) =>
      new Promise<Record<string, unknown>>((ok) => {
        const id = ++next
        pending.set(id, ok)
        socket.send(JSON.stringify({ id, method, params }))
      }),
    close: () => socket.close(),
  }
}

interface Server {
  readonly child: ReturnType<typeof start>
  readonly url: string
  readonly tokens: ReadonlyArray<string>
  readonly dir: string
}

/** The inbox (or bare) server of the checkout in `cwd`, with 50 shopper chats open, warmed up. */
const startServer = async (cwd: string, inspect: boolean): Promise<Server> => {
  const dir = mkdtempSync(join(tmpdir(), "inbox-profile-"))
  const child = start(
    [
      ...(bare ? [] : startFlags()),
      ...(inspect ? ["--inspect=127.0.0.1:0"] : []),
      bare ? "bench/servers/bare.ts" : "bench/servers/inbox.ts",
    ],
    { env: { BENCH_DATA_DIR: dir }, cwd },
  )
  const port = (await child.waitFor(/READY (\d+)/, 120_000))[1]
  const base = `http://127.0.0.1:${port}`
  const url = bare ? `${base}/messages` : `${base}/api/store/chat/messages`
  const tokens = bare ? [] : await openChats(base, 50)
  // Warm-up: JIT and the file cache, so the measured run is the steady state.
  await load({ url, tokens, rate: 0, seconds: 3, connections })
  return { child, url, tokens, dir }
}

const stopServer = async (s: Server) => {
  await s.child.stop()
  rmSync(s.dir, { recursive: true, force: true })
}

/** One measured load run: the server's CPU per message over it. */
const slice = async (s: Server) => {
  const pid = s.child.proc.pid!
  const before = cpuMs(pid)
  const r = await load({ url: s.url, tokens: s.tokens, rate: 0, seconds, connections })
  const after = cpuMs(pid)
  const perMessage = (ms: number) => (ms * 1000) / Math.max(1, r.total)
  return {
    r,
    cpu: perMessage(after.user + after.sys - before.user - before.sys),
    user: perMessage(after.user - before.user),
    sys: perMessage(after.sys - before.sys),
  }
}

/** Starts the server, loads it, and returns its CPU profile over the measured run (when profiling). */
const measure = async (): Promise<Profile | undefined> => {
  const server = await startServer(repoRoot, profile)
  try {
    const inspector = profile ? await inspect(server.child) : null
    await inspector?.call("Profiler.enable")
    await inspector?.call("Profiler.start")
    const { r, cpu, user, sys } = await slice(server)
    const cpuProfile = (await inspector?.call("Profiler.stop"))?.profile as Profile | undefined
    inspector?.close()
    console.log(
      `${bare ? "bare" : "inbox"} c${connections}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
        `${r.total} requests (${r.non2xx + r.errors} failed); server CPU ${cpu.toFixed(0)} µs/message ` +
        `(user ${user.toFixed(0)}, sys ${sys.toFixed(0)})`,
    )
    return cpuProfile
  } finally {
    await stopServer(server)
  }
}

/** This checkout's server against another checkout's, in alternating slices. */
const compare = async (other: string) => {
  const servers = { this: await startServer(repoRoot, false), [other]: await startServer(other, false) }
  const cpu: Record<string, Array<number>> = {}
  try {
    for (let round = 0; round < rounds; round++) {
      // Who goes first alternates too, so neither always runs right after the other's burst.
      const order = Object.entries(servers)
      if (round % 2 === 1) order.reverse()
      for (const [name, s] of order) {
        const measured = (await slice(s)).cpu
        cpu[name] = [...(cpu[name] ?? []), measured]
      }
    }
  } finally {
    for (const s of Object.values(servers)) await stopServer(s)
  }
  const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  for (const [name, xs] of Object.entries(cpu))
    console.log(
      `${name} c${connections}: median ${median(xs).toFixed(0)} µs CPU/message [${xs.map((x) => x.toFixed(0)).join(" ")}]`,
    )
  console.log(`this / ${other}: ${((100 * median(cpu.this!)) / median(cpu[other]!)).toFixed(0)}%`)
}

/** The top functions of a profile: self time by package, self and inclusive time by function, callers of some. */
const report = (prof: Profile) => {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  for (const [i, id] of prof.samples.entries()) self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0))
  // Shares of the busy time: the idle samples (waiting for the network or the disk) are left out.
  const idle = prof.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id)
  for (const id of idle) self.delete(id)
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const parent = new Map<number, number>()
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const short = (url: string) => url.replace(/^.*node_modules\//, "").replace(/^.*\/packages\//, "")
  const keyOf = (n: Node) =>
    `${n.callFrame.functionName || "(anonymous)"} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
  const selfBy = new Map<string, number>()
  const inclusiveBy = new Map<string, number>()
  for (const [id, t] of self) {
    const key = keyOf(byId.get(id)!)
    selfBy.set(key, (selfBy.get(key) ?? 0) + t)
    // Each function counts once per sample however deep it recurses.
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(byId.get(at)!)
      if (seen.has(k)) continue
      seen.add(k)
      inclusiveBy.set(k, (inclusiveBy.get(k) ?? 0) + t)
    }
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`)
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`)
  }
  // By package: where the time goes at a glance (effect, hono, libsql, ours, node internals, GC).
  const bucket = (url: string, name: string) =>
    url === ""
      ? `(${name || "native"})`
      : url.includes("node_modules/")
        ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1")
        : url.startsWith("node:")
          ? "node:internal"
          : url.includes("/packages/")
            ? url.replace(/^.*\/packages\/([^/]+\/src\/[^/]+).*$/, "$1")
            : url
  const byPackage = new Map<string, number>()
  for (const [id, t] of self) {
    const n = byId.get(id)!
    const k = bucket(n.callFrame.url, n.callFrame.functionName)
    byPackage.set(k, (byPackage.get(k) ?? 0) + t)
  }
  console.log(`\nbusy ${(total / 1000).toFixed(0)} ms of the profile (idle left out)`)
  print("self time by package", byPackage)
  print("self time", selfBy)
  print("inclusive time", inclusiveBy)
  if (callersOf !== undefined) {
    // The call paths (three frames up) into each matching function, by the time spent under it.
    const paths = new Map<string, number>()
    for (const [id, t] of self)
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        if (!byId.get(at)!.callFrame.functionName.includes(callersOf)) continue
        const chain: Array<string> = []
        for (let up = parent.get(at); up !== undefined && chain.length < 3; up = parent.get(up))
          chain.push(keyOf(byId.get(up)!))
        const k = `${keyOf(byId.get(at)!)} <- ${chain.join(" <- ")}`
        paths.set(k, (paths.get(k) ?? 0) + t)
        break
      }
    print(`callers of ${callersOf}`, paths)
  }
}

const captured =
  against !== undefined
    ? await compare(against)
    : printFile === undefined
      ? await measure()
      : (JSON.parse(readFileSync(printFile, "utf8")) as Profile)
if (captured !== undefined) {
  if (saveFile !== undefined) writeFileSync(saveFile, JSON.stringify(captured))
  report(captured)
}
