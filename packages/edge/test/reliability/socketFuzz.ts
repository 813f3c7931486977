/**
 * WebSocket fuzzing of the live server over raw TCP: frames over the size limit, invalid UTF-8, unmasked,
 * reserved opcodes and bits, stray continuations, bad control frames and close codes must close only that
 * socket with the RFC 6455 code; garbage JSON must be ignored (the socket still answers a ping); the server
 * must answer /healthz after every case and no table may change.
 */
import type { Client } from "@libsql/client"
import fc from "fast-check"
import { dumpTables } from "./kit.ts"
import { type FrameSpec, frameBytes, openRaw, type RawSocket, text } from "./rawSocket.ts"

export interface SocketTarget {
  readonly port: number
  readonly client: Client
  /** A staff bearer token with the chat permission, and a shopper chat token. */
  readonly staffToken: string
  readonly chatToken: string
  /** Resolves once the chat token's conversation shows online (its presence commit is done). */
  readonly settled: () => Promise<void>
}

export interface SocketCase {
  readonly fault: string
  readonly socket: "staff" | "shopper"
  readonly frames: ReadonlyArray<FrameSpec>
  /** The close code the server must send, or "open" when the frames must be ignored. */
  readonly expect: number | "open"
}

export interface SocketOutcome {
  readonly cases: number
  readonly failures: ReadonlyArray<string>
  readonly byFault: Record<string, number>
}

const LIMIT = 64 * 1024

const INVALID_UTF8: ReadonlyArray<ReadonlyArray<number>> = [
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate written as UTF-8
  [0xc0, 0x80], // overlong NUL
  [0x80], // lone continuation byte
  [0xe2, 0x82], // truncated sequence
  [0xf8, 0x88, 0x80, 0x80, 0x80], // 5-byte form
  [0xff],
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
]

const bytes = (...parts: ReadonlyArray<ReadonlyArray<number> | string>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))))

const closeFrame = (code: number): FrameSpec => ({
  opcode: 8,
  payload: Uint8Array.from([code >> 8, code & 0xff]),
})

/** Text that must decode to nothing the room acts on (or only to a typing/viewing frame). */
const garbage = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 100, unit: "binary" }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    "",
    "{",
    '{"_tag":',
    "null",
    "[]",
    '{"_tag":"Viewing"}',
    '{"_tag":"Viewing","conversationId":"../../etc/passwd"}',
    '{"_tag":"Viewing","conversationId":"conv_of_another_shop"}',
    '{"_tag":"Typing","conversationId":123}',
    '{"_tag":"Committed","shopSeq":1}',
    '{"__proto__":{"admin":true},"_tag":"Typing"}',
    '{"_tag":"Typing","conversationId":"\\ud800"}',
    "[".repeat(10_000),
    '{"a":'.repeat(5_000),
  ),
)

const caseArb: fc.Arbitrary<SocketCase> = fc
  .tuple(
    fc.constantFrom<"staff" | "shopper">("staff", "shopper"),
    fc.oneof(
      fc.integer({ min: LIMIT + 1, max: LIMIT * 2 }).map(
        (n): Omit<SocketCase, "socket"> => ({
          fault: "oversize",
          frames: [text("x".repeat(n))],
          expect: 1009,
        }),
      ),
      fc.constantFrom(...INVALID_UTF8).map(
        (bad): Omit<SocketCase, "socket"> => ({
          fault: "bad UTF-8",
          frames: [{ opcode: 1, payload: bytes('{"_tag":"Typing","x":"', bad, '"}') }],
          expect: 1007,
        }),
      ),
      fc.constant<Omit<SocketCase, "socket">>({
        fault: "unmasked",
        frames: [{ ...text('{"_tag":"Typing"}'), mask: false }],
        expect: 1002,
      }),
      fc.constantFrom(3, 4, 5, 6, 7, 11, 12, 13, 14, 15).map(
        (opcode): Omit<SocketCase, "socket"> => ({
          fault: "bad opcode",
          frames: [{ opcode, payload: Buffer.from("{}") }],
          expect: 1002,
        }),
      ),
      fc.integer({ min: 1, max: 7 }).map(
        (rsv): Omit<SocketCase, "socket"> => ({
          fault: "reserved bits",
          frames: [{ ...text('{"_tag":"Typing"}'), rsv }],
          expect: 1002,
        }),
      ),
      fc.constant<Omit<SocketCase, "socket">>({
        fault: "continuation without a start",
        frames: [{ opcode: 0, payload: Buffer.from("{}") }],
        expect: 1002,
      }),
      fc.constant<Omit<SocketCase, "socket">>({
        fault: "fragmented control frame",
        frames: [{ opcode: 9, payload: Buffer.from("x"), fin: false }],
        expect: 1002,
      }),
      fc.constant<Omit<SocketCase, "socket">>({
        fault: "control frame over 125 bytes",
        frames: [{ opcode: 9, payload: Buffer.alloc(126, 1) }],
        expect: 1002,
      }),
      fc.constantFrom(0, 999, 1004, 1005, 1006, 1015, 2999, 5000).map(
        (code): Omit<SocketCase, "socket"> => ({
          fault: "invalid close code",
          frames: [closeFrame(code)],
          expect: 1002,
        }),
      ),
      fc.constant<Omit<SocketCase, "socket">>({
        fault: "binary frame",
        frames: [{ opcode: 2, payload: Buffer.from('{"_tag":"Typing"}') }],
        expect: 1003,
      }),
      fc.array(garbage, { minLength: 1, maxLength: 5 }).map(
        (texts): Omit<SocketCase, "socket"> => ({
          fault: "garbage JSON",
          frames: texts.map((t) => text(t)),
          expect: "open",
        }),
      ),
    ),
  )
  .map(([socket, c]) => ({ ...c, socket }))

