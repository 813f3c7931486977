/**
 * The browser's only door to the edge API: JSON over fetch, CSRF header on cookie-authenticated
 * mutations, and failures as `ApiError` carrying the server's `{ error: { code, message, details } }`.
 */
import { locale } from "../i18n/Locale.ts"

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

const cookie = (name: string): string | null => {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=")
    if (k === name) return decodeURIComponent(v.join("="))
  }
  return null
}

export interface RequestOptions {
  readonly body?: unknown
  /** Raw bytes (image upload); sent with their own content type instead of JSON. */
  readonly blob?: Blob
  /** A chat-session token for the storefront; staff use the session cookie instead. */
  readonly bearer?: string | null
  readonly signal?: AbortSignal
}

export const request = async <T>(method: string, path: string, options: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": locale() }
  let body: BodyInit | undefined
  if (options.blob !== undefined) {
    body = options.blob
    headers["content-type"] = options.blob.type
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers["content-type"] = "application/json"
  }
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`
  if (method !== "GET") {
    const csrf = cookie("inbox_csrf")
    if (csrf !== null) headers["x-inbox-csrf"] = csrf
  }
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e
    throw new ApiError(NETWORK_ERROR, "", 0, {})
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  let json: unknown = null
  try {
    json = text === "" ? null : JSON.parse(text)
  } catch {
    json = null
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
      ?.error
    throw new ApiError(
      err?.code ?? `Http${response.status}`,
      err?.message ?? "",
      response.status,
      err?.details ?? {},
    )
  }
  return json as T
}

/** The WebSocket URL for an API path on this origin. */
export const socketUrl = (path: string): string =>
  `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`

/** A client-generated id, so a retried send is recognised by the server (idempotency). */
export const clientId = (): string =>
  crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
