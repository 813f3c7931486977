/**
 * Story: a staff member turns off notifications for new conversations, and a new chat shows none; turned back
 * on, the next new chat notifies with the shopper's message. The browser's Notification API is observed.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { launch, newContext, row, signIn, startChat } from "./setup/browser.ts"
import { openTool } from "./setup/tools.ts"

describe("notification settings", () => {
  let browser: Browser
  let merchant: Page

  beforeAll(async () => {
    browser = await launch()
    const context = await newContext(browser)
    await context.grantPermissions(["notifications"])
    // Record notifications instead of showing them (the real API needs a desktop to display anything).
    await context.addInitScript(() => {
      const shown: Array<{ title: string; body: string }> = []
      ;(window as unknown as { shown: typeof shown }).shown = shown
      class Recorded {
        static permission = "granted"
        static requestPermission = async () => "granted"
        onclick: (() => void) | null = null
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body ?? "" })
        }
      }
      Object.defineProperty(window, "Notification", { value: Recorded })
    })
    merchant = await context.newPage()
    await signIn(merchant)
  })

  afterAll(() => browser?.close())

  const shown = () => merchant.evaluate(() => (window as unknown as { shown: Array<{ body: string }> }).shown)

  const setNewConversations = async (on: boolean) => {
    await openTool(merchant, "Notification settings")
    const dialog = merchant.getByRole("dialog", { name: "Notification settings" })
    await dialog.getByLabel("New conversations").setChecked(on)
    await dialog.getByRole("button", { name: "Save" }).click()
    await merchant.getByRole("status").getByText("Notification settings saved").last().waitFor()
  }

  it("no notification for a new conversation when that kind is off; one when it is on", async () => {
    await setNewConversations(false)
    const quiet = await (await newContext(browser)).newPage()
    await startChat(quiet, { name: "Quiet Shopper", message: "First quiet message" })
    // The row shows the message: its frame has arrived, and with it any notification it would have caused.
    await row(merchant, "Quiet Shopper").getByText("First quiet message").waitFor()
    assert.isFalse((await shown()).some((n) => n.body === "First quiet message"))

    await setNewConversations(true)
    const loud = await (await newContext(browser)).newPage()
    await startChat(loud, { name: "Loud Shopper", message: "Hello, anyone?" })
    await row(merchant, "Loud Shopper").waitFor()
    await merchant.waitForFunction(() =>
      (window as unknown as { shown: Array<{ body: string }> }).shown.some(
        (n) => n.body === "Hello, anyone?",
      ),
    )
  })
})
