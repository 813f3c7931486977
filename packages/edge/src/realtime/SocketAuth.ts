/**
 * Who opens a socket: one authentication for the Node server and the shop's Durable Object. The path must be
 * one of the declared sockets (`Api.realtime`), its query decoded with the declared Schema. A merchant tab
 * proves itself by its session cookie, sent by browsers on the handshake and accepted from our own origin only
 * (browsers also send cookies on cross-site handshakes), or by an `Authorization` header (scripts); never by a
 * token in the address, which would land in logs and histories. A shopper by their chat token in the query: a
 * browser sends no header on a WebSocket, and that token opens one conversation only. @see R0.2, R0.3
 */
import type { Ids } from "@inbox/core"
import { Api } from "@inbox/core/wire"
import { Effect } from "effect"
import { CsrfTokenMismatch, RouteNotFound, Unauthorized } from "../http/EdgeErrors.ts"
import { bearerOf, chatSessionOf, cookieOf, SESSION_COOKIE, staffOfSession } from "../http/middleware/auth.ts"
import { decodeOrInvalidEffect } from "../http/validate.ts"

export type SocketIdentity =
  | {
      readonly role: "staff"
      readonly shopId: Ids.ShopId
      readonly staffId: Ids.StaffId
      /** The server-held session the token names: the room closes the tab when it ends. @see R0.2 */
      readonly sessionId: string
      readonly since: number | null
    }
  | {
      readonly role: "shopper"
      readonly shopId: Ids.ShopId
      readonly customerId: Ids.CustomerId
      readonly conversationId: Ids.ConversationId
      readonly since: number | null
    }

const sameOrigin = (request: Request, url: URL): boolean => {
  const origin = request.headers.get("origin")
  if (origin === null) return false
  try {
    return new URL(origin).host === (request.headers.get("host") ?? url.host)
  } catch {
    return false
  }
}

/** The identity behind a WebSocket handshake, or the error that refuses it (its status and body as for HTTP). */
export const socketIdentity = Effect.fn("SocketAuth.socketIdentity")(function* (request: Request) {
  const url = new URL(request.url)
  const query = Object.fromEntries(url.searchParams)
  if (url.pathname === Api.realtime.merchant.path) {
    const { since } = yield* decodeOrInvalidEffect(Api.realtime.merchant.query, query)
    const header = bearerOf(request)
    const cookie = cookieOf(request, SESSION_COOKIE)
    if (header === null && cookie === null) return yield* Effect.fail(new Unauthorized())
    // A cookie rides along on a cross-site handshake too: without our own origin it proves nothing.
    if (header === null && !sameOrigin(request, url)) return yield* Effect.fail(new CsrfTokenMismatch())
    const { staff, sessionId } = yield* staffOfSession(header ?? cookie ?? "", true)
    const identity: SocketIdentity = {
      role: "staff",
      shopId: staff.shopId,
      staffId: staff.id,
      sessionId,
      since: since ?? null,
    }
    return identity
  }
  if (url.pathname === Api.realtime.shopper.path) {
    const { token, since } = yield* decodeOrInvalidEffect(Api.realtime.shopper.query, query)
    // From the session's own storefront (or our own frame), while that storefront is listed.
    const chat = yield* chatSessionOf(token, {
      origin: request.headers.get("origin"),
      sameOrigin: sameOrigin(request, url),
    })
    const identity: SocketIdentity = {
      role: "shopper",
      shopId: chat.shopId as Ids.ShopId,
      customerId: chat.customerId as Ids.CustomerId,
      conversationId: chat.conversationId as Ids.ConversationId,
      since: since ?? null,
    }
    return identity
  }
  return yield* Effect.fail(new RouteNotFound({ path: url.pathname }))
})
