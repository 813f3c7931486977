/**
 * The security headers every answer carries (what hono's secureHeaders sets with our policy), computed once.
 * An answer built with `securedAnswer` has them in its plain header object already: on Node that answer is
 * written as it is, where setting them afterwards makes the adapter build a `Headers` (12 checks and sets,
 * then converted back) for every request, ~4% of a message's CPU (#17). Any other answer gets them after its
 * handler; a header the handler set itself is kept (the widget's loader and frame set their own embedding).
 */
import type { MiddlewareHandler } from "hono"

/** The policy: the API reference page loads its viewer from the same origin only; inline styles for Vite. */
const CONTENT_SECURITY_POLICY: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["default-src", ["'self'"]],
  ["script-src", ["'self'"]],
  ["style-src", ["'self'", "'unsafe-inline'"]],
  ["img-src", ["'self'", "data:", "blob:"]],
  // 'self' covers same-origin ws:/wss: in CSP Level 3 browsers: a page cannot open sockets elsewhere.
  ["connect-src", ["'self'"]],
  ["frame-ancestors", ["'none'"]],
  ["base-uri", ["'self'"]],
  ["form-action", ["'self'"]],
  ["object-src", ["'none'"]],
]

/** Names in lower case, as `Headers` gives them back; values as hono's secureHeaders writes them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "cross-origin-resource-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "strict-origin-when-cross-origin",
  "strict-transport-security": "max-age=15552000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
  "content-security-policy": CONTENT_SECURITY_POLICY.map(([name, values]) =>
    [name, ...values].join(" "),
  ).join("; "),
}

const ENTRIES = Object.entries(SECURITY_HEADERS)

/** Answers built by `securedAnswer`: they carry the headers already. */
const secured = new WeakSet<Response>()

/**
 * An answer with the security headers in its header object. Only for an answer nothing else has added headers
 * to (no cookie set, no CORS): whatever the context holds is not merged into it.
 */
export const securedAnswer = (
  body: string,
  status: number,
  headers: Readonly<Record<string, string>>,
): Response => {
  const response = new Response(body, { status, headers: { ...SECURITY_HEADERS, ...headers } })
  secured.add(response)
  return response
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  if (secured.has(c.res)) return
  const headers = c.res.headers
  for (const [name, value] of ENTRIES) if (!headers.has(name)) headers.set(name, value)
  headers.delete("x-powered-by")
}
