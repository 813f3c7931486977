/**
 * A WebSocket client over a bare TCP socket that can write frames no well-behaved client would (oversize,
 * unmasked, reserved opcodes, invalid UTF-8): what the socket fuzz and the protocol-error tests send.
 */
import { randomBytes } from "node:crypto"
import { connect, type Socket } from "node:net"

export interface FrameSpec {
  readonly opcode: number
  readonly payload: Uint8Array
  /** Clients must mask (RFC 6455 §5.1); false writes an unmasked frame, which a server must refuse. */
  readonly mask?: boolean
  readonly fin?: boolean
  /** RSV1–3 bits (0–7); non-zero without a negotiated extension is a protocol error. */
  readonly rsv?: number
}

/** The bytes of one frame. */
export const frameBytes = (f: FrameSpec): Buffer => {
  const mask = f.mask ?? true
  const len = f.payload.byteLength
  const head: Array<number> = [((f.fin ?? true) ? 0x80 : 0) | ((f.rsv ?? 0) << 4) | (f.opcode & 0x0f)]
  const maskBit = mask ? 0x80 : 0
  if (len < 126) head.push(maskBit | len)
  else if (len < 65_536) head.push(maskBit | 126, len >> 8, len & 0xff)
  else {
    head.push(maskBit | 127, 0, 0, 0, 0)
    head.push((len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff)
  }
  if (!mask) return Buffer.concat([Buffer.from(head), f.payload])
  const key = randomBytes(4)
  const body = Buffer.from(f.payload)
  for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0)
  return Buffer.concat([Buffer.from(head), key, body])
}

export const text = (s: string): FrameSpec => ({ opcode: 1, payload: Buffer.from(s, "utf8") })

export interface Received {
  readonly opcode: number
  readonly payload: Buffer
}

export interface RawSocket {
  /** The HTTP status of the handshake (101 when upgraded). */
  readonly status: number
  readonly send: (bytes: Uint8Array) => void
  /** Frames received so far (text, binary, close, ping). */
  readonly frames: ReadonlyArray<Received>
  /** Resolves when the TCP connection ends: the close code the server sent, or null if it sent none. */
  readonly ended: Promise<number | null>
  /** Texts of the data frames received so far. */
  readonly texts: () => ReadonlyArray<string>
  readonly destroy: () => void
}

const parseFrames = (buffer: Buffer): { frames: Array<Received>; rest: Buffer } => {
  const frames: Array<Received> = []
  let at = 0
  for (;;) {
    if (buffer.length - at < 2) break
    const b1 = buffer[at + 1] ?? 0
    let len = b1 & 0x7f
    let offset = 2
    if (len === 126) {
      if (buffer.length - at < 4) break
      len = buffer.readUInt16BE(at + 2)
      offset = 4
    } else if (len === 127) {
      if (buffer.length - at < 10) break
      len = Number(buffer.readBigUInt64BE(at + 2))
      offset = 10
    }
    if (buffer.length - at < offset + len) break
    frames.push({
      opcode: (buffer[at] ?? 0) & 0x0f,
      payload: buffer.subarray(at + offset, at + offset + len),
    })
    at += offset + len
  }
  return { frames, rest: buffer.subarray(at) }
}

/** Opens `path` on a loopback port with a real handshake, then hands over the raw socket. */
export const openRaw = (
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawSocket> =>
  new Promise((ok, ko) => {
    const socket: Socket = connect(port, "127.0.0.1")
    const frames: Array<Received> = []
    let buffer: Buffer = Buffer.alloc(0)
    let status: number | null = null
    let closeCode: number | null = null
    const ended = new Promise<number | null>((done) => socket.once("close", () => done(closeCode)))
    // A server that resets the connection is an answer too, not a test crash.
    socket.on("error", () => {})
    socket.once("connect", () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        "Upgrade: websocket",
        "Connection: Upgrade",
        `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
        "Sec-WebSocket-Version: 13",
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ]
      socket.write(`${lines.join("\r\n")}\r\n\r\n`)
    })
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      if (status === null) {
        const end = buffer.indexOf("\r\n\r\n")
        if (end < 0) return
        status = Number(buffer.subarray(0, end).toString("latin1").split(" ")[1])
        buffer = buffer.subarray(end + 4)
        ok({
          status,
          send: (bytes) => {
            if (!socket.destroyed) socket.write(bytes)
          },
          frames,
          ended,
          texts: () => frames.filter((f) => f.opcode === 1).map((f) => f.payload.toString("utf8")),
          destroy: () => socket.destroy(),
        })
      }
      const parsed = parseFrames(buffer)
      buffer = parsed.rest
      for (const f of parsed.frames) {
        frames.push(f)
        if (f.opcode === 8) {
          closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : null
          // Complete the closing handshake as a browser would, so the server need not wait for a timeout.
          if (!socket.destroyed) socket.end(frameBytes({ opcode: 8, payload: f.payload.subarray(0, 2) }))
        }
      }
    })
    void ended.then(() => {
      if (status === null) ko(new Error(`connection closed before the handshake answered on ${path}`))
    })
  })
