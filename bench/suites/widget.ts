/**
 * Benchmark 8: the chat on a merchant's page. widget.js gzipped, against the chat it defers (the frame's
 * page and scripts, gzipped, which a shopper only loads on opening it); and, in Chromium, the time from the
 * moment the page asks for widget.js to a painted bubble, against a one-line script that paints a button,
 * served over loopback HTTP to the same kind of page in the same run.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createServer } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { chromium } from "playwright-core"
import { repoRoot } from "../child.ts"
import { result, type Suite } from "../suite.ts"
import { startInbox } from "./http.ts"

const webDir = join(repoRoot, "packages/web")
const dist = join(webDir, "dist")
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length

/** Both builds, as `npm run build:web` runs them, so the numbers are of this checkout. */
const build = () => {
  for (const extra of [[], ["-c", "vite.widget.config.ts"]]) {
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, "node_modules/vite/bin/vite.js"), "build", ...extra, "--logLevel", "error"],
      {
        cwd: webDir,
        encoding: "utf8",
      },
    )
    if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr}`)
  }
}

/** The chat frame's own document and every script and style it references, gzipped. */
const frameBytes = (): number => {
  const html = readFileSync(join(dist, "chat.html"), "utf8")
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => join(dist, m[1]!))
  return gz(join(dist, "chat.html")) + files.reduce((s, f) => s + gz(f), 0)
}

/**
 * A page whose inline script notes, on its own clock, when the page asked for the script (resource timing) and
 * when the chat's element (or the baseline's button) was first painted.
 */
const page = (
  script: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script>
window.painted = new Promise((done) => {
  new MutationObserver((_, observer) => {
    const el = document.querySelector("inbox-chat, #baseline")
    if (el === null) return
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))
  }).observe(document.documentElement, { childList: true, subtree: true })
})
</script></head><body><h1>A shop</h1>${script}</body></html>`

/** What the baseline paints: one button, at once. */
const BASELINE =
  'const b = document.createElement("button"); b.id = "baseline"; b.textContent = "Chat"; document.body.append(b)'

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export const widget: Suite = {
  name: "widget",
  run: async ({ quick }) => {
    build()
    const loaderGz = gz(join(dist, "widget.js"))
    const frameGz = frameBytes()
    const dir = mkdtempSync(join(tmpdir(), "inbox-bench-widget-"))
    const inbox = await startInbox(dir, undefined, { BENCH_WEB_DIST: dist })
    const pages = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://host")
      if (url.pathname === "/baseline.js") {
        response.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" })
        return response.end(BASELINE)
      }
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
      response.end(
        url.pathname === "/baseline"
          ? page('<script src="/baseline.js" async></script>')
          : page(`<script src="${inbox.base}/widget.js" data-shop="demo" async></script>`),
      )
    })
    await new Promise<void>((ok) => pages.listen(0, "127.0.0.1", () => ok()))
    const address = pages.address()
    const host = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    })
    try {
      // The bench page is a listed storefront of the demo shop, as a merchant's would be.
      const login = await fetch(`${inbox.base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
      })
      const { token } = (await login.json()) as { token: string }
      await fetch(`${inbox.base}/api/settings/storefront/allowed-origins`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ origins: [host] }),
      })
      const context = await browser.newContext()
      const measure = async (path: string, script: string) => {
        const tab = await context.newPage()
        await tab.goto(`${host}${path}`)
        const ms = await tab.evaluate(async (name) => {
          const painted = await (globalThis as unknown as { painted: Promise<number> }).painted
          const entry = performance.getEntriesByType("resource").find((e) => e.name.startsWith(name))
          return painted - (entry?.startTime ?? 0)
        }, script)
        await tab.close()
        return ms
      }
      const runs = quick ? 7 : 25
      const loader: number[] = []
      const baseline: number[] = []
      // Warm both paths once (connection, compile cache), then alternate so drift hits both alike.
      await measure("/", `${inbox.base}/widget.js`)
      await measure("/baseline", `${host}/baseline.js`)
      for (let i = 0; i < runs; i++) {
        loader.push(await measure("/", `${inbox.base}/widget.js`))
        baseline.push(await measure("/baseline", `${host}/baseline.js`))
      }
      return [
        result({
          name: "widget: widget.js gzipped vs the chat frame it defers",
          unit: "B",
          value: loaderGz,
          baseline: frameGz,
          higherIsBetter: false,
          target: "≤ 6 KB gzipped",
          met: loaderGz <= 6 * 1024,
        }),
        result({
          name: "widget: script request → painted bubble (Chromium, p50) vs a script painting a button",
          unit: "ms",
          value: median(loader),
          baseline: median(baseline),
          higherIsBetter: false,
          target: "–",
          extra: { runs, max: Math.max(...loader), baselineMax: Math.max(...baseline) },
        }),
      ]
    } finally {
      await browser.close()
      await new Promise<void>((ok) => pages.close(() => ok()))
      await inbox.server.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
