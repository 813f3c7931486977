/**
 * Story: the merchant searches for words a shopper wrote; the result names the conversation with the words
 * marked, and opening it shows the conversation.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, launch, newContext, signIn, startChat } from "./setup/browser.ts"
import { openTool } from "./setup/tools.ts"

describe("conversation search", () => {
  let browser: Browser
  let merchant: Page
  let shopper: Page

  beforeAll(async () => {
    browser = await launch()
    merchant = await (await newContext(browser)).newPage()
    shopper = await (await newContext(browser)).newPage()
    await signIn(merchant)
    await startChat(shopper, { name: "Noémie Faure", message: "Is the terracotta planter frost-proof?" })
  })

  afterAll(() => browser?.close())

  it("finds message text with the match highlighted and opens the conversation", async () => {
    await openTool(merchant, "Search messages")
    const dialog = merchant.getByRole("dialog", { name: "Search messages" })
    await dialog
      .getByRole("searchbox", { name: "Name, email or words from a message" })
      .fill("Terracotta Planter")
    const result = dialog.getByRole("button").filter({ hasText: "Noémie Faure" })
    await result.waitFor()
    assert.strictEqual(await result.locator("mark").first().textContent(), "terracotta planter")
    await result.click()
    await conversationHeading(merchant, "Noémie Faure").waitFor()
  })

  it("finds a customer by name with accents folded", async () => {
    await openTool(merchant, "Search messages")
    const dialog = merchant.getByRole("dialog", { name: "Search messages" })
    await dialog.getByRole("searchbox").fill("noemie")
    const result = dialog.getByRole("button").filter({ hasText: "Noémie Faure" })
    assert.strictEqual(await result.locator("strong mark").textContent(), "Noémie")
  })
})
