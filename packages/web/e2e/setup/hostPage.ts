/**
 * A merchant's site that is not the demo store: a page on its own loopback origin with a strict
 * Content-Security-Policy (only the three lines the README asks for, no inline anything) and a hostile theme
 * (fixtures/host), with or without the widget.js tag, optionally for a signed-in customer.
 */
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import { fileURLToPath } from "node:url"

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/host/${name}`, import.meta.url)), "utf8")

const attribute = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")

/** The merchant's policy: their own files, plus `script-src`, `frame-src` and `connect-src` for the inbox. */
export const hostPolicy = (inbox: string) =>
  [
    "default-src 'none'",
    `script-src 'self' ${inbox}`,
    `frame-src ${inbox}`,
    `connect-src ${inbox}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ")

export interface HostPage {
  /** The listed origin the tests add to the demo shop (127.0.0.1). */
  readonly origin: string
  /** The same server under another name (localhost): an origin the shop never listed. */
  readonly unlisted: string
  readonly close: () => Promise<void>
}

/**
 * `/page` (the theme without the chat) and `/page?chat=1` (with the widget's tag); `customer`, `email`,
 * `name` and `signature` put a signed-in customer on the tag as the Shopify app embed does.
 */
export const startHostPage = async (inboxURL: string): Promise<HostPage> => {
  const inbox = new URL(inboxURL).origin
  const page = fixture("page.html")
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://host")
    const send = (type: string, body: string) => {
      response.writeHead(200, {
        "content-type": `${type}; charset=utf-8`,
        "content-security-policy": hostPolicy(inbox),
        "cache-control": "no-store",
      })
      response.end(body)
    }
    if (url.pathname === "/host.js") return send("text/javascript", fixture("host.js"))
    if (url.pathname === "/hostile.css") return send("text/css", fixture("hostile.css"))
    if (url.pathname !== "/page") {
      response.writeHead(404).end()
      return
    }
    const q = url.searchParams
    const customer = q.has("customer")
      ? [
          `data-customer-id="${attribute(q.get("customer") ?? "")}"`,
          `data-customer-email="${attribute(q.get("email") ?? "")}"`,
          `data-customer-name="${attribute(q.get("name") ?? "")}"`,
          `data-customer-signature="${attribute(q.get("signature") ?? "")}"`,
        ].join(" ")
      : ""
    // Without the chat an inert element takes the tag's place, so `:last-child` rules match the same nodes.
    const tag = q.has("chat")
      ? `<script src="${inbox}/widget.js" data-shop="demo" data-platform="none" ${customer} async></script>`
      : `<script type="application/json">{}</script>`
    send("text/html", page.replace("<!--WIDGET-->", tag))
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()))
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : 0
  return {
    origin: `http://127.0.0.1:${port}`,
    unlisted: `http://localhost:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
