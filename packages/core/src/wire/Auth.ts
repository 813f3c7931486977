/** Staff sign-in and the "who am I" answer shared by the merchant app. @see R0.1, R0.2 */
import { Schema } from "effect"
import { ShopId, StaffId } from "../ids.ts"
import { Currency } from "../money.ts"
import { isMaxChars, isMinChars, singleLine } from "../text/Text.ts"
import * as Endpoint from "./Endpoint.ts"

export const LoginBody = Schema.Struct({
  email: Schema.String.check(isMinChars(3), isMaxChars(254), singleLine),
  password: Schema.String.check(isMinChars(1), isMaxChars(256)),
})
export type LoginBody = typeof LoginBody.Type

/** A staff member as the merchant app shows them. */
export const StaffView = Schema.Struct({
  id: StaffId,
  name: Schema.String,
  email: Schema.String,
  isOwner: Schema.Boolean,
  /** Holds the online-store-chat permission (the owner always does). @see R0.2 */
  chatPermission: Schema.Boolean,
})
export type StaffView = typeof StaffView.Type

export const ShopView = Schema.Struct({ id: ShopId, name: Schema.String, currency: Currency })
export type ShopView = typeof ShopView.Type

export const Me = Schema.Struct({ staff: StaffView, shop: ShopView })
export type Me = typeof Me.Type

/**
 * Login answer: the session token (also set as the HttpOnly `inbox_session` cookie) and the CSRF token
 * (also set as the readable `inbox_csrf` cookie, echoed in the `x-inbox-csrf` header on mutations).
 */
export const LoginResponse = Schema.Struct({
  staff: StaffView,
  shop: ShopView,
  token: Schema.String,
  csrfToken: Schema.String,
})
export type LoginResponse = typeof LoginResponse.Type

export const StaffList = Schema.Struct({ staff: Schema.Array(StaffView) })
export type StaffList = typeof StaffList.Type

/** `GET /api/staff?assignable=true` lists only staff who may be assigned. @see R19 */
export const StaffQuery = Schema.Struct({
  assignable: Schema.optionalKey(Schema.Literals(["true", "false"])),
})
export type StaffQuery = typeof StaffQuery.Type

/** Staff sign-in and sign-out: the session travels as a cookie (with CSRF) or as a bearer token. */
export const SessionApi = {
  login: Endpoint.post("/api/auth/login", {
    summary: "Staff sign-in: sets the session and CSRF cookies and answers the bearer token",
    auth: "public",
    budget: "login",
    body: LoginBody,
    success: LoginResponse,
    // RateLimited also per account: too many failed attempts on it from browsers it does not know. @see L1
    errors: ["InvalidCredentials", "ShopNotFound", "RateLimited"],
  }),
  logout: Endpoint.post("/api/auth/logout", {
    summary:
      "Sign out: ends the session (its token stops working and its sockets close) and clears the cookies",
    auth: "staff",
  }),
  me: Endpoint.get("/api/me", {
    summary: "The signed-in staff member and their shop",
    auth: "staff",
    success: Me,
    errors: ["ShopNotFound"],
  }),
}

export const StaffApi = {
  list: Endpoint.get("/api/staff", {
    summary: "Staff of the shop (assignable=true: those with the chat permission)",
    auth: "chatStaff",
    query: StaffQuery,
    success: StaffList,
  }),
}
