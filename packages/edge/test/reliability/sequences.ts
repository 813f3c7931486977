/**
 * Two-step fuzzing: store a hostile value through a write path (shopper message, chat-start name, reply,
 * note, saved reply, platform webhook), then read it back through every read path (list, search, detail,
 * profile, the shopper's chat, saved replies, a live merchant socket). The write may be refused (a
 * structured 4xx); every read must answer 200 with JSON, text that was accepted must come back byte for
 * byte, the live socket must stay open with parseable frames, and the server must stay up.
 */
import fc from "fast-check"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { signForShop } from "../../src/auth/Signature.ts"
import { type AppLike, call, isErrorBody, startChat } from "./kit.ts"
import { frameBytes, openRaw, type RawSocket } from "./rawSocket.ts"

export interface SequenceTarget {
  readonly app: AppLike
  readonly port: number
  readonly staffToken: string
  readonly webhookSecret: string
}

export interface SequenceOutcome {
  readonly sequences: number
  readonly refusedWrites: number
  readonly failures: ReadonlyArray<string>
  readonly byWrite: Record<string, number>
}

/** Values an attacker would store: encodings, controls, markup, query syntax, sheer size. */
const HOSTILE: ReadonlyArray<string> = [
  "\ud800 lone high",
  "lone low \udfff",
  "\\ud800 an escaped backslash, not a surrogate",
  "nul \u0000 inside",
  "cr\rlf\nand\r\ntabs\t",
  "bell\u0007 escape\u001b[31m red",
  "bidi \u202e override \u202c",
  "zero\u200bwidth\u200djoiner\ufeff bom",
  "👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🇫🇷",
  `e${"\u0301".repeat(2000)}`,
  "\uffff\ufffe nonchars \uf8ff private",
  "<script>alert(1)</script><img src=x onerror=alert(1)>",
  '"; DROP TABLE conversation_events; --',
  '"quoted" NEAR(a b) a* ^x -y (z',
  "%s %n %x {{7*7}} $" + "{7*7}",
  "x@y.example\r\nBcc: injected@evil.example",
  "Ω".repeat(4999),
  "a".repeat(5000),
]

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 80, unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40, unit: "binary" }) },
)

type Write = "shopper message" | "chat name" | "reply" | "note" | "saved reply" | "webhook"

const writes: ReadonlyArray<Write> = [
  "shopper message",
  "chat name",
  "reply",
  "note",
  "saved reply",
  "webhook",
]

/** A search term from the value: three of its characters when it has them (the trigram path), else a word. */
const termOf = (value: string): string => {
  const chars = [...value].filter((ch) => /[\p{L}\p{N}]/u.test(ch))
  return chars.length >= 3 ? chars.slice(0, 3).join("") : "zq"
}

const json = async (r: Response): Promise<{ status: number; body: unknown; text: string }> => {
  const text = await r.text()
  let body: unknown = null
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: r.status, body, text }
}

