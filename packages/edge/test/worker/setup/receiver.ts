/** A local HTTP receiver standing in for the email provider and the platforms' webhook endpoint. */
import { createServer, type Server } from "node:http"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    receiverUrl: string
  }
}

interface Received {
  readonly path: string
  readonly headers: Record<string, string | Array<string> | undefined>
  readonly body: string
}

let server: Server | null = null

export async function setup(project: TestProject): Promise<void> {
  const received: Array<Received> = []
  server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/received") {
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify(received))
      return
    }
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => {
      body += chunk
    })
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body })
      res.writeHead(202)
      res.end()
    })
  })
  await new Promise<void>((ready) => server?.listen(0, "127.0.0.1", ready))
  const address = server.address()
  if (typeof address !== "object" || address === null) throw new Error("receiver has no port")
  project.provide("receiverUrl", `http://127.0.0.1:${address.port}`)
}

export async function teardown(): Promise<void> {
  await new Promise<void>((done) => (server === null ? done() : server.close(() => done())))
}
