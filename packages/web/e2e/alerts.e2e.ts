/**
 * Story: the merchant is busy elsewhere when a shopper writes. The tab title counts unread conversations
 * and, with the browser's permission, a desktop notification names the shopper.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { baseURL, launch, newContext, row, signIn, startChat } from "./setup/browser.ts"

const unreadInTitle = (page: Page) =>
  page.evaluate(() => Number(/^\((\d+)\)/.exec(document.title)?.[1] ?? "0"))

describe("title count and desktop notification", () => {
  let browser: Browser
  let merchant: Page

  beforeAll(async () => {
    browser = await launch()
    const context = await newContext(browser)
    await context.grantPermissions(["notifications"], { origin: baseURL() })
    // Records what the app shows, then lets the browser's own Notification do its work.
    await context.addInitScript(() => {
      const Native = window.Notification
      const shown: { title: string; body: string }[] = []
      Object.assign(window, { __notifications: shown })
      class Recorded extends Native {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options)
          shown.push({ title, body: options?.body ?? "" })
        }
      }
      Object.defineProperty(window, "Notification", { value: Recorded, configurable: true })
    })
    merchant = await context.newPage()
    await signIn(merchant)
  })

  afterAll(() => browser?.close())

  it("a new customer message raises the title count and a notification while another conversation is open", async () => {
    await row(merchant, "Sophie Laurent").click()
    await merchant.getByRole("button", { name: "Notifications on" }).waitFor()
    const before = await unreadInTitle(merchant)
    const shopper = await (await newContext(browser)).newPage()
    await startChat(shopper, { name: "Nina Roux", message: "Do you ship to Belgium?" })
    await row(merchant, "Nina Roux").waitFor()
    await merchant.waitForFunction((n) => document.title.startsWith(`(${n}) `), before + 1)
    const shown = await merchant.evaluate(
      () => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications,
    )
    assert.deepInclude(shown, { title: "New message from Nina Roux", body: "Do you ship to Belgium?" })
  })
})
