/**
 * Abuse limits for the public routes: an in-memory token bucket per key (chat session, client address),
 * the same on Node and Workers. A refused request is a 429 `RateLimited` with `Retry-After`.
 */
import type { Context } from "hono"

export interface BucketLimit {
  /** Requests a key may make in a burst. */
  readonly capacity: number
  /** Tokens given back per second. */
  readonly refillPerSecond: number
}

/** The app's limits; a host (tests, load runs) may pass its own. */
export interface RateLimits {
  /** Storefront chat routes, per chat session (conversation). */
  readonly chat: BucketLimit
  /** Starting a chat and reading the store, per client address. */
  readonly storefront: BucketLimit
  /** Staff sign-in attempts, per client address (each costs a PBKDF2 hash). */
  readonly login: BucketLimit
  /**
   * Failed sign-ins per account (or, for a browser that signed in to it before, per that browser): past it
   * the account answers 429 to strangers until the bucket refills, while its owner's browser keeps its own.
   */
  readonly account: BucketLimit
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  chat: { capacity: 30, refillPerSecond: 1 },
  storefront: { capacity: 60, refillPerSecond: 2 },
  login: { capacity: 30, refillPerSecond: 1 },
  account: { capacity: 10, refillPerSecond: 1 / 60 },
}

const UNLIMITED: BucketLimit = { capacity: Number.MAX_SAFE_INTEGER, refillPerSecond: Number.MAX_SAFE_INTEGER }

/**
 * `INBOX_RATE_LIMITS=off` lifts every limit (load benchmarks driving one session from one address);
 * anything else keeps the defaults.
 */
export const rateLimitsFromEnv = (value: string | undefined): RateLimits =>
  value === "off"
    ? { chat: UNLIMITED, storefront: UNLIMITED, login: UNLIMITED, account: UNLIMITED }
    : DEFAULT_RATE_LIMITS

/** Keys kept at most; past it the stalest buckets go first (a full bucket loses nothing by being forgotten). */
const MAX_KEYS = 10_000

export interface TokenBuckets {
  /** Takes one token for `key` at `now` (ms): null when allowed, else the seconds to wait. */
  readonly take: (key: string, now: number) => number | null
  /** Like `take`, but only looks: null while `key` has a token left. */
  readonly peek: (key: string, now: number) => number | null
}

export const tokenBuckets = (limit: BucketLimit): TokenBuckets => {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const tokensAt = (key: string, now: number): number => {
    const found = buckets.get(key)
    const elapsed = found === undefined ? 0 : Math.max(0, now - found.at) / 1000
    return Math.min(limit.capacity, (found?.tokens ?? limit.capacity) + elapsed * limit.refillPerSecond)
  }
  const waitFor = (tokens: number): number => Math.max(1, Math.ceil((1 - tokens) / limit.refillPerSecond))
  return {
    take: (key, now) => {
      const tokens = tokensAt(key, now)
      // Re-insert so the Map's order is least recently used first.
      buckets.delete(key)
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now })
        return waitFor(tokens)
      }
      buckets.set(key, { tokens: tokens - 1, at: now })
      if (buckets.size > MAX_KEYS) {
        const oldest = buckets.keys().next()
        if (oldest.done !== true) buckets.delete(oldest.value)
      }
      return null
    },
    peek: (key, now) => {
      const tokens = tokensAt(key, now)
      return tokens < 1 ? waitFor(tokens) : null
    },
  }
}

/**
 * The caller's address: the socket on Node (where a `cf-connecting-ip` header would be the client's own
 * word), Cloudflare's header on Workers; never a client-supplied X-Forwarded-For.
 */
export const clientAddress = (c: Context): string => {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  if (incoming !== undefined) return incoming.socket?.remoteAddress ?? "unknown"
  return c.req.header("cf-connecting-ip") ?? "local"
}
