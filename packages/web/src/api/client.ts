/**
 * The typed client of the declared API (`@inbox/core/wire` `Api`): `call(Api.group.endpoint, input)` builds
 * the request from the declaration and decodes the answer, and any error body, with the same Schemas the
 * edge serves them with. Nothing crosses the wire by a cast. No DOM at import: it runs in tests on Node too.
 */
import { Endpoint, ErrorBody } from "@inbox/core/wire"
import { Option, Schema } from "effect"

export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly details: Readonly<Record<string, unknown>>
  constructor(code: string, message: string, status: number, details: Readonly<Record<string, unknown>>) {
    super(message)
    this.name = "ApiError"
    this.code = code
    this.status = status
    this.details = details
  }
}

/** Network failures (no response at all) are tagged so the UI can offer a retry. */
export const NETWORK_ERROR = "NetworkError"
/** An answer that does not match its declared Schema: a client and server out of step. */
export const INVALID_RESPONSE = "InvalidResponse"

type Encoded<S> = S extends Endpoint.Codec ? S["Encoded"] : never
type Slot<E, K extends string> = E extends { readonly [P in K]: infer S } ? S : undefined

/**
 * What a call needs, in wire form: path parameters and query as the strings they travel as, the body as
 * JSON (or a Blob for bytes). A shopper's endpoints take their chat `token`.
 */
export type CallInput<E extends Endpoint.Endpoint> = (Slot<E, "params"> extends Endpoint.Codec
  ? { readonly params: Encoded<Slot<E, "params">> }
  : { readonly params?: undefined }) &
  (Slot<E, "query"> extends Endpoint.Codec
    ? { readonly query: Encoded<Slot<E, "query">> }
    : { readonly query?: undefined }) &
  (Slot<E, "body"> extends Endpoint.Bytes
    ? { readonly body: Blob }
    : Slot<E, "body"> extends Endpoint.Codec
      ? { readonly body: Encoded<Slot<E, "body">> }
      : { readonly body?: undefined }) &
  (E["auth"] extends "shopper" ? { readonly token: string } : { readonly token?: undefined }) & {
    readonly signal?: AbortSignal
  }

/** Where and how requests go: the page's origin in the browser, any fetch in a test. */
export interface Transport {
  readonly baseUrl: string
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>
  readonly locale: () => string
  /** The CSRF token echoed on cookie-authenticated mutations. */
  readonly csrf: () => string | null
  /** A staff bearer token, for clients without the session cookie (scripts, tests); the browser has none. */
  readonly staffToken?: () => string | null
}

const isEmpty = (u: unknown): boolean =>
  u === undefined || u === null || (typeof u === "object" && Object.keys(u).length === 0)

/** The path with its `:name` segments filled, and the query string. */
export const pathOf = (endpoint: Endpoint.Endpoint, params?: unknown, query?: unknown): string => {
  const values = (params ?? {}) as Readonly<Record<string, unknown>>
  const path = endpoint.path.replaceAll(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(values[name] ?? "")),
  )
  if (isEmpty(query)) return path
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(query as Readonly<Record<string, unknown>>))
    if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) search.append(k, String(one))
  const text = search.toString()
  return text === "" ? path : `${path}?${text}`
}

const decodeError = Schema.decodeUnknownOption(ErrorBody)

export const makeClient = (transport: Transport) => {
  const call = async <E extends Endpoint.Endpoint>(
    endpoint: E,
    input: CallInput<E>,
  ): Promise<Endpoint.SuccessOf<E>> => {
    const { params, query, body, token, signal } = input as {
      params?: unknown
      query?: unknown
      body?: unknown
      token?: string
      signal?: AbortSignal
    }
    const headers: Record<string, string> = {
      accept: "application/json",
      "accept-language": transport.locale(),
    }
    let payload: BodyInit | undefined
    if (body instanceof Blob) {
      payload = body
      headers["content-type"] = body.type
    } else if (body !== undefined) {
      payload = JSON.stringify(body)
      headers["content-type"] = "application/json"
    }
    const staffToken =
      endpoint.auth === "staff" || endpoint.auth === "chatStaff" ? (transport.staffToken?.() ?? null) : null
    const bearer = token ?? staffToken
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`
    if (endpoint.method !== "GET") {
      const csrf = transport.csrf()
      if (csrf !== null) headers["x-inbox-csrf"] = csrf
    }
    let response: Response
    try {
      response = await transport.fetch(`${transport.baseUrl}${pathOf(endpoint, params, query)}`, {
        method: endpoint.method,
        headers,
        credentials: "same-origin",
        // A redirect is the answer itself (its location), not a page to follow.
        redirect: "manual",
        ...(payload === undefined ? {} : { body: payload }),
        ...(signal === undefined ? {} : { signal }),
      })
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e
      throw new ApiError(NETWORK_ERROR, "", 0, {})
    }
    const success = endpoint.success
    if (Endpoint.isRedirect(success) && (response.status === 302 || response.type === "opaqueredirect"))
      return { location: response.headers.get("location") ?? "" } as Endpoint.SuccessOf<E>
    const text = await response.text()
    let json: unknown = null
    try {
      json = text === "" ? null : JSON.parse(text)
    } catch {
      json = null
    }
    if (!response.ok) {
      const error = decodeError(json)
      if (Option.isSome(error)) {
        const { code, message, details } = error.value.error
        throw new ApiError(code, message, response.status, details)
      }
      throw new ApiError(`Http${response.status}`, "", response.status, {})
    }
    if (success === undefined || Endpoint.isRedirect(success) || Endpoint.isBytes(success))
      return undefined as Endpoint.SuccessOf<E>
    const decoded = Schema.decodeUnknownExit(success)(json)
    if (decoded._tag === "Failure") throw new ApiError(INVALID_RESPONSE, "", response.status, {})
    return decoded.value as Endpoint.SuccessOf<E>
  }

  /** The URL of an endpoint, for what the browser fetches by itself (an image's `src`). */
  const url = <E extends Endpoint.Endpoint>(endpoint: E, input: Pick<CallInput<E>, "params" | "query">) =>
    `${transport.baseUrl}${pathOf(endpoint, input.params, input.query)}`

  return { call, url }
}

/** A WebSocket endpoint's frames, decoded and encoded with its declared Schemas. */
export const framesOf = <E extends Endpoint.Endpoint & { readonly frames: Endpoint.Frames }>(endpoint: E) => {
  const decode = Schema.decodeUnknownOption(Schema.fromJsonString(endpoint.frames.server))
  const encode = Schema.encodeUnknownSync(Schema.fromJsonString(endpoint.frames.client))
  return {
    /** A frame from the server, or None when it does not match its Schema (dropped). */
    decode: (text: string): Option.Option<E["frames"]["server"]["Type"]> => decode(text),
    /** A frame to the server, in wire form (ids as the strings they are). */
    encode: (frame: E["frames"]["client"]["Encoded"]): string => encode(frame),
  }
}