let counter = 0
const fresh = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`

export const runSequences = async (
  target: SequenceTarget,
  options: { readonly sequences: number; readonly seed: number },
): Promise<SequenceOutcome> => {
  const generated = fc.sample(fc.tuple(fc.constantFrom(...writes), hostile), {
    numRuns: options.sequences,
    seed: options.seed,
  })
  const failures: Array<string> = []
  const byWrite: Record<string, number> = {}
  let refusedWrites = 0
  const staff = { token: target.staffToken }
  // A merchant tab open throughout: every commit of the sequences is fanned out to it.
  const tab: RawSocket = await openRaw(target.port, "/api/realtime", {
    authorization: `Bearer ${target.staffToken}`,
  })
  const tabAlive = async (): Promise<boolean> => {
    const ping = fresh("p")
    tab.send(frameBytes({ opcode: 9, payload: Buffer.from(ping) }))
    for (let i = 0; i < 500; i++) {
      if (tab.frames.some((f) => f.opcode === 10 && f.payload.toString() === ping)) return true
      await new Promise((r) => setTimeout(r, 5))
    }
    return false
  }

  let checkedFrames = 0
  for (const [write, value] of generated) {
    byWrite[write] = (byWrite[write] ?? 0) + 1
    const fail = (what: string) => failures.push(`${write} ${JSON.stringify(value.slice(0, 60))}: ${what}`)
    const chat = await startChat(target.app, "demo", fresh("seq-client-"), null, fresh("10.9."))
    let conversationId = chat.conversationId
    let customerId = chat.customerId
    /** Where an accepted value must come back exactly (null: only "no crash, valid JSON"). */
    let expectInThread: string | null = null
    let answer: Awaited<ReturnType<typeof json>>
    switch (write) {
      case "shopper message":
        answer = await json(
          await call(target.app, "/api/store/chat/messages", {
            method: "POST",
            token: chat.token,
            body: { clientMessageId: fresh("m"), text: value },
          }),
        )
        if (answer.status === 201) expectInThread = value
        break
      case "chat name": {
        answer = await json(
          await call(target.app, "/api/store/demo/chat", {
            method: "POST",
            body: {
              email: null,
              clientId: fresh("seq-named-"),
              name: value.slice(0, 120),
              origin: DEMO_STOREFRONT,
            },
          }),
        )
        const started = answer.body as { conversationId?: string; customerId?: string }
        if (
          answer.status === 201 &&
          started.conversationId !== undefined &&
          started.customerId !== undefined
        ) {
          conversationId = started.conversationId
          customerId = started.customerId
        }
        break
      }
      case "reply":
        answer = await json(
          await call(target.app, `/api/conversations/${conversationId}/replies`, {
            method: "POST",
            ...staff,
            body: { clientMessageId: fresh("r"), text: value },
          }),
        )
        if (answer.status === 201) expectInThread = value
        break
      case "note":
        answer = await json(
          await call(target.app, `/api/customers/${customerId}/note`, {
            method: "PUT",
            ...staff,
            body: { note: value },
          }),
        )
        break
      case "saved reply":
        answer = await json(
          await call(target.app, "/api/saved-replies", {
            method: "POST",
            ...staff,
            body: { shortcut: fresh("s"), text: value },
          }),
        )
        break
      case "webhook": {
        const body = JSON.stringify({
          messageId: fresh("w"),
          externalCustomerId: fresh("ext"),
          name: value.slice(0, 120),
          email: null,
          text: value,
        })
        answer = await json(
          await call(target.app, "/api/webhooks/messenger/demo", {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-inbox-signature": await signForShop(target.webhookSecret, "demo", body),
            },
            body,
          }),
        )
        const accepted = answer.body as { conversationId?: string }
        if (answer.status === 202 && accepted.conversationId !== undefined) {
          conversationId = accepted.conversationId
          expectInThread = value
        }
        break
      }
    }
    if (answer.status >= 500) fail(`write answered ${answer.status} ${answer.text.slice(0, 200)}`)
    else if (answer.status >= 400) {
      refusedWrites++
      if (!isErrorBody(answer.body))
        fail(`write refused without the error body: ${answer.text.slice(0, 200)}`)
    }

    const term = termOf(value)
    const reads: ReadonlyArray<readonly [string, string, string | undefined]> = [
      ["list", "/api/conversations?limit=50", staff.token],
      ["list search", `/api/conversations?q=${encodeURIComponent(term)}`, staff.token],
      ["search", `/api/search?q=${encodeURIComponent(term)}`, staff.token],
      ["detail", `/api/conversations/${conversationId}`, staff.token],
      ["profile", `/api/customers/${customerId}/profile?conversationId=${conversationId}`, staff.token],
      ["saved replies", "/api/saved-replies", staff.token],
      ["shopper chat", "/api/store/chat", chat.token],
    ]
    for (const [name, path, token] of reads) {
      const r = await json(await call(target.app, path, token === undefined ? {} : { token }))
      if (r.status !== 200 || r.body === null) fail(`${name} answered ${r.status} ${r.text.slice(0, 200)}`)
      if (name === "detail" && expectInThread !== null) {
        const thread = (r.body as { thread?: ReadonlyArray<{ event?: { text?: unknown } }> }).thread ?? []
        if (!thread.some((i) => i.event?.text === expectInThread))
          fail("accepted text did not come back byte for byte in the thread")
      }
    }
    if (!(await tabAlive())) fail("the live merchant socket stopped answering")
    const frames = tab.texts()
    for (const t of frames.slice(checkedFrames))
      try {
        JSON.parse(t)
      } catch {
        fail(`the live socket sent a frame that is not JSON: ${t.slice(0, 100)}`)
      }
    checkedFrames = frames.length
    const health = await fetch(`http://127.0.0.1:${target.port}/healthz`).then(
      (r) => r.status,
      () => 0,
    )
    if (health !== 200) {
      fail(`/healthz answered ${health}`)
      break
    }
  }
  tab.destroy()
  return { sequences: generated.length, refusedWrites, failures, byWrite }
}
