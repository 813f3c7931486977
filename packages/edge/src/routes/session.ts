/** Staff sign-in, sign-out and "who am I". @see R0.2 */
import type { Api, LoginResponse } from "@inbox/core/wire"
import { Effect } from "effect"
import { decoyHash, verifyPassword } from "../auth/Password.ts"
import { randomToken, TokenSigner } from "../auth/Token.ts"
import { InvalidCredentials, ShopNotFound } from "../http/EdgeErrors.ts"
import { CSRF_COOKIE, SESSION_COOKIE } from "../http/middleware/auth.ts"
import type { HttpHandlers } from "../http/serve.ts"
import { Directory } from "../repo/Directory.ts"
import { staffView } from "../workflows/Merchant.ts"

/** A staff session lasts a week. */
const SESSION_SECONDS = 7 * 24 * 3600

/** Cookies are Secure everywhere but on a loopback host (the laptop demo over plain http). */
const secureFor = (url: string): boolean => {
  const host = new URL(url).hostname
  return !(host === "localhost" || host === "127.0.0.1" || host === "[::1]")
}

export const sessionHandlers: HttpHandlers<typeof Api.session> = {
  login: ({ body: { email, password }, exchange }) =>
    Effect.gen(function* () {
      const directory = yield* Directory
      const staff = yield* directory.staffByEmail(email)
      // Hash even for an unknown email, so the answer time does not tell which emails exist.
      const ok = yield* Effect.promise(() => verifyPassword(password, staff?.passwordHash ?? decoyHash))
      if (staff === null || !ok) return yield* Effect.fail(new InvalidCredentials())
      const shop = yield* directory.shop(staff.shopId)
      if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId: staff.shopId }))
      const csrfToken = randomToken()
      const signer = yield* TokenSigner
      const token = yield* Effect.promise(() =>
        signer.sign({
          kind: "staff",
          shopId: staff.shopId,
          staffId: staff.id,
          csrf: csrfToken,
          exp: Date.now() + SESSION_SECONDS * 1000,
        }),
      )
      const secure = secureFor(exchange.url)
      const cookie = { sameSite: "Lax", secure, path: "/", maxAge: SESSION_SECONDS } as const
      exchange.setCookie(SESSION_COOKIE, token, { ...cookie, httpOnly: true })
      exchange.setCookie(CSRF_COOKIE, csrfToken, { ...cookie, httpOnly: false })
      const answer: LoginResponse = { staff: staffView(staff), shop, token, csrfToken }
      return answer
    }),
  logout: ({ exchange }) =>
    Effect.sync(() => {
      exchange.deleteCookie(SESSION_COOKIE)
      exchange.deleteCookie(CSRF_COOKIE)
      return undefined
    }),
  me: ({ staff }) =>
    Effect.gen(function* () {
      const shop = yield* (yield* Directory).shop(staff.shopId)
      if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId: staff.shopId }))
      return { staff: staffView(staff), shop }
    }),
}
