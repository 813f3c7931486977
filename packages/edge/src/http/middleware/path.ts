/** Paths that do not percent-decode (`/%ff`) are refused up front, before any route or asset handler sees them. */
import type { MiddlewareHandler } from "hono"
import { InvalidRequest } from "../EdgeErrors.ts"

export const decodablePath: MiddlewareHandler = async (c, next) => {
  const path = new URL(c.req.url).pathname
  try {
    decodeURIComponent(path)
  } catch {
    throw new InvalidRequest({ issues: [{ path: ["path"], message: "is not valid percent-encoded UTF-8" }] })
  }
  await next()
}
