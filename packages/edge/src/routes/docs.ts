/**
 * OpenAPI 3.1 generated from the wire Schemas (`Schema.toJsonSchemaDocument`), served at /api/openapi.json,
 * and a small interactive reference at /api/docs (same-origin script, so the CSP stays strict).
 */
import { Notifications } from "@inbox/core"
import * as W from "@inbox/core/wire"
import { JsonSchema, Schema } from "effect"
import { Hono } from "hono"

interface Operation {
  readonly method: "get" | "post" | "put" | "delete"
  readonly path: string
  readonly summary: string
  readonly auth: "staff" | "shopper" | "none" | "webhook"
  readonly query?: Schema.Top
  readonly body?: Schema.Top
  readonly bodyType?: string
  readonly response?: Schema.Top
  readonly status?: number
}

const OPERATIONS: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/api/auth/login",
    summary: "Staff sign-in",
    auth: "none",
    body: W.LoginBody,
    response: W.LoginResponse,
  },
  { method: "post", path: "/api/auth/logout", summary: "Sign out", auth: "none", status: 204 },
  {
    method: "get",
    path: "/api/me",
    summary: "Signed-in staff member and shop",
    auth: "staff",
    response: W.Me,
  },
  {
    method: "get",
    path: "/api/conversations",
    summary: "Inbox list (filters, keyset pages)",
    auth: "staff",
    query: W.InboxQuery,
    response: W.InboxPage,
  },
  {
    method: "get",
    path: "/api/conversations/{id}",
    summary: "Conversation and thread",
    auth: "staff",
    response: W.ConversationDetail,
  },
  {
    method: "post",
    path: "/api/conversations/{id}/replies",
    summary: "Reply (idempotent by clientMessageId)",
    auth: "staff",
    body: W.ReplyBody,
    response: W.ReplyResponse,
    status: 201,
  },
  {
    method: "post",
    path: "/api/conversations/{id}/status",
    summary: "Open or close",
    auth: "staff",
    body: W.StatusBody,
    response: W.ConversationResponse,
  },
  {
    method: "post",
    path: "/api/conversations/{id}/read",
    summary: "Mark read",
    auth: "staff",
    response: W.ConversationResponse,
  },
  {
    method: "post",
    path: "/api/conversations/{id}/unread",
    summary: "Mark unread",
    auth: "staff",
    response: W.ConversationResponse,
  },
  {
    method: "put",
    path: "/api/conversations/{id}/assignee",
    summary: "Assign",
    auth: "staff",
    body: W.AssigneeBody,
    response: W.ConversationResponse,
  },
  {
    method: "delete",
    path: "/api/conversations/{id}/assignee",
    summary: "Unassign",
    auth: "staff",
    response: W.ConversationResponse,
  },
  {
    method: "get",
    path: "/api/staff",
    summary: "Staff (assignable=true: chat permission only)",
    auth: "staff",
    query: W.StaffQuery,
    response: W.StaffList,
  },
  {
    method: "get",
    path: "/api/products",
    summary: "Search products to share",
    auth: "staff",
    query: W.SearchQuery,
    response: W.ProductList,
  },
  {
    method: "get",
    path: "/api/discounts",
    summary: "Search discount codes",
    auth: "staff",
    query: W.SearchQuery,
    response: W.DiscountList,
  },
  {
    method: "get",
    path: "/api/customers/{id}/profile",
    summary: "Customer profile",
    auth: "staff",
    query: W.ProfileQuery,
  },
  {
    method: "put",
    path: "/api/customers/{id}/note",
    summary: "Internal note",
    auth: "staff",
    body: W.NoteBody,
    response: W.NoteBody,
  },
  {
    method: "post",
    path: "/api/images",
    summary: "Upload an image (raw bytes, ≤ 5 MB)",
    auth: "staff",
    bodyType: "image/*",
    response: W.ImageUploaded,
    status: 201,
  },
  { method: "get", path: "/api/images/{id}", summary: "Image bytes", auth: "none", bodyType: "image/*" },
  {
    method: "get",
    path: "/api/store/{shopId}",
    summary: "Storefront catalogue",
    auth: "none",
    response: W.Store,
  },
  {
    method: "post",
    path: "/api/store/{shopId}/chat",
    summary: "Start or resume a chat",
    auth: "none",
    body: W.StartChatBody,
    response: W.ChatStarted,
    status: 201,
  },
  {
    method: "get",
    path: "/api/store/chat",
    summary: "My conversation, cart and shared codes",
    auth: "shopper",
    response: W.ChatView,
  },
  {
    method: "post",
    path: "/api/store/chat/messages",
    summary: "Send a message (idempotent)",
    auth: "shopper",
    body: W.ChatMessageBody,
    response: W.ChatMessageSent,
    status: 201,
  },
  {
    method: "post",
    path: "/api/store/chat/cart",
    summary: "Add to cart",
    auth: "shopper",
    body: W.CartChangeBody,
    response: W.CartResponse,
  },
  {
    method: "post",
    path: "/api/store/chat/cart/remove",
    summary: "Remove from cart",
    auth: "shopper",
    body: W.CartChangeBody,
    response: W.CartResponse,
  },
  {
    method: "post",
    path: "/api/store/chat/discount",
    summary: "Apply a code shared in this chat",
    auth: "shopper",
    body: W.ApplyDiscountBody,
    response: W.CartResponse,
  },
  {
    method: "post",
    path: "/api/conversations/{id}/replies/{seq}/retry",
    summary: "Retry a failed reply (never sends twice)",
    auth: "staff",
    response: W.RetryResponse,
  },
  {
    method: "put",
    path: "/api/conversations/{id}/block",
    summary: "Block the sender (their messages land closed in the Blocked list)",
    auth: "staff",
    response: W.ConversationResponse,
  },
  {
    method: "delete",
    path: "/api/conversations/{id}/block",
    summary: "Unblock the sender (the conversation reopens)",
    auth: "staff",
    response: W.ConversationResponse,
  },
  {
    method: "post",
    path: "/api/webhooks/{platform}/{shopId}/receipts",
    summary: "Platform delivery receipt (HMAC-signed): a sent reply becomes delivered",
    auth: "webhook",
    body: W.DeliveryReceipt,
    status: 202,
  },
  {
    method: "get",
    path: "/api/notification-settings",
    summary: "My notification settings",
    auth: "staff",
    response: Notifications.NotificationSettings,
  },
  {
    method: "put",
    path: "/api/notification-settings",
    summary: "Set my notification settings",
    auth: "staff",
    body: Notifications.NotificationSettings,
    response: Notifications.NotificationSettings,
  },
  {
    method: "get",
    path: "/api/metrics",
    summary: "Inbox metrics over a date range (today, yesterday, 7d, 30d, last_month, custom)",
    auth: "staff",
    query: W.MetricsQuery,
    response: W.MetricsResponse,
  },
  {
    method: "get",
    path: "/api/search",
    summary: "Search conversations by customer name, email and message text (highlighted)",
    auth: "staff",
    query: W.ConversationSearchQuery,
    response: W.SearchResults,
  },
  {
    method: "get",
    path: "/api/saved-replies",
    summary: "Saved replies",
    auth: "staff",
    response: W.SavedReplyList,
  },
  {
    method: "post",
    path: "/api/saved-replies",
    summary: "Create a saved reply",
    auth: "staff",
    body: W.SavedReplyBody,
    response: W.SavedReplyResponse,
    status: 201,
  },
  {
    method: "put",
    path: "/api/saved-replies/{id}",
    summary: "Edit a saved reply",
    auth: "staff",
    body: W.SavedReplyBody,
    response: W.SavedReplyResponse,
  },
  {
    method: "delete",
    path: "/api/saved-replies/{id}",
    summary: "Delete a saved reply",
    auth: "staff",
    status: 204,
  },
  {
    method: "get",
    path: "/api/settings/availability",
    summary: "Availability hours and automatic first replies",
    auth: "staff",
    response: W.AvailabilitySettings,
  },
  {
    method: "put",
    path: "/api/settings/availability",
    summary: "Set availability hours and automatic first replies",
    auth: "staff",
    body: W.AvailabilitySettings,
    response: W.AvailabilitySettings,
  },
  {
    method: "get",
    path: "/api/store-availability/{shopId}",
    summary: "Whether the shop is available now, and when next",
    auth: "none",
    response: W.StoreAvailability,
  },
  {
    method: "post",
    path: "/api/webhooks/{platform}/{shopId}",
    summary: "Inbound platform message (HMAC-signed)",
    auth: "webhook",
    body: W.InboundMessage,
    status: 202,
  },
]

