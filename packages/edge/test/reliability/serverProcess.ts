/**
 * The real Node server (`demo/start.ts`, the demo shop over `src/runtime/node.ts`) as a child process on a free port: what the crash and socket
 * tests need when a fault must be able to kill the process without taking the test runner with it.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../../../..")

export const freePort = () =>
  new Promise<number>((ok, ko) => {
    const s = createServer()
    s.once("error", ko)
    s.listen(0, "127.0.0.1", () => {
      const address = s.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      s.close(() => ok(port))
    })
  })

/** Node 22 from the `node` devDependency (type stripping), else the running one. */
const nodeBinary = (): string => {
  const local = resolve(repoRoot, "node_modules/.bin/node")
  return existsSync(local) ? local : process.execPath
}

export interface Server {
  readonly child: ChildProcess
  readonly exited: Promise<void>
}

export const startServer = async (env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<Server> => {
  const child = spawn(
    nodeBinary(),
    ["--conditions=@inbox/source", resolve(repoRoot, "packages/edge/demo/start.ts")],
    // The demo storefront beside it is not under test here.
    { cwd: repoRoot, env: { DEMO_STORE_PORT: "off", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  )
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()))
  let output = ""
  await new Promise<void>((ok, ko) => {
    const timer = setTimeout(() => ko(new Error(`server not ready in 60 s:\n${output}`)), 60_000)
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString()
      if (output.includes("Inbox is ready")) {
        clearTimeout(timer)
        ok()
      }
    })
    child.stderr?.on("data", (d: Buffer) => {
      output += d.toString()
    })
    void exited.then(() => {
      clearTimeout(timer)
      ko(new Error(`server exited before ready:\n${output}`))
    })
  })
  child.stderr?.on("data", (d: Buffer) => log(`server: ${d.toString().trim()}`))
  return { child, exited }
}

/**
 * A seeded server over a fresh temp database. `halt`/`resume` (or `restart`) stop it and start it again
 * over the same files; `stop` ends it and removes the folder.
 */
export const spawnServer = async (env: NodeJS.ProcessEnv = {}, log: (line: string) => void = () => {}) => {
  const dir = mkdtempSync(join(tmpdir(), "inbox-process-"))
  const port = await freePort()
  const dbPath = join(dir, "inbox.db")
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    INBOX_DB_URL: `file:${dbPath}`,
    PORT: String(port),
    HOST: "127.0.0.1",
    INBOX_SESSION_SECRET: "process-session-secret",
    INBOX_WEBHOOK_SECRET: "process-webhook-secret",
    ...env,
  }
  let current = await startServer(fullEnv, log)
  let alive = true
  const watch = (s: Server) =>
    void s.exited.then(() => {
      if (s === current) alive = false
    })
  watch(current)
  const end = async (signal: NodeJS.Signals) => {
    if (!alive) return
    current.child.kill(signal)
    await current.exited
  }
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    dir,
    dbPath,
    /** False once the process has exited without being told to. */
    alive: () => alive,
    /** Stops the process (SIGTERM, or SIGKILL with `kill: true`) and leaves its files for `resume`. */
    halt: (options: { readonly kill?: boolean } = {}) => end(options.kill === true ? "SIGKILL" : "SIGTERM"),
    /** Starts the process again over the same files (after `halt`). */
    resume: async () => {
      current = await startServer(fullEnv, log)
      alive = true
      watch(current)
    },
    restart: async (options: { readonly kill?: boolean } = {}) => {
      await end(options.kill === true ? "SIGKILL" : "SIGTERM")
      current = await startServer(fullEnv, log)
      alive = true
      watch(current)
    },
    stop: async () => {
      await end("SIGKILL")
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
