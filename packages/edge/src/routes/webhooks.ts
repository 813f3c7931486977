/** Inbound platform webhooks: the signature is checked over the raw body before anything is parsed. @see R2 */
import { InboundMessage, WebhookPath } from "@inbox/core/wire"
import { Schema } from "effect"
import { Hono } from "hono"
import { SIGNATURE_HEADER, verify } from "../auth/Signature.ts"
import { InvalidRequest, WebhookSignatureInvalid } from "../http/EdgeErrors.ts"
import type { AppEnv } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Inbound from "../workflows/Inbound.ts"

const MAX_WEBHOOK_BYTES = 256 * 1024

export const webhookRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>().post("/:platform/:shopId", valid("param", WebhookPath), async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer())
    if (
      raw.byteLength > MAX_WEBHOOK_BYTES ||
      !(await verify(runtime.webhookSecret, raw, c.req.header(SIGNATURE_HEADER)))
    )
      throw new WebhookSignatureInvalid()
    let json: unknown
    try {
      json = JSON.parse(new TextDecoder().decode(raw))
    } catch {
      throw new InvalidRequest({ issues: [{ path: [], message: "Malformed JSON" }] })
    }
    const decoded = Schema.decodeUnknownExit(InboundMessage)(json)
    if (decoded._tag === "Failure")
      throw new InvalidRequest({ issues: [{ path: [], message: "Not an InboundMessage" }] })
    const { platform, shopId } = c.req.valid("param")
    return c.json(await run(Inbound.receive(platform, shopId, decoded.value)), 202)
  })
}
