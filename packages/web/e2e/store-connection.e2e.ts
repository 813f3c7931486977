/**
 * Story: the owner opens Settings → Store connection and reads which store the inbox uses (its own catalogue
 * in the demo), the addresses to give a Shopify app, and that Shopify is not set up here; then, in a
 * customer's profile, "Show all orders" lists every order, each reference linking to the shop's admin. @see R23
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { baseURL, conversationHeading, row, signedInPage } from "./setup/browser.ts"
import { openTool } from "./setup/tools.ts"

describe("store connection", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await signedInPage())
  })

  afterAll(() => browser?.close())

  it("shows the built-in catalogue as the source, the URLs for a Shopify app, and why Connect is not offered", async () => {
    await openTool(page, "Store connection")
    const dialog = page.getByRole("dialog", { name: "Store connection" })
    await dialog
      .getByRole("status")
      .getByText(/come from the inbox's own catalogue/)
      .waitFor()
    const text = (await dialog.textContent()) ?? ""
    assert.include(text, `${baseURL()}/api/shopify/install`)
    assert.include(text, `${baseURL()}/api/shopify/callback`)
    assert.include(text, `${baseURL()}/api/shopify/webhooks`)
    assert.include(text, "Shopify is not set up on this inbox yet")
    assert.equal(await dialog.getByRole("button", { name: "Connect Shopify" }).count(), 0)
    await page.keyboard.press("Escape")
    await dialog.waitFor({ state: "detached" })
  })

  it("R23 'Show all orders' lists every order of the customer, newest first, with links to the admin", async () => {
    await row(page, "Sophie Laurent").click()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    const profile = page.getByRole("complementary").filter({ hasText: "Last order" })
    await profile.getByRole("button", { name: "Show all orders" }).click()
    const list = page.getByRole("list", { name: "All orders" })
    await list.getByRole("listitem").first().waitFor()
    const refs = await list.getByRole("link").allTextContents()
    assert.isAtLeast(refs.length, 2)
    const numbers = refs.map((r) => Number(r.replace("#", "")))
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => b - a),
      "newest first",
    )
    const href = await list.getByRole("link").first().getAttribute("href")
    assert.match(href ?? "", /^https:\/\/admin\.example\/demo\/orders\//)
    await profile.getByRole("button", { name: "Hide the orders" }).click()
    await list.waitFor({ state: "detached" })
  })
})
