/**
 * Story: who else is here. A colleague opening the same conversation is shown as also viewing it; the
 * shopper typing is shown to the merchant, and the merchant typing is shown in the shopper's chat.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, it } from "vitest"
import { chatFrame, launch, newContext, row, signIn, startChat } from "./setup/browser.ts"

describe("viewing and typing", () => {
  let browser: Browser
  let owner: Page
  let shopper: Page

  beforeAll(async () => {
    browser = await launch()
    owner = await (await newContext(browser)).newPage()
    shopper = await (await newContext(browser)).newPage()
    await signIn(owner)
  })

  afterAll(() => browser?.close())

  it("a colleague on the same conversation is shown as also viewing it", async () => {
    await row(owner, "Chloé Petit").click()
    const camille = await (await newContext(browser)).newPage()
    await signIn(camille, "camille@demo.shop")
    await row(camille, "Chloé Petit").click()
    await owner.getByText("Camille Dubois also viewing").waitFor()
    await camille.getByText("Élise Martin also viewing").waitFor()
  })

  it("the shopper typing shows to the merchant, and the merchant typing shows in the chat", async () => {
    await startChat(shopper, { name: "Paul Girard", message: "Hello!" })
    await row(owner, "Paul Girard").click()
    await chatFrame(shopper)
      .getByRole("textbox", { name: "Write a message" })
      .pressSequentially("Is the carafe")
    await owner.getByText("The customer is typing…").waitFor()
    await owner.getByRole("textbox", { name: "Reply" }).pressSequentially("Let me check")
    await chatFrame(shopper).getByText("Maison Lumière is typing…").waitFor()
  })
})
