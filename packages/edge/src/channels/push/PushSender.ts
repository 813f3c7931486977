/**
 * Port: hand one notification to a browser's push service (RFC 8030), encrypted for that browser (RFC 8291)
 * and signed with the deployment's VAPID key (RFC 8292). Node sends with `web-push`, Workers with
 * `@pushforge/builder` over fetch (WebCrypto only).
 */
import { Context, type Effect, Schema } from "effect"
import { fromB64url, toB64url } from "../../auth/Base64url.ts"

export interface VapidKeys {
  /** base64url of the uncompressed P-256 public point (what browsers subscribe with). */
  readonly publicKey: string
  /** base64url of the private scalar. */
  readonly privateKey: string
  /** A `mailto:` or `https:` contact the push services may use. */
  readonly subject: string
}

export interface PushTarget {
  readonly endpoint: string
  readonly p256dh: string
  readonly auth: string
}

/** The push service refused or could not be reached; `gone` (404/410): the browser unsubscribed. */
export class PushFailed extends Schema.TaggedError<PushFailed>()("PushFailed", {
  status: Schema.Int,
  gone: Schema.Boolean,
}) {}

export class PushSender extends Context.Service<
  PushSender,
  {
    readonly vapid: VapidKeys
    readonly send: (target: PushTarget, payload: string) => Effect.Effect<void, PushFailed>
  }
>()("@inbox/edge/channels/push/PushSender") {}

export const isGone = (status: number): boolean => status === 404 || status === 410

/** A P-256 private key as a JWK (RFC 7518), spelled out: the Node-only programs that import this have no DOM types. */
export interface PrivateJwk {
  readonly kty: "EC"
  readonly crv: "P-256"
  readonly d: string
  readonly x: string
  readonly y: string
  readonly ext: boolean
}

/** The private JWK of a VAPID key pair (for WebCrypto-based senders). */
export const privateJwk = (vapid: VapidKeys): PrivateJwk => {
  const point = fromB64url(vapid.publicKey)
  return {
    kty: "EC",
    crv: "P-256",
    d: vapid.privateKey,
    x: toB64url(point.slice(1, 33)),
    y: toB64url(point.slice(33, 65)),
    ext: true,
  }
}
