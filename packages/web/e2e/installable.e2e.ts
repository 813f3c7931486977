/**
 * Story: the inbox as an installed app. The page links a web app manifest (name, standalone, icon); a service
 * worker takes the page; with the network gone the app still opens and says it is offline (no sign-in form
 * that would fail, no stale conversations), and it starts by itself when the network is back.
 */
import type { Browser } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { launch, newContext, row, signIn } from "./setup/browser.ts"

describe("installable app", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
  })

  afterAll(() => browser?.close())

  it("links a manifest a browser can install from", async () => {
    const page = await (await newContext(browser)).newPage()
    await page.goto("/")
    const href = await page.locator('link[rel="manifest"]').getAttribute("href")
    assert.strictEqual(href, "/manifest.webmanifest")
    const response = await page.request.get(href ?? "")
    assert.strictEqual(response.status(), 200)
    const manifest = (await response.json()) as Record<string, unknown>
    assert.strictEqual(manifest.display, "standalone")
    assert.strictEqual(manifest.start_url, "/")
    const icons = manifest.icons as ReadonlyArray<{ src: string }>
    assert.isAbove(icons.length, 0)
    for (const icon of icons) assert.strictEqual((await page.request.get(icon.src)).status(), 200)
  })

  it("opens offline from its kept shell, says so honestly, and starts again when the network is back", async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page)
    // The service worker has installed (the shell is kept) and controls the page after a reload.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await row(page, "Sophie Laurent").waitFor()

    await context.setOffline(true)
    await page.reload()
    await page.getByRole("heading", { name: "You're offline" }).waitFor()
    assert.strictEqual(await page.getByLabel("Password").count(), 0)

    await context.setOffline(false)
    await page.evaluate(() => window.dispatchEvent(new Event("online")))
    await row(page, "Sophie Laurent").waitFor()
  })
})
