/**
 * The demo shop's own storefront, on a second origin: an ordinary Shopify-like shop page that embeds the
 * chat exactly as a merchant's theme would (one widget.js tag), with a strict Content-Security-Policy, and
 * Shopify's Ajax Cart API answered by AjaxCart. `npm start` runs it beside the inbox; the browser tests use
 * it as the local stand-in for a Shopify store.
 */
import { randomBytes } from "node:crypto"
import { readFile } from "node:fs/promises"
import { extname, join, normalize, sep } from "node:path"
import { serve } from "@hono/node-server"
import { type Context, Hono } from "hono"
import { getCookie, setCookie } from "hono/cookie"
import { CartError, type Catalogue, makeCarts } from "./AjaxCart.ts"

export interface DemoStorefrontOptions {
  readonly port: number
  readonly hostname: string
  /** Where the inbox serves widget.js. */
  readonly inboxUrl: string
  readonly shopId: string
  /** The built web app: its store page is this shop's theme. */
  readonly webDist: string
  readonly catalogue: () => Promise<Catalogue>
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
}

/** JSON inside a <script> element: no `<` can close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll("<", "\\u003c")

const attribute = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")

/** A strict policy as a careful merchant has it: own scripts by nonce, plus the three lines the chat needs. */
export const storefrontPolicy = (inbox: string, nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${inbox}`,
    `frame-src ${inbox}`,
    `connect-src 'self' ${inbox}`,
    "style-src 'self'",
    "img-src 'self' data: https:",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ")

export const startDemoStorefront = async (options: DemoStorefrontOptions) => {
  const inbox = new URL(options.inboxUrl).origin
  let catalogue: Catalogue = await options.catalogue()
  const carts = makeCarts(() => catalogue)
  const theme = await readFile(join(options.webDist, "store.html"), "utf8")
  const assets = join(options.webDist, "assets")

  const tokenOf = (c: Context) => {
    const existing = getCookie(c, "cart")
    if (existing !== undefined && /^[A-Za-z0-9-]{8,64}$/.test(existing)) return existing
    const token = `c1-${randomBytes(16).toString("hex")}`
    setCookie(c, "cart", token, { path: "/", sameSite: "Lax" })
    return token
  }

  const body = async (c: {
    req: { header: (n: string) => string | undefined; text: () => Promise<string> }
  }) => {
    const text = await c.req.text()
    if ((c.req.header("content-type") ?? "").includes("application/x-www-form-urlencoded"))
      return Object.fromEntries(new URLSearchParams(text)) as Record<string, unknown>
    try {
      const parsed: unknown = text === "" ? {} : JSON.parse(text)
      return (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>
    } catch {
      throw new CartError(400, "Invalid JSON")
    }
  }

  const page = async (nonce: string) => {
    catalogue = await options.catalogue()
    const shopify = {
      shop: `${options.shopId}.myshopify.example`,
      routes: { root: "/" },
      currency: { active: catalogue.currency },
    }
    const head = [
      `<script nonce="${nonce}">window.Shopify = ${scriptJson(shopify)}</script>`,
      `<script type="application/json" id="catalogue">${scriptJson(catalogue)}</script>`,
    ].join("\n    ")
    const tag = `<script src="${attribute(`${inbox}/widget.js`)}" data-shop="${attribute(options.shopId)}" async></script>`
    return theme.replace("</head>", `    ${head}\n  </head>`).replace("</body>", `    ${tag}\n  </body>`)
  }

  const app = new Hono()
    .onError((err, c) => {
      if (err instanceof CartError) return c.json(err.body(), err.status as 400)
      console.error(err)
      return c.json({ status: 500, message: "Error", description: "" }, 500)
    })
    .get("/cart.js", (c) => c.json(carts.cart(tokenOf(c))))
    .post("/cart/add.js", async (c) => c.json(carts.add(tokenOf(c), await body(c))))
    .post("/cart/change.js", async (c) => c.json(carts.change(tokenOf(c), await body(c))))
    .post("/cart/update.js", async (c) => c.json(carts.update(tokenOf(c), await body(c))))
    .post("/cart/clear.js", (c) => c.json(carts.clear(tokenOf(c))))
    .get("/discount/:code", (c) => {
      const code = c.req.param("code")
      carts.discountLink(tokenOf(c), code)
      setCookie(c, "discount_code", code, { path: "/", sameSite: "Lax" })
      const next = c.req.query("redirect") ?? "/"
      return c.redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/", 302)
    })
    .get("/assets/*", async (c) => {
      const path = normalize(join(assets, decodeURIComponent(c.req.path.slice("/assets/".length))))
      if (!path.startsWith(assets + sep)) return c.notFound()
      const bytes = await readFile(path).catch(() => null)
      if (bytes === null) return c.notFound()
      return c.body(new Uint8Array(bytes), 200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": "public, max-age=31536000, immutable",
      })
    })
    .get("*", async (c) => {
      const path = c.req.path
      if (path !== "/" && !/^\/products\/[a-z0-9-]+$/.test(path)) return c.notFound()
      const nonce = randomBytes(16).toString("base64")
      tokenOf(c)
      return c.html(await page(nonce), 200, {
        "content-security-policy": storefrontPolicy(inbox, nonce),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      })
    })

  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname })
  await new Promise<void>((ok, fail) => {
    server.once("listening", () => ok())
    server.once("error", fail)
  })
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : options.port
  return {
    url: `http://${options.hostname}:${port}`,
    carts,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
