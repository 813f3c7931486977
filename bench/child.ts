/**
 * Child processes for the benchmarks: servers and load generators run apart from the measuring process, so
 * neither steals the other's event loop. Also reads a process's resident memory from /proc.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const benchDir = dirname(fileURLToPath(import.meta.url))
export const repoRoot = join(benchDir, "..")

export interface Child {
  readonly proc: ChildProcess
  /** Everything written so far on stdout and stderr (for error messages). */
  readonly output: () => string
  /** Resolves with the first stdout line matching `pattern`, or rejects when the child exits first. */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>
  readonly stop: () => Promise<void>
}

/** Runs a TypeScript file (or any command when `command` is given) as a child process. */
export const start = (
  args: ReadonlyArray<string>,
  opts: { env?: Record<string, string>; command?: string; cwd?: string } = {},
): Child => {
  const proc = spawn(
    opts.command ?? process.execPath,
    opts.command === undefined ? ["--conditions=@inbox/source", ...args] : [...args],
    {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: opts.command !== undefined,
    },
  )
  let out = ""
  const waiters: Array<{ pattern: RegExp; ok: (m: RegExpMatchArray) => void }> = []
  const onData = (chunk: Buffer) => {
    out += chunk.toString()
    if (out.length > 200_000) out = out.slice(-100_000)
    for (const w of [...waiters]) {
      const m = out.match(w.pattern)
      if (m !== null) {
        waiters.splice(waiters.indexOf(w), 1)
        w.ok(m)
      }
    }
  }
  proc.stdout?.on("data", onData)
  proc.stderr?.on("data", onData)
  const exited = new Promise<void>((ok) => proc.once("exit", () => ok()))
  return {
    proc,
    output: () => out,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((ok, fail) => {
        const m = out.match(pattern)
        if (m !== null) return ok(m)
        const timer = setTimeout(
          () => fail(new Error(`timeout waiting for ${pattern}: ${out.slice(-500)}`)),
          timeoutMs,
        )
        waiters.push({
          pattern,
          ok: (x) => {
            clearTimeout(timer)
            ok(x)
          },
        })
        void exited.then(() => {
          clearTimeout(timer)
          fail(new Error(`child exited before ${pattern}: ${out.slice(-800)}`))
        })
      }),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      // A detached command (wrangler) is a process group: end the group it leads, and only it.
      if (opts.command !== undefined && proc.pid !== undefined) {
        try {
          process.kill(-proc.pid, "SIGTERM")
        } catch {
          proc.kill("SIGTERM")
        }
      } else proc.kill("SIGTERM")
      const timer = setTimeout(() => {
        if (opts.command !== undefined && proc.pid !== undefined)
          try {
            process.kill(-proc.pid, "SIGKILL")
          } catch {}
        else proc.kill("SIGKILL")
      }, 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Resident set size of a process in MB (VmRSS), and its peak (VmHWM). */
export const rssOf = (pid: number): { rssMb: number; peakMb: number } => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? Number.NaN)
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 }
}

/** A loopback port nobody listens on now (the OS picks it: port 0). */
export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const s = createServer()
    s.once("error", fail)
    s.listen(0, "127.0.0.1", () => {
      const a = s.address()
      s.close(() => ok(typeof a === "object" && a !== null ? a.port : 0))
    })
  })
