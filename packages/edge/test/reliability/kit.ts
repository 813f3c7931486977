/**
 * What the reliability and security checks share: requests against an in-process app, staff and shopper
 * sign-in, and a dump of every table (to prove a refused request changed nothing).
 */
import type { Client } from "@libsql/client"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"

export interface AppLike {
  readonly request: (input: string, init?: RequestInit) => Response | Promise<Response>
}

export interface Call extends Omit<RequestInit, "body"> {
  readonly token?: string
  /** A JS value is sent as JSON; a string or bytes as they are. */
  readonly body?: unknown
}

export const call = (app: AppLike, path: string, init: Call = {}): Promise<Response> => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  let body: BodyInit | undefined
  if (typeof init.body === "string" || init.body instanceof Uint8Array) body = init.body as BodyInit
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body)
    if (!headers.has("content-type")) headers.set("content-type", "application/json")
  }
  const { token: _t, body: _b, ...rest } = init
  return Promise.resolve(
    app.request(`http://127.0.0.1${path}`, { ...rest, headers, ...(body === undefined ? {} : { body }) }),
  )
}

export const jsonOf = async (r: Response): Promise<Record<string, unknown>> =>
  (await r.json()) as Record<string, unknown>

/** The password of every seeded demo account. */
export const DEMO_PASSWORD = "inbox-demo"

export const login = async (app: AppLike, email: string, password = DEMO_PASSWORD) => {
  const r = await call(app, "/api/auth/login", { method: "POST", body: { email, password } })
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${await r.text()}`)
  return (await r.json()) as { token: string; csrfToken: string; staff: { id: string }; shop: { id: string } }
}

export const startChat = async (
  app: AppLike,
  shopId: string,
  clientId: string,
  email: string | null = null,
  /** The address the app sees in process (as on Workers); each gets its own rate-limit bucket. */
  address = "local",
) => {
  const r = await call(app, `/api/store/${shopId}/chat`, {
    method: "POST",
    headers: { "cf-connecting-ip": address },
    body: { email, origin: DEMO_STOREFRONT, clientId },
  })
  if (r.status !== 201) throw new Error(`start chat ${clientId}: ${r.status} ${await r.text()}`)
  return (await r.json()) as { token: string; conversationId: string; customerId: string }
}

/** True when the body is the app's one error shape `{error: {code, message, details}}`. */
export const isErrorBody = (u: unknown): u is { error: { code: string; message: string } } => {
  if (typeof u !== "object" || u === null) return false
  const e = (u as { error?: unknown }).error
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    (e as { code: string }).code !== "" &&
    typeof (e as { message?: unknown }).message === "string" &&
    (e as { message: string }).message !== ""
  )
}

/** Every user table, every row, in a stable order: equal dumps mean an unchanged database. */
export const dumpTables = async (client: Client): Promise<string> => {
  const tables = await client.execute(
    // Not the message index (message_search, its FTS5 shadow tables and its progress mark): derived from the
    // event log and filled by the search that needs it (repo/Search.ts), so a search may write it.
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%drizzle%' AND name NOT LIKE 'message\\_search%' ESCAPE '\\' ORDER BY name",
  )
  const parts: Array<string> = []
  for (const row of tables.rows) {
    const name = String(row.name)
    // WITHOUT ROWID tables (e.g. the FTS5 index's shadow tables) have no rowid: their primary key orders them.
    const withoutRowid = await client.execute({
      sql: "SELECT wr FROM pragma_table_list WHERE name = ?",
      args: [name],
    })
    const order = Number(withoutRowid.rows[0]?.wr ?? 0) === 1 ? "1" : "rowid"
    const rows = await client.execute(`SELECT * FROM "${name}" ORDER BY ${order}`)
    parts.push(`${name}:${JSON.stringify(rows.rows)}`)
  }
  return parts.join("\n")
}

/** A tiny valid PNG (1×1), for uploads that must pass the magic-byte check. */
export const PNG_1x1 = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
)

/** The shop a webhook path names (`/api/webhooks/<platform>/<shop>[/receipts]`): whose secret signs it. */
export const shopInPath = (path: string): string => {
  const part = new URL(path, "http://127.0.0.1").pathname.split("/")[4] ?? ""
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
