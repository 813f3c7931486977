/**
 * A local fake of Meta's Graph API on loopback, speaking its wire format: the Send API
 * (`POST /{version}/{PAGE_ID}/messages`) and the user profile (`GET /{version}/{PSID}`), answered from the
 * fixtures of ../fixtures/meta/payloads.ts; and, as Meta does, webhook POSTs to the inbox signed with the app
 * secret in `X-Hub-Signature-256`.
 */
import { createHmac } from "node:crypto"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { graphError, instagramProfile, messengerProfile, sendResponse } from "../fixtures/meta/payloads.ts"

export interface SentMessage {
  readonly pageId: string
  readonly authorization: string | undefined
  // biome-ignore lint/suspicious/noExplicitAny: the Send API body as the inbox sent it, read ad hoc.
  readonly body: any
  /** The `message_id` the fake answered. */
  readonly mid: string
}

export interface FakeGraph {
  readonly url: string
  readonly version: string
  readonly sent: Array<SentMessage>
  readonly profiles: Map<string, { readonly first: string; readonly last: string }>
  /** The next Send API call answers this error instead (Meta's error body). */
  readonly failNext: (status: number, code: number, subcode: number | null, message: string) => void
  /** Signs a webhook body as Meta does and POSTs it to the inbox; `secret` overrides the app secret. */
  readonly deliver: (
    inbox: string,
    payload: unknown,
    options?: { readonly secret?: string | null },
  ) => Promise<Response>
  readonly close: () => Promise<void>
}

export const signature = (secret: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`

export const startFakeGraph = async (options: { readonly appSecret: string; readonly version: string }) => {
  const sent: Array<SentMessage> = []
  const profiles = new Map<string, { readonly first: string; readonly last: string }>()
  let failure: { readonly status: number; readonly body: unknown } | null = null
  let counter = 0
  const server: Server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" })
        res.end(JSON.stringify(body))
      }
      const url = new URL(req.url ?? "/", "http://graph.test")
      const path = url.pathname.split("/").filter((p) => p !== "")
      if (path[0] !== options.version)
        return answer(400, graphError(2635, null, `Unknown API version ${path[0] ?? ""}`))
      if (req.method === "POST" && path.length === 3 && path[2] === "messages") {
        if (failure !== null) {
          const f = failure
          failure = null
          return answer(f.status, f.body)
        }
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}")
        const mid = `m_fake_${++counter}_${Date.now()}`
        sent.push({ pageId: path[1] ?? "", authorization: req.headers.authorization, body, mid })
        return answer(200, sendResponse(body.recipient?.id ?? "", mid))
      }
      if (req.method === "GET" && path.length === 2) {
        const id = path[1] ?? ""
        const p = profiles.get(id)
        if (p === undefined) return answer(400, graphError(100, 33, "Unsupported get request"))
        const instagram = (url.searchParams.get("fields") ?? "").includes("username")
        return answer(
          200,
          instagram
            ? instagramProfile(id, `${p.first} ${p.last}`, `${p.first}.${p.last}`.toLowerCase())
            : messengerProfile(id, p.first, p.last),
        )
      }
      answer(404, graphError(803, null, "Unknown path"))
    })
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()))
  const port = (server.address() as AddressInfo).port
  const fake: FakeGraph = {
    url: `http://127.0.0.1:${port}`,
    version: options.version,
    sent,
    profiles,
    failNext: (status, code, subcode, message) => {
      failure = { status, body: graphError(code, subcode, message) }
    },
    deliver: (inbox, payload, o = {}) => {
      const body = JSON.stringify(payload)
      const secret = o.secret === undefined ? options.appSecret : o.secret
      return fetch(`${inbox}/api/webhooks/meta`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret === null ? {} : { "x-hub-signature-256": signature(secret, body) }),
        },
        body,
      })
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
  return fake
}
