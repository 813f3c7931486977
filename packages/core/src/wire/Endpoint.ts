/**
 * One HTTP endpoint, declared once: its method, path, who may call it, the Schemas of its path, query, body
 * and answer, its success status, the errors it may answer and its idempotency key. The edge serves,
 * validates and documents (OpenAPI) every endpoint from this value; the web client calls it with the same
 * Schemas. Pure data: no I/O.
 */
import type { Schema } from "effect"

export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * Who may call. `staff`: any signed-in staff member (session cookie with CSRF, or bearer token); `chatStaff`:
 * staff holding the online-store-chat permission (R0.2); `shopper`: a chat-session token (R0.3); `webhook`: a
 * platform, by an HMAC signature over the raw body (`x-inbox-signature`, the deployment's or shop's secret);
 * `meta`: Meta, by `X-Hub-Signature-256` over the raw body with the app secret; `public`: anyone.
 */
export type Auth = "public" | "staff" | "chatStaff" | "shopper" | "webhook" | "meta"

/** The abuse budget a public endpoint spends: per address (store, sign-in) or per chat session. */
export type Budget = "storefront" | "login" | "chat"

/** A Schema the edge and the web both run: no services needed to decode or encode it. */
export type Codec = Schema.Codec<unknown, unknown>

/** Raw bytes instead of JSON (image upload and download); the content type travels in the header. */
export interface Bytes {
  readonly _tag: "Bytes"
  /** Media types accepted or answered, for the document. */
  readonly mediaType: string
}
export const Bytes = (mediaType: string): Bytes => ({ _tag: "Bytes", mediaType })

/** A redirection (status 302) to a page; the answer is its location. */
export interface Redirect {
  readonly _tag: "Redirect"
}
export const Redirect: Redirect = { _tag: "Redirect" }

/** The frames of a WebSocket the endpoint upgrades to, each way. */
export interface Frames {
  readonly client: Codec
  readonly server: Codec
}

export interface Options {
  /** One line for the reference. */
  readonly summary: string
  readonly auth: Auth
  /** The path parameters (`:name` segments), decoded from strings. */
  readonly params?: Codec
  /** The query string, decoded from strings. */
  readonly query?: Codec
  readonly body?: Codec | Bytes
  /** The answer; absent: no content. */
  readonly success?: Codec | Bytes | Redirect
  /** 200 by default, 204 without a success, 101 for a WebSocket. */
  readonly status?: 200 | 201 | 202 | 204 | 302
  /**
   * The error tags this endpoint may answer besides those its auth, input and budget imply (see
   * `implicitErrors`); the edge's handler may fail with these only.
   */
  readonly errors?: ReadonlyArray<string>
  /** The body field a client generates so that a retry is answered with the first answer, writing nothing. */
  readonly idempotencyKey?: string
  readonly budget?: Budget
  /**
   * `allowedOrigins`: browsers on the shop's listed storefront origins (the shop of the `shopId` path
   * parameter) may read the answer cross-origin; every other origin gets no CORS header.
   */
  readonly cors?: "allowedOrigins"
  /** Upgrades to a WebSocket with these frames. */
  readonly frames?: Frames
}

export type Endpoint = Options & { readonly method: Method; readonly path: string }

const make =
  <const M extends Method>(method: M) =>
  <const P extends `/${string}`, const O extends Options>(path: P, options: O) =>
    ({ method, path, ...options }) as { readonly method: M; readonly path: P } & O

export const get = make("GET")
export const post = make("POST")
export const put = make("PUT")
const del = make("DELETE")

export { del as delete }

/** A named set of endpoints of one domain noun (conversations, saved replies…). */
export type Group = Readonly<Record<string, Endpoint>>

/** The status of a successful answer. */
export const successStatus = (e: Endpoint): number =>
  e.frames !== undefined ? 101 : (e.status ?? (e.success === undefined ? 204 : 200))

/** The path's parameter names, in order: `/api/conversations/:id` → `["id"]`. */
export const pathParams = (path: string): ReadonlyArray<string> =>
  [...path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "")

/** The errors every endpoint of its kind may answer, whatever its handler does. */
export const implicitErrors = (e: Endpoint): ReadonlyArray<string> => {
  const tags: Array<string> = []
  const hasInput = e.params !== undefined || e.query !== undefined || e.body !== undefined
  if (hasInput) tags.push("InvalidRequest")
  if (e.body !== undefined && !isBytes(e.body)) tags.push("RequestTooLarge")
  if (e.auth === "staff" || e.auth === "chatStaff" || e.auth === "shopper") tags.push("Unauthorized")
  // A chat session works only from its storefront, while that origin stays listed.
  if (e.auth === "shopper") tags.push("OriginNotAllowed")
  if ((e.auth === "staff" || e.auth === "chatStaff") && e.method !== "GET") tags.push("CsrfTokenMismatch")
  if (e.auth === "chatStaff") tags.push("StaffLacksChatPermission")
  if (e.auth === "webhook" || e.auth === "meta") tags.push("WebhookSignatureInvalid")
  if (e.budget !== undefined) tags.push("RateLimited")
  // The client's write id again with another body, or from someone else (Stripe's rule).
  if (e.idempotencyKey !== undefined) tags.push("IdempotencyKeyReused")
  if (e.frames !== undefined) tags.push("UpgradeRequired")
  tags.push("StoreUnavailable")
  return tags
}

/** Every error tag the endpoint may answer. */
export const errorsOf = (e: Endpoint): ReadonlyArray<string> => [
  ...new Set([...implicitErrors(e), ...(e.errors ?? [])]),
]

export const isBytes = (u: unknown): u is Bytes =>
  typeof u === "object" && u !== null && (u as { _tag?: unknown })._tag === "Bytes"

export const isCodec = (u: Endpoint["success"]): u is Codec =>
  u !== undefined && !isBytes(u) && !isRedirect(u)

export const isRedirect = (u: unknown): u is Redirect =>
  typeof u === "object" && u !== null && (u as { _tag?: unknown })._tag === "Redirect"

/** A bytes answer: the bytes, their type, and headers of their own (caching, disposition). */
export interface BytesAnswer {
  readonly bytes: Uint8Array
  readonly contentType: string
  readonly headers?: Readonly<Record<string, string>>
}

export interface RedirectAnswer {
  readonly location: string
}

// Type-level views of a declaration, shared by the edge's handlers and the web client.

type Field<E, K extends string> = E extends { readonly [P in K]: infer S } ? S : undefined

/** The decoded value of a Schema slot, `undefined` when the endpoint has none. */
export type TypeOf<S> = S extends Codec ? S["Type"] : S extends Bytes ? Uint8Array : undefined

export type ParamsOf<E extends Endpoint> = TypeOf<Field<E, "params">>
export type QueryOf<E extends Endpoint> = TypeOf<Field<E, "query">>
export type BodyOf<E extends Endpoint> = TypeOf<Field<E, "body">>
export type SuccessOf<E extends Endpoint> =
  Field<E, "success"> extends Codec
    ? Field<E, "success">["Type"]
    : Field<E, "success"> extends Bytes
      ? BytesAnswer
      : Field<E, "success"> extends Redirect
        ? RedirectAnswer
        : undefined
export type DeclaredErrorOf<E extends Endpoint> = E extends { readonly errors: ReadonlyArray<infer T> }
  ? T
  : never
