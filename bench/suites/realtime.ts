/**
 * Benchmark 5: realtime fan-out. 1,000 merchant WebSockets (quick: 200) on one shop of the Node server; the
 * time from the POST of a customer message to its Committed frame on every socket, p99, against the same
 * measure with a single socket in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import WebSocket from "ws"
import { summarise } from "../measure.ts"
import { login, openChats, sendMessage } from "../shop.ts"
import { result, type Suite } from "../suite.ts"
import { startInbox } from "./http.ts"

/** Opens `n` merchant sockets; each resolves once the server said Ready. */
const connect = async (base: string, token: string, n: number): Promise<Array<WebSocket>> => {
  const url = `${base.replace("http", "ws")}/api/realtime`
  const open = (): Promise<WebSocket> =>
    new Promise((ok, fail) => {
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } })
      const onMessage = (data: WebSocket.RawData) => {
        if (String(data).includes('"Ready"')) {
          ws.off("message", onMessage)
          ok(ws)
        }
      }
      ws.on("message", onMessage)
      ws.once("error", fail)
    })
  const sockets: Array<WebSocket> = []
  // In waves, so the handshakes do not all queue at once.
  for (let i = 0; i < n; i += 50)
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, open))))
  return sockets
}

/** Sends `messages` customer messages one after the other; per socket, the ms from POST to arrival. */
const fanOut = async (base: string, chat: string, sockets: ReadonlyArray<WebSocket>, messages: number) => {
  const latencies: Array<number> = []
  for (let m = 0; m < messages; m++) {
    const text = `Is the linen shirt back in stock? (${m})`
    let posted = 0
    const arrivals = sockets.map(
      (ws) =>
        new Promise<void>((ok) => {
          const onMessage = (data: WebSocket.RawData) => {
            const s = String(data)
            if (s.includes('"CustomerMessageReceived"') && s.includes(text)) {
              latencies.push(performance.now() - posted)
              ws.off("message", onMessage)
              ok()
            }
          }
          ws.on("message", onMessage)
        }),
    )
    posted = performance.now()
    await sendMessage(base, chat, text)
    await Promise.race([Promise.all(arrivals), new Promise((ok) => setTimeout(ok, 10_000))])
  }
  return latencies
}

export const realtime: Suite = {
  name: "realtime",
  run: async ({ quick }) => {
    const dir = mkdtempSync(join(tmpdir(), "inbox-bench-rt-"))
    const { server, base } = await startInbox(dir)
    try {
      const token = await login(base)
      const [chat] = (await openChats(base, 1)) as [string]
      const n = quick ? 200 : 1000
      const messages = quick ? 15 : 50
      const one = await connect(base, token, 1)
      await fanOut(base, chat, one, 5)
      const single = summarise((await fanOut(base, chat, one, messages)).map((ms) => ms * 1000))
      const many = await connect(base, token, n - 1)
      const all = [...one, ...many]
      await fanOut(base, chat, all, 3)
      const wall = performance.now()
      const latencies = await fanOut(base, chat, all, messages)
      const seconds = (performance.now() - wall) / 1000
      for (const ws of all) ws.terminate()
      const stats = summarise(latencies.map((ms) => ms * 1000))
      const missing = messages * n - latencies.length
      return [
        result({
          name: `realtime: POST → arrival on ${n} merchant sockets, p99`,
          unit: "ms",
          value: stats.p99Us / 1000,
          baseline: single.p99Us / 1000,
          higherIsBetter: false,
          target: "p99 < 50 ms",
          met: stats.p99Us < 50_000 && missing === 0,
          extra: {
            p50Ms: stats.p50Us / 1000,
            p95Ms: stats.p95Us / 1000,
            framesPerSec: latencies.length / seconds,
            missing,
            baselineIs: "1 socket p99",
            singleP50Ms: single.p50Us / 1000,
          },
        }),
      ]
    } finally {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
