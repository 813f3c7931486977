/**
 * Staff and shopper credentials. Staff: a signed session in the HttpOnly `inbox_session` cookie (with a
 * double-submit CSRF check on mutations) or `Authorization: Bearer`. Shoppers: a signed chat-session token
 * bound to shop + customer + conversation. @see R0.1–R0.3
 */
import { ConversationErrors, I18n, Staff } from "@inbox/core"
import { Clock, Effect } from "effect"
import type { Context } from "hono"
import { getCookie } from "hono/cookie"
import { ChatSessionToken, StaffSession, TokenSigner } from "../../auth/Token.ts"
import type { StaffRecord } from "../../repo/Directory.ts"
import { Sessions } from "../../repo/Sessions.ts"
import { CsrfTokenMismatch, Unauthorized } from "../EdgeErrors.ts"
import type { AppRuntime } from "../runtime.ts"
import { runWith } from "../runtime.ts"

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

const bearer = (c: Context): string | null => {
  const h = c.req.header("authorization")
  return h?.startsWith("Bearer ") ? h.slice("Bearer ".length).trim() : null
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"])

/**
 * Verifies the staff token, then its server-side session, and loads the staff member fresh: a revoked
 * permission, a removed member or a signed-out session takes effect on the next request.
 */
export const staffFrom = (runtime: AppRuntime, c: Context, requireChat: boolean) =>
  runWith(runtime)(
    Effect.gen(function* () {
      const fromHeader = bearer(c)
      const token = fromHeader ?? getCookie(c, SESSION_COOKIE) ?? null
      if (token === null) return yield* Effect.fail(new Unauthorized())
      const signer = yield* TokenSigner
      const now = yield* Clock.currentTimeMillis
      const session = yield* Effect.promise(() => signer.verify(StaffSession, token, now))
      if (session === null) return yield* Effect.fail(new Unauthorized())
      // Cookies ride along on cross-site requests; a bearer token does not, so only cookies need CSRF.
      if (fromHeader === null && !SAFE_METHODS.has(c.req.method)) {
        const header = c.req.header(CSRF_HEADER)
        if (header === undefined || header !== getCookie(c, CSRF_COOKIE) || header !== session.csrf)
          return yield* Effect.fail(new CsrfTokenMismatch())
      }
      const staff = yield* (yield* Sessions).staffOf(
        session.shopId as StaffRecord["shopId"],
        session.sid,
        now,
      )
      if (staff === null || staff.id !== session.staffId) return yield* Effect.fail(new Unauthorized())
      if (requireChat && !Staff.canChat(staff))
        return yield* Effect.fail(new ConversationErrors.StaffLacksChatPermission({ staffId: staff.id }))
      return { staff, sessionId: session.sid }
    }),
  )

export const verifyChatToken = (runtime: AppRuntime, token: string | null) =>
  runWith(runtime)(
    Effect.gen(function* () {
      if (token === null || token === "") return yield* Effect.fail(new Unauthorized())
      const signer = yield* TokenSigner
      const session = yield* Effect.promise(() => signer.verify(ChatSessionToken, token, Date.now()))
      if (session === null) return yield* Effect.fail(new Unauthorized())
      return session
    }),
  )

/** A shopper's chat session from `Authorization: Bearer <chat token>`. @see R0.3 */
export const shopperFrom = (runtime: AppRuntime, c: Context, fromQuery = false): Promise<ChatSession> =>
  // A browser cannot set a header on a WebSocket: the shopper's socket carries its token in the query.
  verifyChatToken(runtime, fromQuery ? (c.req.query("token") ?? null) : bearer(c))
