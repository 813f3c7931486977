/**
 * Staff and shopper credentials. Staff: a signed session in the HttpOnly `inbox_session` cookie (with a
 * double-submit CSRF check on mutations) or `Authorization: Bearer`. Shoppers: a signed chat-session token
 * bound to shop + customer + conversation + the storefront origin it was started on. @see R0.1–R0.3
 */
import { ConversationErrors, I18n, type Ids, Staff, StorefrontErrors } from "@inbox/core"
import { Clock, Effect } from "effect"
import type { Context } from "hono"
import { parse as parseCookies } from "hono/utils/cookie"
import { ChatSessionToken, StaffSession, TokenSigner } from "../../auth/Token.ts"
import type { StaffRecord } from "../../repo/Directory.ts"
import { Sessions } from "../../repo/Sessions.ts"
import * as Storefront from "../../workflows/Storefront.ts"
import { CsrfTokenMismatch, Unauthorized } from "../EdgeErrors.ts"
import { requestOrigin } from "./storefront.ts"

export const SESSION_COOKIE = "inbox_session"
/** A browser that signed in before (see DeviceToken): HttpOnly, sent only to the sign-in route. */
export const DEVICE_COOKIE = "inbox_device"
export const CSRF_COOKIE = "inbox_csrf"
export const CSRF_HEADER = "x-inbox-csrf"

export type ChatSession = typeof ChatSessionToken.Type

export interface AppEnv {
  Variables: {
    staff: StaffRecord
    chat: ChatSession
  }
}

export const localeOf = (c: Context): I18n.Locale => I18n.pickLocale(c.req.header("accept-language"))

/** The bearer token of a request, from its `Authorization` header. */
export const bearerOf = (request: Request): string | null => {
  const h = request.headers.get("authorization")
  return h?.startsWith("Bearer ") ? h.slice("Bearer ".length).trim() : null
}

export const cookieOf = (request: Request, name: string): string | null =>
  parseCookies(request.headers.get("cookie") ?? "", name)[name] ?? null

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"])

/**
 * Verifies a staff token, then its server-side session, and loads the staff member fresh: a revoked
 * permission, a removed member or a signed-out session takes effect on the next request (or socket).
 * Untraced: it runs on every signed-in request, where a named Effect.fn's span and stack frame cost ~10 µs a
 * call and no tracer reads them (#17).
 */
export const staffOfSession = Effect.fnUntraced(function* (
  token: string,
  requireChat: boolean,
  onSession: (session: StaffSession) => Effect.Effect<void, CsrfTokenMismatch> = () => Effect.void,
) {
  const signer = yield* TokenSigner
  const now = yield* Clock.currentTimeMillis
  const known = signer.verifyKnown(StaffSession, token, now)
  const session =
    known === undefined ? yield* Effect.promise(() => signer.verify(StaffSession, token, now)) : known
  if (session === null) return yield* Effect.fail(new Unauthorized())
  yield* onSession(session)
  const staff = yield* (yield* Sessions).staffOf(session.shopId as StaffRecord["shopId"], session.sid, now)
  if (staff === null || staff.id !== session.staffId) return yield* Effect.fail(new Unauthorized())
  if (requireChat && !Staff.canChat(staff))
    return yield* Effect.fail(new ConversationErrors.StaffLacksChatPermission({ staffId: staff.id }))
  return { staff, sessionId: session.sid }
})

/** The staff member behind an HTTP request: a bearer token, or the session cookie with CSRF on mutations. */
export const staffOfRequest = (request: Request, requireChat: boolean) => {
  const fromHeader = bearerOf(request)
  const token = fromHeader ?? cookieOf(request, SESSION_COOKIE)
  if (token === null) return Effect.fail(new Unauthorized())
  // Cookies ride along on cross-site requests; a bearer token does not, so only cookies need CSRF.
  const needsCsrf = fromHeader === null && !SAFE_METHODS.has(request.method)
  return staffOfSession(token, requireChat, (session) => {
    const header = request.headers.get(CSRF_HEADER)
    return !needsCsrf ||
      (header !== null && header === cookieOf(request, CSRF_COOKIE) && header === session.csrf)
      ? Effect.void
      : Effect.fail(new CsrfTokenMismatch())
  })
}

/**
 * A shopper's chat session from its signed token, valid only where it was issued: a cross-origin browser
 * request must come from the session's own storefront origin, and that origin must still be listed (removing
 * it ends its sessions). @see R0.3
 * Untraced, as staffOfSession: every shopper request runs it.
 */
export const chatSessionOf = Effect.fnUntraced(function* (
  token: string | null,
  request: Storefront.RequestOrigin,
) {
  if (token === null || token === "") return yield* Effect.fail(new Unauthorized())
  const signer = yield* TokenSigner
  const now = yield* Clock.currentTimeMillis
  const known = signer.verifyKnown(ChatSessionToken, token, now)
  const session =
    known === undefined ? yield* Effect.promise(() => signer.verify(ChatSessionToken, token, now)) : known
  if (session === null) return yield* Effect.fail(new Unauthorized())
  if (request.origin !== null && !request.sameOrigin && request.origin !== session.origin)
    return yield* Effect.fail(new StorefrontErrors.OriginNotAllowed({ origin: request.origin }))
  yield* Storefront.requireAllowed(session.shopId as Ids.ShopId, session.origin)
  return session
})

/** A shopper's chat session from `Authorization: Bearer <chat token>`. @see R0.3 */
export const shopperOfRequest = (c: Context, fromQuery = false) =>
  // A browser cannot set a header on a WebSocket: the shopper's socket carries its token in the query.
  chatSessionOf(fromQuery ? (c.req.query("token") ?? null) : bearerOf(c.req.raw), requestOrigin(c))
