/**
 * Story: the connection drops while the merchant sends. The reply stays in the composer with a retry, the
 * retry is answered without writing twice (same client message id), and Shift+Enter breaks the line.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, launch, newContext, row, signIn } from "./setup/browser.ts"

describe("composer keeps a failed reply", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launch()
    page = await (await newContext(browser)).newPage()
    await signIn(page)
    await row(page, "Sophie Laurent").click()
    await conversationHeading(page, "Sophie Laurent").waitFor()
  })

  afterAll(() => browser?.close())

  it("Shift+Enter adds a line; a failed send keeps the text and Retry sends it exactly once", async () => {
    const composer = page.getByRole("textbox", { name: "Reply" })
    await composer.fill("Your parcel is on its way.")
    await composer.press("Shift+Enter")
    await composer.pressSequentially("Tracking follows by email.")
    assert.equal(await composer.inputValue(), "Your parcel is on its way.\nTracking follows by email.")

    // The server receives and commits the reply, but its answer is lost on the way back.
    await page.route("**/replies", async (route) => {
      await route.fetch()
      await route.abort("internetdisconnected")
    })
    await composer.press("Enter")
    const alert = page.getByRole("form", { name: "Reply" }).getByRole("alert")
    await alert.getByText(/Your reply was not sent/).waitFor()
    assert.equal(await composer.inputValue(), "Your parcel is on its way.\nTracking follows by email.")

    await page.unroute("**/replies")
    await alert.getByRole("button", { name: "Retry" }).click()
    // Sent: the composer is empty again (its placeholder shows).
    await composer.and(page.locator(":placeholder-shown")).waitFor()
    const thread = page.getByRole("log", { name: "Messages" })
    await thread.getByText("Tracking follows by email.").waitFor()
    assert.equal(await thread.getByText(/Your parcel is on its way/).count(), 1)
  })
})
