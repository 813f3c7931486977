/**
 * Story: a note written in one conversation is on the customer, so it shows in their other conversation
 * too (R21) — here the customer's earlier, closed conversation.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, row, signedInPage } from "./setup/browser.ts"

describe("customer notes", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await signedInPage())
  })

  afterAll(() => browser?.close())

  it("R21 a note saved in one conversation is visible in another conversation of the same customer", async () => {
    await row(page, "Lucas Moreau").click()
    await conversationHeading(page, "Lucas Moreau").waitFor()
    const note = page.getByRole("textbox", { name: "Internal note about this customer" })
    const text = `Asked for a 50 cm board twice (${Date.now()})`
    await note.fill(text)
    await page.getByRole("button", { name: "Save note" }).click()
    await page.getByRole("status").getByText("Note saved").waitFor()

    await page.getByRole("tab", { name: "Closed" }).click()
    await row(page, "Lucas Moreau").click()
    // The earlier conversation's thread, not the one we wrote the note in.
    await page.getByText("Do you make the oak board in a larger size, around 50 cm?").waitFor()
    const earlierNote = page.getByRole("textbox", { name: "Internal note about this customer" })
    await earlierNote.waitFor()
    assert.equal(await earlierNote.inputValue(), text)
  })
})
