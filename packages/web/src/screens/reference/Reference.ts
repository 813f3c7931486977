/**
 * The API reference: each operation of the OpenAPI document with its parameters, body and answers, and a
 * form to try it against this server (a bearer token from sign-in, kept in the page only).
 */
import { h } from "../../components/element.ts"

interface Operation {
  readonly operationId?: string
  readonly summary?: string
  readonly parameters?: unknown
  readonly requestBody?: unknown
  readonly responses?: unknown
}

const METHODS = new Set(["get", "post", "put", "delete"])

const operationsOf = (document: Readonly<Record<string, unknown>>) => {
  const paths = (document.paths ?? {}) as Readonly<Record<string, Readonly<Record<string, Operation>>>>
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ path, method, op })),
  )
}

/** Sends one request as typed in the form and shows the status and the body as text. */
const tryIt = (method: string, path: string, token: HTMLInputElement): HTMLElement => {
  const url = h("input", { class: "reference__url", value: path, "aria-label": "URL" })
  const body = h("textarea", {
    class: "reference__body",
    placeholder: "JSON body",
    "aria-label": "JSON body",
  })
  const out = h("pre", { class: "reference__out", "aria-live": "polite" })
  const send = async () => {
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (token.value.trim() !== "") headers.authorization = `Bearer ${token.value.trim()}`
    const hasBody = method !== "get" && method !== "delete"
    const response = await fetch(url.value, {
      method: method.toUpperCase(),
      headers,
      ...(hasBody ? { body: body.value || "{}" } : {}),
    })
    const text = await response.text()
    out.textContent = `${response.status}\n${text}`
    if (path === "/api/auth/login" && response.ok) {
      const answer: unknown = JSON.parse(text)
      if (
        typeof answer === "object" &&
        answer !== null &&
        "token" in answer &&
        typeof answer.token === "string"
      )
        token.value = answer.token
    }
  }
  return h(
    "div",
    { class: "reference__try" },
    url,
    method === "get" || method === "delete" ? null : body,
    h("button", { type: "button", class: "button", onclick: () => void send() }, "Send"),
    out,
  )
}

export const renderReference = (root: HTMLElement, document: Readonly<Record<string, unknown>>): void => {
  const token = h("input", { size: 60, autocomplete: "off", "aria-label": "Bearer token" })
  root.replaceChildren(
    h("h1", null, "Inbox API reference"),
    h(
      "p",
      null,
      "Derived from the API declaration in @inbox/core/wire: ",
      h("a", { href: "/api/openapi.json" }, "openapi.json"),
      ". Sign in with POST /api/auth/login; its token is then sent as a bearer token.",
    ),
    h("label", { class: "reference__token" }, "Bearer token ", token),
    ...operationsOf(document).map(({ path, method, op }) =>
      h(
        "details",
        { class: "reference__op", id: op.operationId ?? `${method} ${path}` },
        h(
          "summary",
          null,
          h("span", { class: "reference__method" }, method.toUpperCase()),
          ` ${path} — ${op.summary ?? ""}`,
        ),
        h(
          "pre",
          { class: "reference__schema" },
          JSON.stringify(
            { parameters: op.parameters, requestBody: op.requestBody, responses: op.responses },
            null,
            2,
          ),
        ),
        tryIt(method, path, token),
      ),
    ),
  )
}
