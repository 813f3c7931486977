/**
 * The Graph API calls of the Meta adapter, over fetch (both runtimes): the Send API and the customer's public
 * profile. The base URL and version are configuration, so a local fake Graph API can stand in for Meta.
 * Errors come back as Meta's `{ error: { code, error_subcode, message } }`, read into a reason the merchant
 * can act on, and whether retrying can help. @see R2
 */
import type { DeliveryFailure, MessagingWindow } from "@inbox/core"

export interface GraphConfig {
  /** `https://graph.facebook.com` (`INBOX_META_GRAPH_URL`). */
  readonly baseUrl: string
  /** `v25.0` (`INBOX_META_GRAPH_VERSION`). */
  readonly version: string
  readonly timeoutMs: number
}

/** One message of the Send API: a text, or an image by URL. */
export type OutgoingPart =
  | { readonly _tag: "text"; readonly text: string }
  | { readonly _tag: "image"; readonly url: string }

export interface SendRequest {
  readonly pageId: string
  readonly accessToken: string
  readonly recipient: string
  readonly messaging: MessagingWindow.MessagingType
  readonly part: OutgoingPart
  /** Comes back in the echo (`message.metadata`, Messenger): how our own sends are recognised. */
  readonly metadata: string
}

/** A refused or failed Graph call: the merchant's reason (a code), and whether the same call later can succeed. */
export class GraphFailure extends Error {
  readonly failure: DeliveryFailure.DeliveryFailure
  readonly permanent: boolean
  constructor(code: DeliveryFailure.DeliveryFailureCode, detail: string, permanent: boolean) {
    super(`${code}: ${detail}`)
    this.failure = { code, detail }
    this.permanent = permanent
  }
}

interface GraphError {
  readonly message?: string
  readonly code?: number
  readonly error_subcode?: number
}

/**
 * Meta's error codes (developers.facebook.com/docs/messenger-platform/error-codes) as the merchant reads them.
 * Permanent ones are not retried: the same request would be refused again.
 */
export const reasonOf = (status: number, error: GraphError | undefined): GraphFailure => {
  const code = error?.code
  const sub = error?.error_subcode
  // Meta's own words, for the detail (its error texts are in English only).
  const said = `${code ?? status}${sub === undefined ? "" : `/${sub}`}: ${(error?.message ?? `HTTP ${status}`).slice(0, 200)}`
  if (code === 10 && (sub === 2018278 || sub === 2018108 || sub === 2534022))
    return new GraphFailure("outside_messaging_window", said, true)
  if (code === 190 || code === 102) return new GraphFailure("meta_token_invalid", said, true)
  if (code === 200 || code === 10 || code === 3)
    return new GraphFailure("meta_permission_missing", said, true)
  if (code === 551 || sub === 1545041) return new GraphFailure("meta_recipient_unavailable", said, true)
  if (code === 4 || code === 32 || code === 613 || status === 429)
    return new GraphFailure("meta_rate_limited", said, false)
  return new GraphFailure("meta_refused", said, status >= 400 && status < 500 && status !== 408)
}

const url = (config: GraphConfig, path: string): string =>
  `${config.baseUrl.replace(/\/+$/, "")}/${config.version}/${path}`

const call = async (config: GraphConfig, path: string, init: RequestInit & { token: string }) => {
  let response: Response
  try {
    response = await fetch(url(config, path), {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${init.token}` },
      signal: AbortSignal.timeout(config.timeoutMs),
    })
  } catch (e) {
    throw new GraphFailure("meta_unreachable", e instanceof Error ? e.message : String(e), false)
  }
  const text = await response.text()
  let body: unknown = null
  try {
    body = JSON.parse(text)
  } catch {}
  if (!response.ok) throw reasonOf(response.status, (body as { error?: GraphError } | null)?.error)
  return body as Record<string, unknown> | null
}

/** `POST /{version}/{PAGE_ID}/messages`: one message; answers Meta's `message_id`. */
export const sendMessage = async (config: GraphConfig, request: SendRequest): Promise<string> => {
  const message =
    request.part._tag === "text"
      ? { text: request.part.text, metadata: request.metadata }
      : {
          attachment: { type: "image", payload: { url: request.part.url, is_reusable: true } },
          metadata: request.metadata,
        }
  const body = await call(config, `${encodeURIComponent(request.pageId)}/messages`, {
    method: "POST",
    token: request.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      recipient: { id: request.recipient },
      messaging_type: request.messaging.messagingType,
      ...(request.messaging.messagingType === "MESSAGE_TAG" ? { tag: request.messaging.tag } : {}),
      message,
    }),
  })
  const id = body?.message_id
  if (typeof id !== "string" || id === "")
    throw new GraphFailure("meta_refused", "no message_id in the answer", false)
  return id
}

/** The customer's display name (`GET /{PSID}`), or null when Meta does not give it (no permission, deleted). */
export const profileName = async (
  config: GraphConfig,
  accessToken: string,
  platform: "messenger" | "instagram",
  customerId: string,
): Promise<string | null> => {
  try {
    const fields = platform === "instagram" ? "name,username" : "first_name,last_name"
    const body = await call(config, `${encodeURIComponent(customerId)}?fields=${fields}`, {
      method: "GET",
      token: accessToken,
    })
    const parts =
      platform === "instagram" ? [body?.name ?? body?.username] : [body?.first_name, body?.last_name]
    const name = parts.filter((p): p is string => typeof p === "string" && p.trim() !== "").join(" ")
    return name === "" ? null : name.slice(0, 120)
  } catch {
    return null
  }
}
