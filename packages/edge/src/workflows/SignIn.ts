/**
 * Staff sign-in and sign-out over server-held sessions (repo/Sessions.ts): signing out revokes the token at
 * once, sockets included. Failed attempts are limited per account, and a browser that signed in to the
 * account before keeps a budget of its own, so a stranger's guesses cannot lock its owner out. @see R0.2, L1
 */
import type { LoginBody, LoginResponse } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { decoyHash, verifyPassword } from "../auth/Password.ts"
import { DeviceToken, randomToken, TokenSigner } from "../auth/Token.ts"
import { InvalidCredentials, RateLimited, ShopNotFound } from "../http/EdgeErrors.ts"
import type { TokenBuckets } from "../http/middleware/rateLimit.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { Directory, type StaffRecord } from "../repo/Directory.ts"
import { Sessions } from "../repo/Sessions.ts"
import { staffView } from "./Merchant.ts"

/** A staff session lasts a week. */
export const SESSION_SECONDS = 7 * 24 * 3600

/** A browser stays known to an account for a year after its last sign-in. */
export const DEVICE_SECONDS = 365 * 24 * 3600

export interface SignedIn {
  readonly body: LoginResponse
  /** The browser's device token, renewed on every successful sign-in. */
  readonly device: string
}

/** The attempt budget a sign-in is counted against: its known browser's, else the account's. */
const budgetKey = (email: string, device: DeviceToken | null): string =>
  device !== null && device.email === email ? `device:${device.id}` : `account:${email}`

export const signIn = Effect.fn("SignIn.signIn")(function* (
  credentials: LoginBody,
  deviceToken: string | null,
  failures: TokenBuckets,
) {
  const signer = yield* TokenSigner
  const directory = yield* Directory
  const now = yield* Clock.currentTimeMillis
  const email = credentials.email.trim().toLowerCase()
  const device =
    deviceToken === null ? null : yield* Effect.promise(() => signer.verify(DeviceToken, deviceToken, now))
  const key = budgetKey(email, device)
  const wait = failures.peek(key, now)
  if (wait !== null) return yield* Effect.fail(new RateLimited({ retryAfterSeconds: wait }))
  const staff = yield* directory.staffByEmail(email)
  // Hash even for an unknown email, so the answer time does not tell which emails exist.
  const ok = yield* Effect.promise(() =>
    verifyPassword(credentials.password, staff?.passwordHash ?? decoyHash),
  )
  if (staff === null || !ok) {
    failures.take(key, now)
    return yield* Effect.fail(new InvalidCredentials())
  }
  const shop = yield* directory.shop(staff.shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId: staff.shopId }))
  const sid = randomToken(24)
  const expiresAt = now + SESSION_SECONDS * 1000
  yield* (yield* Sessions).open({
    id: sid,
    shopId: staff.shopId,
    staffId: staff.id,
    createdAt: now,
    expiresAt,
  })
  const csrfToken = randomToken()
  const token = yield* Effect.promise(() =>
    signer.sign({
      kind: "staff",
      shopId: staff.shopId,
      staffId: staff.id,
      sid,
      csrf: csrfToken,
      exp: expiresAt,
    }),
  )
  const device_ = yield* Effect.promise(() =>
    signer.sign({
      kind: "device",
      id: device !== null && device.email === email ? device.id : randomToken(),
      email,
      exp: now + DEVICE_SECONDS * 1000,
    }),
  )
  const body: LoginResponse = { staff: staffView(staff), shop, token, csrfToken }
  const signedIn: SignedIn = { body, device: device_ }
  return signedIn
})

/** Ends the session: its token stops working now, and the sockets it opened are closed. */
export const signOut = Effect.fn("SignIn.signOut")(function* (staff: StaffRecord, sessionId: string) {
  yield* (yield* Sessions).end(staff.shopId, sessionId)
  yield* (yield* Broadcaster).staffChanged(staff.shopId)
})
