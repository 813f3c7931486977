/**
 * Story: the merchant opens Metrics, reads the key figures for the last 7 days, switches to 30 days and sees one
 * bar per day and the topics customers wrote about.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { signedInPage } from "./setup/browser.ts"
import { openTool } from "./setup/tools.ts"

describe("metrics page", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await signedInPage())
  })

  afterAll(() => browser?.close())

  it("shows the figures, a bar per day and the topics, for the range chosen", async () => {
    await openTool(page, "Metrics")
    const dialog = page.getByRole("dialog", { name: "Metrics" })
    await dialog.getByText("Median first response").waitFor()
    const chart = dialog.getByRole("img", { name: /New conversations per day/ })
    await chart.waitFor()
    assert.strictEqual(await chart.locator("rect").count(), 7)

    await dialog.getByRole("combobox", { name: "Date range" }).selectOption("30d")
    await dialog.locator("[aria-busy=false]").waitFor()
    await page.waitForFunction(() => document.querySelectorAll("dialog svg rect").length === 30)
    const topics = dialog.getByRole("list", { name: "Topics" })
    assert.isAbove(await topics.getByRole("listitem").count(), 0)
    const total = Number(
      await dialog
        .locator(".metrics__tile")
        .filter({ hasText: "New conversations" })
        .locator("strong")
        .textContent(),
    )
    assert.isAbove(total, 0)
  })
})
