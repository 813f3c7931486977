/**
 * The Node server's sockets under hostile peers, against the real process (a fault that kills it must not kill
 * the test runner): protocol errors close only the offending socket with the RFC 6455 code, and the server
 * keeps serving every other shop.
 */

import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { type FrameSpec, frameBytes, openRaw, text } from "../reliability/rawSocket.ts"
import { spawnServer } from "../reliability/serverProcess.ts"

type Server = Awaited<ReturnType<typeof spawnServer>>
let server: Server
let staffToken: string

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const r = await fetch(`${server.base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  })
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as Record<string, string>
}

const chatToken = async (clientId: string) =>
  (await post("/api/store/demo/chat", { email: null, origin: DEMO_STOREFRONT, clientId })).token ?? ""

beforeAll(async () => {
  server = await spawnServer()
  staffToken =
    (await post("/api/auth/login", { email: "owner@demo.shop", password: "inbox-demo" })).token ?? ""
}, 90_000)
afterAll(() => server?.stop())

/** More than the 64 KB frame limit of both socket kinds. */
const OVERSIZE = 70 * 1024

const INVALID_UTF8: FrameSpec = { opcode: 1, payload: Uint8Array.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]) }

const shopperFaults: ReadonlyArray<readonly [string, FrameSpec, number]> = [
  ["a frame over the 64 KB limit", text("x".repeat(OVERSIZE)), 1009],
  ["invalid UTF-8 in a text frame", INVALID_UTF8, 1007],
  ["an unmasked frame", { ...text('{"_tag":"Typing"}'), mask: false }, 1002],
  ["the reserved opcode 3", { opcode: 3, payload: Buffer.from("x") }, 1002],
  ["a reserved bit without an extension", { ...text('{"_tag":"Typing"}'), rsv: 4 }, 1002],
  ["a binary frame (the protocol is JSON text)", { opcode: 2, payload: Buffer.from("{}") }, 1003],
]

describe("H1 a WebSocket protocol error closes only that socket, the server lives", () => {
  for (const [name, frame, code] of shopperFaults)
    it(`shopper socket: ${name} → close ${code}`, async () => {
      const token = await chatToken(`h1-${code}-${name.length}`)
      const socket = await openRaw(server.port, `/api/store/chat/realtime?token=${encodeURIComponent(token)}`)
      assert.strictEqual(socket.status, 101)
      socket.send(frameBytes(frame))
      assert.strictEqual(await socket.ended, code)
      assert.isTrue(server.alive(), "the server process exited")
      assert.strictEqual((await fetch(`${server.base}/healthz`)).status, 200)
    })

  it("merchant socket: a frame over the 64 KB limit → close 1009", async () => {
    const socket = await openRaw(server.port, "/api/realtime", { authorization: `Bearer ${staffToken}` })
    assert.strictEqual(socket.status, 101)
    socket.send(frameBytes(text("x".repeat(OVERSIZE))))
    assert.strictEqual(await socket.ended, 1009)
    assert.isTrue(server.alive(), "the server process exited")
    assert.strictEqual((await fetch(`${server.base}/healthz`)).status, 200)
  })

  it("a request cut off in the middle of its body leaves the server up", async () => {
    const { connect } = await import("node:net")
    for (let i = 0; i < 10; i++)
      await new Promise<void>((done) => {
        const socket = connect(server.port, "127.0.0.1", () => {
          socket.write(
            `POST /api/store/chat/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"text":`,
          )
          setTimeout(() => {
            socket.resetAndDestroy()
            done()
          }, 20)
        })
        socket.on("error", () => done())
      })
    assert.isTrue(server.alive(), "the server process exited")
    assert.strictEqual((await fetch(`${server.base}/healthz`)).status, 200)
  })

  it("a peer that resets the connection during the handshake leaves the server up", async () => {
    const token = await chatToken("h1-reset")
    for (let i = 0; i < 20; i++) {
      const socket = await openRaw(server.port, `/api/store/chat/realtime?token=${encodeURIComponent(token)}`)
      socket.destroy()
    }
    assert.isTrue(server.alive(), "the server process exited")
    assert.strictEqual((await fetch(`${server.base}/healthz`)).status, 200)
  })
})
