/** Request bodies the workerd tests send more than once. */

/** A plain-text merchant reply with a fresh client id (no products, discount or image). */
export const textReply = (text: string): string =>
  JSON.stringify({
    clientMessageId: crypto.randomUUID(),
    text,
    productIds: [],
    discountCode: null,
    imageId: null,
  })

/** A request to the Worker under test, with an optional staff bearer token and a JSON body. */
export const call = async (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
  const { exports } = await import("cloudflare:workers")
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  return exports.default.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers }))
}

/** A JSON response body, read ad hoc. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies ad hoc.
export const body = async (r: Response) => (await r.json()) as Record<string, any>
