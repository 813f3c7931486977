/**
 * Story: the merchant saves a reply with variables and a discount code, then types `/tha` in the composer,
 * picks it from the list, and finds the text filled for this customer and shop with the code attached.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, launch, newContext, row, signIn } from "./setup/browser.ts"
import { openTool } from "./setup/tools.ts"

describe("saved replies in the composer", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launch()
    page = await (await newContext(browser)).newPage()
    page.on("dialog", (d) => void d.accept())
    await signIn(page)
  })

  afterAll(() => browser?.close())

  it("a saved reply is created with a shortcut, variables and a discount code", async () => {
    await openTool(page, "Saved replies")
    const dialog = page.getByRole("dialog", { name: "Saved replies" })
    await dialog.getByText("No saved replies yet.").waitFor()
    await dialog.getByRole("button", { name: "New saved reply" }).click()
    await dialog.getByLabel("Shortcut").fill("thanks")
    await dialog.getByLabel("Text").fill("Thank you {{customer.first_name}}! The {{shop.name}} team")
    await dialog.getByLabel("Discount code (optional)").fill("welcome10")
    await dialog.getByRole("button", { name: "Choose products" }).click()
    const picker = page.getByRole("dialog", { name: "Share products" })
    await picker.getByRole("checkbox", { name: /Linen shirt/ }).check()
    await picker.getByRole("button", { name: "Add to reply" }).click()
    await dialog.getByText("1 product attached").waitFor()
    await dialog.getByRole("button", { name: "Save", exact: true }).click()
    await dialog.getByText("/thanks").waitFor()
    // A second one with the same shortcut is refused with the core's message.
    await dialog.getByRole("button", { name: "New saved reply" }).click()
    await dialog.getByLabel("Shortcut").fill("THANKS")
    await dialog.getByLabel("Text").fill("again")
    await dialog.getByRole("button", { name: "Save", exact: true }).click()
    await dialog
      .getByRole("alert")
      .getByText("Another saved reply already uses the shortcut /thanks.")
      .waitFor()
    await dialog.getByRole("button", { name: "Close" }).click()
  })

  it("typing /tha offers it; Enter fills the variables for this conversation and attaches the code", async () => {
    await row(page, "Sophie Laurent").click()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    const composer = page.getByRole("textbox", { name: "Reply" })
    await composer.pressSequentially("/tha")
    const option = page
      .getByRole("listbox", { name: /Saved replies/ })
      .getByRole("option", { name: /\/thanks/ })
    await option.waitFor()
    await composer.press("Enter")
    const attachments = page.getByRole("group", { name: "Attachments" })
    await attachments.getByText(/WELCOME10/).waitFor()
    await attachments.getByText("Linen shirt").waitFor()
    assert.equal(await composer.inputValue(), "Thank you Sophie! The Maison Lumière team")
    // Nothing was sent: Enter belonged to the list.
    assert.equal(await page.getByRole("log", { name: "Messages" }).getByText("Thank you Sophie!").count(), 0)
    await composer.fill("")
  })

  it("the picker button lists saved replies and inserts one", async () => {
    await page.getByRole("button", { name: "Saved replies" }).last().click()
    const dialog = page.getByRole("dialog", { name: "Saved replies" })
    await dialog.getByRole("button", { name: "Insert /thanks" }).click()
    const composer = page.getByRole("textbox", { name: "Reply" })
    await composer.and(page.locator(":not(:placeholder-shown)")).waitFor()
    assert.equal(await composer.inputValue(), "Thank you Sophie! The Maison Lumière team")
    await composer.fill("")
  })
})
