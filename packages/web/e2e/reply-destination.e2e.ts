/**
 * Story: before sending, the composer says where the reply will go. An email conversation on the embedded
 * default (no SMTP server) says the reply is saved on this computer and links the saved emails, where the
 * sent reply then is; the Channels dialog says how each channel is set up. @see R2
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, it } from "vitest"
import { conversationHeading, row, signedInPage } from "./setup/browser.ts"

describe("where the reply goes", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await signedInPage())
  })

  afterAll(() => browser?.close())

  it("R2 an email reply says it is saved locally, and the saved emails page lists it", async () => {
    await row(page, "Noah Schmidt").click()
    await conversationHeading(page, "Noah Schmidt").waitFor()
    const form = page.getByRole("form", { name: "Reply" })
    await form.getByText("By email to noah.schmidt@example.de").waitFor()
    await form.getByText(/saved on this computer/).waitFor()
    const composer = page.getByRole("textbox", { name: "Reply" })
    await composer.fill("Your return label is attached.")
    await composer.press("Enter")
    await page
      .getByRole("log", { name: "Messages" })
      .getByRole("listitem")
      .filter({ hasText: "Your return label is attached." })
      // Sent: the route alone, no "Sending…" after it.
      .getByText(/Sent by email to noah\.schmidt@example\.de$/)
      .waitFor()
    const [saved] = await Promise.all([
      page.context().waitForEvent("page"),
      form.getByRole("link", { name: "Open saved emails" }).click(),
    ])
    await saved.getByRole("heading", { name: "Captured email replies" }).waitFor()
    // "Sent" is shown only once the delivery is recorded, after the .eml is written (a reply starts as
    // "Sending…"), so the page lists it on its first load; the newest capture to Noah is this reply.
    const mail = saved
      .getByRole("row")
      .filter({ has: saved.getByRole("cell", { name: "noah.schmidt@example.de" }) })
    await mail.first().getByRole("link").click()
    await saved
      .getByText(/Your return label is attached\./)
      .first()
      .waitFor()
    await saved.close()
  })

  it("R2 an Instagram conversation says it leaves on Instagram; the Channels dialog says what is set up", async () => {
    await row(page, "Emily Chen").click()
    await conversationHeading(page, "Emily Chen").waitFor()
    await page
      .getByRole("form", { name: "Reply" })
      .getByText(/On Instagram/)
      .waitFor()
    await page.getByText("Tools").click()
    await page.getByRole("button", { name: "Channels" }).click()
    const dialog = page.getByRole("dialog", { name: "Channels" })
    await dialog.getByText(/replies are saved on this computer/).waitFor()
    await dialog.getByText(/Not set up on this inbox/).waitFor()
    await dialog.getByRole("button", { name: "Close" }).click()
  })
})
