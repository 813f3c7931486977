/**
 * Global setup of the web e2e: builds the web assets, then starts `packages/edge/demo/start.ts` (the Node
 * server with the demo seed, and the demo shop's storefront on a second origin; Node 22 with the
 * `@inbox/source` condition) on free loopback ports with a fresh `file:` database in a temp dir.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string
    /** The demo shop's own storefront (a second origin) that embeds the chat with widget.js. */
    storeURL: string
  }
}

const webDir = resolve(fileURLToPath(new URL("../..", import.meta.url)))
const repoRoot = resolve(webDir, "../..")
const node22 = join(repoRoot, "node_modules/.bin/node")

const freePort = () =>
  new Promise<number>((done, fail) => {
    const srv = createServer()
    srv.once("error", fail)
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address()
      srv.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no port")),
      )
    })
  })

const waitHealthy = async (url: string, server: ChildProcess, log: () => string) => {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}):\n${log()}`)
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`The server did not become healthy in 90 s:\n${log()}`)
}

/**
 * The demo store's address as `npm start` prints it (the fixed interface), once it is listed among the demo
 * shop's origins: the line comes after that, so a story never starts a chat before the store may.
 */
const printedStoreURL = async (server: ChildProcess, log: () => string): Promise<string> => {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    const printed = log().match(
      /^Demo store \(embeds the chat with widget\.js, like a merchant's site\): (\S+)$/m,
    )
    if (printed?.[1] !== undefined) return printed[1]
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}):\n${log()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`npm start printed no demo store address in 90 s:\n${log()}`)
}

export default async function setup(project: TestProject) {
  // The pages, then widget.js (its own build, written beside them), as `npm run build:web` does.
  for (const extra of [[], ["-c", "vite.widget.config.ts"]]) {
    const built = spawnSync(
      node22,
      [join(repoRoot, "node_modules/vite/bin/vite.js"), "build", ...extra, "--logLevel", "warn"],
      { cwd: webDir, encoding: "utf8" },
    )
    if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`)
  }

  const dir = mkdtempSync(join(tmpdir(), "inbox-web-e2e-"))
  const port = await freePort()
  const storePort = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  const storeURL = `http://127.0.0.1:${storePort}`
  let output = ""
  const server = spawn(
    node22,
    ["--conditions=@inbox/source", join(repoRoot, "packages/edge/demo/start.ts")],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        DEMO_STORE_PORT: String(storePort),
        HOST: "127.0.0.1",
        INBOX_DB_URL: `file:${join(dir, "inbox.db")}`,
        INBOX_DATA_DIR: dir,
        NODE_ENV: "test",
        // The custom platform's URL answers nothing (port 9, nobody listens), so platform replies are connected
        // but fail; two quick attempts let a story see the failure.
        INBOX_WEBHOOK_URL: "http://127.0.0.1:9/custom-platform",
        INBOX_DELIVERY_ATTEMPTS: "2",
        INBOX_DELIVERY_BACKOFF_MS: "100",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  )
  server.stdout?.on("data", (d) => {
    output += d
  })
  server.stderr?.on("data", (d) => {
    output += d
  })
  try {
    await waitHealthy(`${baseURL}/healthz`, server, () => output)
    const printed = await printedStoreURL(server, () => output)
    if (printed !== storeURL) throw new Error(`npm start printed ${printed}, not the store on ${storeURL}`)
    await waitHealthy(`${storeURL}/cart.js`, server, () => output)
  } catch (e) {
    server.kill("SIGTERM")
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  project.provide("baseURL", baseURL)
  project.provide("storeURL", storeURL)

  return async () => {
    await new Promise<void>((done) => {
      if (server.exitCode !== null) return done()
      server.once("exit", () => done())
      server.kill("SIGTERM")
      setTimeout(() => server.kill("SIGKILL"), 5000).unref()
    })
    rmSync(dir, { recursive: true, force: true })
  }
}