/** Converts one Schema to an OpenAPI 3.1 schema, collecting its definitions as components. */
const toOpenApi = (schema: Schema.Top, components: Record<string, unknown>): unknown => {
  const doc = Schema.toJsonSchemaDocument(schema)
  const multi = JsonSchema.toMultiDocumentOpenApi3_1({
    dialect: doc.dialect,
    schemas: [doc.schema],
    definitions: doc.definitions,
  })
  Object.assign(components, multi.definitions)
  return multi.schemas[0]
}

export const openApiDocument = (): Record<string, unknown> => {
  const components: Record<string, unknown> = {}
  const errorSchema = toOpenApi(W.ErrorBody, components)
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }))
    const query =
      op.query === undefined
        ? []
        : Object.entries(
            ((toOpenApi(op.query, components) as { properties?: Record<string, unknown> }).properties ??
              {}) as Record<string, unknown>,
          ).map(([name, schema]) => ({ name, in: "query", required: false, schema }))
    const status = String(op.status ?? 200)
    const content =
      op.response !== undefined
        ? { "application/json": { schema: toOpenApi(op.response, components) } }
        : op.bodyType !== undefined && op.method === "get"
          ? { [op.bodyType]: { schema: { type: "string", format: "binary" } } }
          : undefined
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      summary: op.summary,
      security:
        op.auth === "staff"
          ? [{ bearer: [] }, { cookie: [] }]
          : op.auth === "shopper"
            ? [{ chatToken: [] }]
            : op.auth === "webhook"
              ? [{ signature: [] }]
              : [],
      parameters: [...params, ...query],
      ...(op.body !== undefined
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toOpenApi(op.body, components) } },
            },
          }
        : op.bodyType !== undefined && op.method === "post"
          ? {
              requestBody: {
                required: true,
                content: { [op.bodyType]: { schema: { type: "string", format: "binary" } } },
              },
            }
          : {}),
      responses: {
        [status]: content === undefined ? { description: "OK" } : { description: "OK", content },
        default: { description: "Error", content: { "application/json": { schema: errorSchema } } },
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
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Staff session token from /api/auth/login" },
        cookie: {
          type: "apiKey",
          in: "cookie",
          name: "inbox_session",
          description: "Plus x-inbox-csrf on mutations",
        },
        chatToken: { type: "http", scheme: "bearer", description: "Shopper chat-session token" },
        signature: {
          type: "apiKey",
          in: "header",
          name: "x-inbox-signature",
          description: "sha256=<hex HMAC of the body>",
        },
      },
    },
  }
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inbox API reference</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 2rem;color:#1a1a1a}
details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.5rem 1rem}summary{cursor:pointer}
code,pre,textarea{font:13px ui-monospace,monospace}pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:24rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}textarea{width:100%;min-height:6rem}
label{display:block;margin:.25rem 0}</style></head>
<body><h1>Inbox API reference</h1><p>Generated from the Schemas in <code>@inbox/core/wire</code>:
<a href="/api/openapi.json">openapi.json</a>. Sign in with <code>POST /api/auth/login</code>; the token is then sent as a bearer token.</p>
<label>Bearer token <input id="token" size="60" autocomplete="off"></label>
<main id="ops" aria-live="polite">Loading…</main><script src="/api/docs/app.js" type="module"></script></body></html>`

const DOCS_JS = `const ops = document.getElementById("ops");
const spec = await (await fetch("/api/openapi.json")).json();
ops.textContent = "";
for (const [path, methods] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(methods)) {
  const d = document.createElement("details");
  const s = document.createElement("summary");
  const m = document.createElement("span"); m.className = "m"; m.textContent = method; s.append(m, path + " — " + op.summary);
  d.append(s);
  const schema = document.createElement("pre"); schema.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2);
  const url = document.createElement("input"); url.size = 70; url.value = path;
  const body = document.createElement("textarea"); body.placeholder = "JSON body";
  const send = document.createElement("button"); send.type = "button"; send.textContent = "Send";
  const out = document.createElement("pre");
  send.onclick = async () => {
    const headers = { "content-type": "application/json" };
    const token = document.getElementById("token").value.trim(); if (token) headers.authorization = "Bearer " + token;
    const res = await fetch(url.value, { method: method.toUpperCase(), headers, body: method === "get" || method === "delete" ? undefined : body.value || "{}" });
    const text = await res.text();
    out.textContent = res.status + "\\n" + text;
    try { const j = JSON.parse(text); if (j.token && path === "/api/auth/login") document.getElementById("token").value = j.token; } catch {}
  };
  const lu = document.createElement("label"); lu.append("URL ", url);
  d.append(schema, lu, body, send, out);
  ops.append(d);
}`

export const docsRoutes = () => {
  const doc = openApiDocument()
  return new Hono()
    .get("/openapi.json", (c) => c.json(doc, 200))
    .get("/docs", (c) => c.html(DOCS_HTML, 200))
    .get("/docs/app.js", (c) => c.body(DOCS_JS, 200, { "content-type": "text/javascript; charset=utf-8" }))
}
