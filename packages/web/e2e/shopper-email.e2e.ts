/**
 * Story: a shopper mistypes their email when starting a chat (an address without a real domain, which the
 * browser's own check lets through); the widget says, in their language, that the address is not valid and
 * keeps their message, and the chat starts once the address is fixed. (M2: replies go to exactly one address.)
 */
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, it } from "vitest"
import { chatFrame, launch, newContext, openStore } from "./setup/browser.ts"

describe("a shopper's email must be one valid address", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
  })

  afterAll(() => browser?.close())

  const attempt = async (
    locale: string,
    labels: { open: string; email: string; message: string; start: string },
    expected: RegExp,
  ) => {
    const page = await (await newContext(browser, { locale })).newPage()
    await openStore(page)
    await page.getByRole("button", { name: labels.open }).click()
    const chat = chatFrame(page)
    await chat.getByLabel(labels.email).fill("zoe@gmail")
    await chat.getByLabel(labels.message).fill("Is the linen shirt back in stock?")
    await chat.getByRole("button", { name: labels.start }).click()
    await chat.getByRole("alert").getByText(expected).waitFor()
    return { chat }
  }

  it("is told in English that the address is not valid, then starts the chat with the fixed address", async () => {
    const { chat } = await attempt(
      "en-US",
      { open: "Chat with us", email: "Email (optional)", message: "Message", start: "Start chat" },
      /This email address is not valid/,
    )
    // The message is still there; with a real address the chat starts.
    await chat.getByLabel("Email (optional)").fill("zoe@gmail.com")
    await chat.getByRole("button", { name: "Start chat" }).click()
    await chat.getByRole("log").getByText("Is the linen shirt back in stock?").waitFor()
  })

  it("is told in French", async () => {
    await attempt(
      "fr-FR",
      {
        open: "Discuter avec nous",
        email: "E-mail (facultatif)",
        message: "Message",
        start: "Commencer la discussion",
      },
      /Cette adresse e-mail n'est pas valide/,
    )
  })
})