/** Resolves true when a pong with `payload` comes back before the deadline (the socket is alive). */
const pongs = async (s: RawSocket, payload: string, ms: number): Promise<boolean> => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (s.frames.some((f) => f.opcode === 10 && f.payload.toString() === payload)) return true
    await new Promise((r) => setTimeout(r, 5))
  }
  return false
}

const withTimeout = <A>(p: Promise<A>, ms: number, fallback: A): Promise<A> =>
  Promise.race([p, new Promise<A>((ok) => setTimeout(() => ok(fallback), ms))])

export const runSocketFuzz = async (
  target: SocketTarget,
  options: { readonly cases: number; readonly seed: number },
): Promise<SocketOutcome> => {
  const generated = fc.sample(caseArb, { numRuns: options.cases, seed: options.seed })
  const failures: Array<string> = []
  const byFault: Record<string, number> = {}
  // One shopper socket stays open throughout: the others then join and leave an online conversation, which
  // writes nothing (the first socket in, or the last one out, is a presence change). @see R8
  const keeper = await openRaw(
    target.port,
    `/api/store/chat/realtime?token=${encodeURIComponent(target.chatToken)}`,
  )
  await target.settled()
  let before = await dumpTables(target.client)
  for (const c of generated) {
    byFault[c.fault] = (byFault[c.fault] ?? 0) + 1
    const describe = (what: string) => `socket ${c.socket} ${c.fault}: ${what}`
    const socket = await openRaw(
      target.port,
      c.socket === "staff"
        ? "/api/realtime"
        : `/api/store/chat/realtime?token=${encodeURIComponent(target.chatToken)}`,
      c.socket === "staff" ? { authorization: `Bearer ${target.staffToken}` } : {},
    )
    if (socket.status !== 101) {
      failures.push(describe(`handshake answered ${socket.status}`))
      continue
    }
    for (const f of c.frames) socket.send(frameBytes(f))
    if (c.expect === "open") {
      const ping = `p${Math.random().toString(36).slice(2, 8)}`
      socket.send(frameBytes({ opcode: 9, payload: Buffer.from(ping) }))
      if (!(await pongs(socket, ping, 5_000)))
        failures.push(describe("the socket stopped answering after garbage"))
      socket.send(frameBytes(closeFrame(1000)))
      await withTimeout(socket.ended, 5_000, null)
      socket.destroy()
    } else {
      const code = await withTimeout(socket.ended, 10_000, -1)
      socket.destroy()
      if (code !== c.expect) failures.push(describe(`closed with ${code}, expected ${c.expect}`))
    }
    const health = await fetch(`http://127.0.0.1:${target.port}/healthz`).then(
      (r) => r.status,
      () => 0,
    )
    if (health !== 200) {
      failures.push(describe(`/healthz answered ${health} afterwards`))
      break
    }
    const after = await dumpTables(target.client)
    if (after !== before) {
      failures.push(describe("a table changed"))
      before = after
    }
  }
  keeper.destroy()
  return { cases: generated.length, failures, byFault }
}
