/**
 * The OpenAPI 3.1 document, derived from the declaration (`@inbox/core/wire` `Api`): one operation per
 * endpoint with its operationId, security, parameters and body exactly as strict as the server's decoding,
 * its success answer, and one response per error status listing the codes it may carry.
 */
import { Api, Endpoint, ErrorBody, endpoints, OutgoingWebhooks } from "@inbox/core/wire"
import { JsonSchema, Schema } from "effect"
import { STATUS } from "./errors.ts"
import { SESSION_COOKIE } from "./middleware/auth.ts"

type Json = Record<string, unknown>

/** Collects the definitions of every Schema converted, as components. */
const converter = () => {
  const components: Record<string, unknown> = {}
  const convert = (schema: Schema.Top): Json => {
    const doc = Schema.toJsonSchemaDocument(schema)
    const multi = JsonSchema.toMultiDocumentOpenApi3_1({
      dialect: doc.dialect,
      schemas: [doc.schema],
      definitions: doc.definitions,
    })
    Object.assign(components, multi.definitions)
    return multi.schemas[0] as Json
  }
  return { components, convert }
}

const SECURITY: Record<Endpoint.Auth, ReadonlyArray<Json>> = {
  staff: [{ bearer: [] }, { cookie: [] }],
  chatStaff: [{ bearer: [] }, { cookie: [] }],
  shopper: [{ chatToken: [] }],
  webhook: [{ signature: [] }],
  meta: [{ hubSignature: [] }],
  public: [],
}

const REASONS: Record<number, string> = {
  400: "The request does not match its schema",
  401: "Not signed in, or the signature or token is not valid",
  403: "Signed in, but not allowed",
  404: "Not found",
  409: "Conflicts with the current state",
  413: "Too large",
  415: "Unsupported media type",
  422: "Well-formed, but refused by a rule",
  426: "A WebSocket endpoint asked without an upgrade",
  429: "Too many requests (see Retry-After)",
  503: "The store is briefly unavailable (see Retry-After); retry with the same idempotency key",
}

export const openApiDocument = (): Json => {
  const { components, convert } = converter()
  // Path and query values arrive as text; the document states the values they decode to (an integer, an
  // enum…), which is how OpenAPI describes parameters.
  const parameters = (schema: Schema.Top | undefined, where: "path" | "query"): ReadonlyArray<Json> => {
    if (schema === undefined) return []
    const object = convert(Schema.toType(schema)) as {
      properties?: Record<string, Json>
      required?: string[]
    }
    const required = new Set(object.required ?? [])
    return Object.entries(object.properties ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === "path" || required.has(name),
      schema: s,
    }))
  }
  const errorResponses = (e: Endpoint.Endpoint): Json => {
    const byStatus = new Map<number, Array<string>>()
    for (const tag of Endpoint.errorsOf(e)) {
      const status = STATUS[tag as keyof typeof STATUS]
      if (status === undefined) throw new Error(`error ${tag} has no status in http/errors.ts`)
      byStatus.set(status, [...(byStatus.get(status) ?? []), tag])
    }
    return Object.fromEntries(
      [...byStatus.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, codes]) => [
          String(status),
          {
            description: `${REASONS[status] ?? "Error"}: ${codes.join(", ")}`,
            content: {
              "application/json": {
                schema: convert(
                  Schema.Struct({
                    error: Schema.Struct({
                      code: Schema.Literals(codes),
                      message: Schema.String,
                      details: Schema.Record(Schema.String, Schema.Unknown),
                    }),
                  }),
                ),
              },
            },
          },
        ]),
    )
  }
  const content = (slot: Endpoint.Codec | Endpoint.Bytes): Json =>
    Endpoint.isBytes(slot)
      ? { [slot.mediaType]: { schema: { type: "string", format: "binary" } } }
      : { "application/json": { schema: convert(slot) } }
  const success = (e: Endpoint.Endpoint): Json => {
    const status = String(Endpoint.successStatus(e))
    if (e.frames !== undefined)
      return {
        [status]: {
          description: "Switching to a WebSocket: frames are JSON text, `x-frames` gives their schemas",
        },
      }
    if (e.success === undefined) return { [status]: { description: "No content" } }
    if (Endpoint.isRedirect(e.success))
      return { [status]: { description: "Found", headers: { location: { schema: { type: "string" } } } } }
    return { [status]: { description: "OK", content: content(e.success) } }
  }

  const paths: Record<string, Record<string, Json>> = {}
  for (const { id, endpoint: e } of endpoints()) {
    const path = e.path.replaceAll(/:(\w+)/g, "{$1}")
    paths[path] ??= {}
    paths[path][e.method.toLowerCase()] = {
      operationId: id,
      tags: [id.split(".")[0]],
      summary: e.summary,
      security: SECURITY[e.auth],
      parameters: [...parameters(e.params, "path"), ...parameters(e.query, "query")],
      ...(e.body === undefined ? {} : { requestBody: { required: true, content: content(e.body) } }),
      ...(e.idempotencyKey === undefined
        ? {}
        : { "x-idempotency-key": `body.${e.idempotencyKey}: the same value again answers the first answer` }),
      ...(e.frames === undefined
        ? {}
        : { "x-frames": { client: convert(e.frames.client), server: convert(e.frames.server) } }),
      responses: {
        ...success(e),
        ...errorResponses(e),
        default: {
          description: "Unexpected error",
          content: { "application/json": { schema: convert(ErrorBody) } },
        },
      },
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Inbox API",
      version: "0.1.0",
      description:
        "Merchant inbox and storefront chat. Errors are { error: { code, message, details } } in the caller's language (Accept-Language: en, fr).",
    },
    servers: [{ url: "/" }],
    tags: Object.keys(Api).map((name) => ({ name })),
    paths,
    // What the inbox sends to a custom platform: its format, to build the receiving side against.
    webhooks: Object.fromEntries(
      Object.entries(OutgoingWebhooks).map(([name, hook]) => [
        name,
        {
          post: {
            operationId: `outgoing.${name}`,
            summary: hook.summary,
            security: SECURITY.webhook,
            requestBody: { required: true, content: content(hook.body) },
            responses: { "2XX": { description: "Received; anything else is retried with backoff" } },
          },
        },
      ]),
    ),
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Staff session token from /api/auth/login" },
        cookie: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description: "Plus the x-inbox-csrf header on mutations",
        },
        chatToken: { type: "http", scheme: "bearer", description: "Shopper chat-session token" },
        signature: {
          type: "apiKey",
          in: "header",
          name: "x-inbox-signature",
          description:
            "sha256=<hex HMAC-SHA256 of the raw body>, keyed with the shop's own webhook secret (npm run -w @inbox/edge webhook-secret -- <shop id>)",
        },
        hubSignature: {
          type: "apiKey",
          in: "header",
          name: "x-hub-signature-256",
          description:
            "Meta's sha256=<hex HMAC-SHA256 of the raw body with the app secret (INBOX_META_APP_SECRET)>",
        },
      },
    },
  }
}
