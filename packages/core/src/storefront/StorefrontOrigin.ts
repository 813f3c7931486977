/**
 * The sites a shop's chat may run on. An origin is `scheme://host[:port]` exactly as browsers send it in the
 * `Origin` header; the chat starts, and its session works, only from one of the shop's listed origins. Pure.
 */
import { Option, Result, Schema } from "effect"
import { OriginInvalid, TooManyOrigins } from "./errors.ts"

/** Lower-case http(s) origin with no path, no trailing slash and no default port. */
export const ORIGIN_PATTERN =
  /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::[1-9][0-9]{0,4})?$/u

export const StorefrontOrigin = Schema.String.check(
  Schema.isMaxLength(255),
  Schema.isPattern(ORIGIN_PATTERN),
).pipe(Schema.brand("StorefrontOrigin"))
export type StorefrontOrigin = typeof StorefrontOrigin.Type

/** A shop lists its storefront domains (primary, www, preview): twenty is plenty and bounds every check. */
export const MAX_ALLOWED_ORIGINS = 20

/** A well-formed origin (what the database holds is checked again before it reaches a header). */
export const isValid = Schema.is(StorefrontOrigin)

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//iu
const AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/iu
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[^:]+)(?::([0-9]{1,5}))?$/iu

/**
 * What a merchant typed or pasted (`Shop.example.com`, `https://shop.example.com/products/x`) as an origin:
 * https when no scheme is given, host lower-cased, path, query and default port dropped. None when it is not
 * an http(s) address or carries credentials. (Plain string rules: the core runs where no URL class is.)
 */
export const normalize = (input: string): Option.Option<StorefrontOrigin> => {
  const trimmed = input.trim()
  if (trimmed === "" || trimmed.length > 2048) return Option.none()
  const parts = AUTHORITY.exec(SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`)
  const scheme = parts?.[1]?.toLowerCase()
  const authority = parts?.[2] ?? ""
  if ((scheme !== "http" && scheme !== "https") || authority.includes("@")) return Option.none()
  const hostPort = HOST_PORT.exec(authority)
  if (hostPort === null) return Option.none()
  const port = hostPort[2] === undefined ? null : Number(hostPort[2])
  const isDefault = port === (scheme === "https" ? 443 : 80)
  const origin = `${scheme}://${hostPort[1]!.toLowerCase()}${port === null || isDefault ? "" : `:${port}`}`
  return isValid(origin) ? Option.some(origin) : Option.none()
}

/** The shop's list as the merchant entered it: each normalised, duplicates removed, order kept. */
export const validateList = (
  inputs: ReadonlyArray<string>,
): Result.Result<ReadonlyArray<StorefrontOrigin>, OriginInvalid | TooManyOrigins> => {
  const list: StorefrontOrigin[] = []
  for (const input of inputs) {
    const origin = normalize(input)
    if (Option.isNone(origin)) return Result.fail(new OriginInvalid({ origin: input.slice(0, 255) }))
    if (!list.includes(origin.value)) list.push(origin.value)
  }
  if (list.length > MAX_ALLOWED_ORIGINS)
    return Result.fail(new TooManyOrigins({ count: list.length, max: MAX_ALLOWED_ORIGINS }))
  return Result.succeed(list)
}

/**
 * Whether a browser's `Origin` may use the shop's chat: an exact match with a listed origin. No wildcards:
 * `https://evil.shop.example` is not `https://shop.example`.
 */
export const isAllowed = (allowed: ReadonlyArray<string>, origin: string | null | undefined): boolean =>
  origin !== null && origin !== undefined && allowed.includes(origin)

/**
 * Where a product path of the catalogue (`/products/linen-shirt`) opens: on the storefront the shopper is on.
 * Absolute http(s) URLs (a Shopify `onlineStoreUrl`) are kept; anything else has no link.
 */
export const productUrl = (url: string, storefront: string | null): string | null => {
  if (/\s/u.test(url)) return null
  if (/^https?:\/\/[^/?#]+/iu.test(url)) return url
  return url.startsWith("/") && !url.startsWith("//") && storefront !== null && isValid(storefront)
    ? `${storefront}${url}`
    : null
}
