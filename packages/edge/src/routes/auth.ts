/** Staff sign-in, sign-out and "who am I". @see R0.2 */
import { LoginBody, type LoginResponse, type Me } from "@inbox/core/wire"
import { Effect } from "effect"
import { Hono } from "hono"
import { deleteCookie, setCookie } from "hono/cookie"
import { decoyHash, verifyPassword } from "../auth/Password.ts"
import { randomToken, TokenSigner } from "../auth/Token.ts"
import { InvalidCredentials, ShopNotFound } from "../http/EdgeErrors.ts"
import { type AppEnv, CSRF_COOKIE, SESSION_COOKIE, signedIn } from "../http/middleware/auth.ts"
import { clientAddress, DEFAULT_RATE_LIMITS, rateLimit } from "../http/middleware/rateLimit.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import { Directory } from "../repo/Directory.ts"
import { staffView } from "../workflows/Merchant.ts"

/** A staff session lasts a week. */
const SESSION_SECONDS = 7 * 24 * 3600

/** Cookies are Secure everywhere but on a loopback host (the laptop demo over plain http). */
const secureFor = (url: string): boolean => {
  const host = new URL(url).hostname
  return !(host === "localhost" || host === "127.0.0.1" || host === "[::1]")
}

export const authRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  // Each attempt costs a PBKDF2 hash: a bucket per address keeps guessing and CPU burning slow.
  const limited = rateLimit((runtime.rateLimits ?? DEFAULT_RATE_LIMITS).login, clientAddress)
  return new Hono<AppEnv>()
    .post("/login", limited, valid("json", LoginBody), async (c) => {
      const { email, password } = c.req.valid("json")
      const answer = await run(
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
          const body: LoginResponse = { staff: staffView(staff), shop, token, csrfToken }
          return body
        }),
      )
      const secure = secureFor(c.req.url)
      setCookie(c, SESSION_COOKIE, answer.token, {
        httpOnly: true,
        sameSite: "Lax",
        secure,
        path: "/",
        maxAge: SESSION_SECONDS,
      })
      setCookie(c, CSRF_COOKIE, answer.csrfToken, {
        httpOnly: false,
        sameSite: "Lax",
        secure,
        path: "/",
        maxAge: SESSION_SECONDS,
      })
      return c.json(answer, 200)
    })
    .post("/logout", async (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: "/" })
      deleteCookie(c, CSRF_COOKIE, { path: "/" })
      return c.body(null, 204)
    })
}

export const meRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>().get("/", signedIn(runtime), async (c) => {
    const staff = c.get("staff")
    const shop = await run(
      Effect.gen(function* () {
        const s = yield* (yield* Directory).shop(staff.shopId)
        if (s === null) return yield* Effect.fail(new ShopNotFound({ shopId: staff.shopId }))
        return s
      }),
    )
    const body: Me = { staff: staffView(staff), shop }
    return c.json(body, 200)
  })
}
