/** Staff sign-in, sign-out and "who am I", over server-held sessions (workflows/SignIn.ts). @see R0.2 */
import type { Api } from "@inbox/core/wire"
import { Effect } from "effect"
import { ShopNotFound } from "../http/EdgeErrors.ts"
import { CSRF_COOKIE, DEVICE_COOKIE, SESSION_COOKIE } from "../http/middleware/auth.ts"
import { DEFAULT_RATE_LIMITS, tokenBuckets } from "../http/middleware/rateLimit.ts"
import type { AppRuntime } from "../http/runtime.ts"
import type { HttpHandlers } from "../http/serve.ts"
import { Directory } from "../repo/Directory.ts"
import { staffView } from "../workflows/Merchant.ts"
import * as SignIn from "../workflows/SignIn.ts"

/** Cookies are Secure everywhere but on a loopback host (the laptop demo over plain http). */
const secureFor = (url: string): boolean => {
  const host = new URL(url).hostname
  return !(host === "localhost" || host === "127.0.0.1" || host === "[::1]")
}

export const sessionHandlers = (runtime: AppRuntime): HttpHandlers<typeof Api.session> => {
  // Failed attempts per account (or per known browser), kept for this app's life. @see L1
  const failures = tokenBuckets((runtime.rateLimits ?? DEFAULT_RATE_LIMITS).account)
  return {
    login: ({ body, exchange }) =>
      Effect.gen(function* () {
        const signedIn = yield* SignIn.signIn(body, exchange.cookie(DEVICE_COOKIE) ?? null, failures)
        const secure = secureFor(exchange.url)
        const cookie = { sameSite: "Lax", secure, path: "/", maxAge: SignIn.SESSION_SECONDS } as const
        exchange.setCookie(SESSION_COOKIE, signedIn.body.token, { ...cookie, httpOnly: true })
        exchange.setCookie(CSRF_COOKIE, signedIn.body.csrfToken, { ...cookie, httpOnly: false })
        // Sent back only to the sign-in route, and only from this site.
        exchange.setCookie(DEVICE_COOKIE, signedIn.device, {
          httpOnly: true,
          sameSite: "Strict",
          secure,
          path: "/api/auth",
          maxAge: SignIn.DEVICE_SECONDS,
        })
        return signedIn.body
      }),
    // Staff auth: a cookie session must carry its CSRF token, or another site could sign the merchant out.
    logout: ({ staff, sessionId, exchange }) =>
      SignIn.signOut(staff, sessionId).pipe(
        Effect.tap(() =>
          Effect.sync(() => {
            exchange.deleteCookie(SESSION_COOKIE)
            exchange.deleteCookie(CSRF_COOKIE)
          }),
        ),
        Effect.as(undefined),
      ),
    me: ({ staff }) =>
      Effect.gen(function* () {
        const shop = yield* (yield* Directory).shop(staff.shopId)
        if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId: staff.shopId }))
        return { staff: staffView(staff), shop }
      }),
  }
}
