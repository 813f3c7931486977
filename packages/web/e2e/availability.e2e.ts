/**
 * Story: the merchant closes the shop all week (the time zone from a list, times on the 24-hour clock) and sets
 * an away message in English and in French; a shopper sees "Away" in the chat and gets the automatic reply in
 * their language, once, to the first message only; the merchant sees it in the thread.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { chatFrame, merchantAndShopper, newContext, openStore, row, startChat } from "./setup/browser.ts"
import { openTool } from "./setup/tools.ts"

const AWAY = "We are away right now; we will answer first thing tomorrow."
const AWAY_FR = "Nous sommes absents pour le moment ; nous répondrons demain à la première heure."

describe("availability and the automatic first reply", () => {
  let browser: Browser
  let merchant: Page
  let shopper: Page

  beforeAll(async () => {
    ;({ browser, merchant, shopper } = await merchantAndShopper())
  })

  afterAll(async () => {
    // Leave the shared demo shop always available for the stories that follow.
    await merchant
      ?.evaluate(async () => {
        const csrf = document.cookie.match(/inbox_csrf=([^;]+)/)?.[1] ?? ""
        await fetch("/api/settings/availability", {
          method: "PUT",
          headers: { "content-type": "application/json", "x-inbox-csrf": decodeURIComponent(csrf) },
          body: JSON.stringify({
            availability: { _tag: "AlwaysAvailable" },
            insideHours: null,
            outsideHours: null,
          }),
        })
      })
      .catch(() => {})
    await browser?.close()
  })

  it("by default the chat says the shop is available and how fast it usually replies", async () => {
    await openStore(shopper)
    await shopper.getByRole("button", { name: "Chat with us" }).click()
    await chatFrame(shopper)
      .getByText(/Available now · we usually reply within \d+ (s|min|h)/)
      .waitFor()
  })

  it("the merchant sets hours (every day closed) and an away message", async () => {
    await openTool(merchant, "Availability")
    const dialog = merchant.getByRole("dialog", { name: "Availability and automatic replies" })
    await dialog.getByLabel("Always available").uncheck()
    await dialog.getByLabel("Time zone").selectOption("Europe/Paris")
    // Whatever the browser's own clock format, the hours read 00:00–24:00.
    const opens = dialog.getByRole("combobox", { name: "Monday opens at" })
    assert.include(await opens.locator("option").allTextContents(), "13:30")
    assert.notInclude((await opens.locator("option").allTextContents()).join(" "), "PM")
    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
      const open = dialog.getByRole("checkbox", { name: `${day} open` })
      if (await open.isChecked()) await open.uncheck()
    }
    await dialog
      .getByRole("group", { name: "English (also for other languages)" })
      .getByLabel("Automatic reply outside hours (optional)")
      .fill(AWAY)
    await dialog
      .getByRole("group", { name: "French" })
      .getByLabel("Automatic reply outside hours (optional)")
      .fill(AWAY_FR)
    await dialog.getByRole("button", { name: "Save" }).click()
    await merchant.getByRole("status").getByText("Availability saved").waitFor()
  })

  it("the shopper sees Away and gets the automatic reply once", async () => {
    await startChat(shopper, { name: "Rémi Caron", message: "Hello, is anyone there?" })
    const chat = chatFrame(shopper).getByRole("region", { name: "Maison Lumière" })
    await chat.getByText("Away · we will reply as soon as we are back").waitFor()
    const log = chat.getByRole("log")
    await log.getByText(AWAY).waitFor()
    await chat.getByLabel("Message").fill("Second question")
    await chat.getByLabel("Message").press("Enter")
    await log.getByText("Second question").waitFor()
    // Had the second message triggered one too, it would have come in the same commit as the message.
    assert.equal(await log.getByText(AWAY).count(), 1)
  })

  it("a French shopper gets the French away message", async () => {
    const french = await (await newContext(browser, { locale: "fr-FR" })).newPage()
    await openStore(french)
    await french.getByRole("button", { name: "Discuter avec nous" }).click()
    const chat = chatFrame(french).getByRole("region", { name: "Maison Lumière" })
    await chat.getByLabel("Nom (facultatif)").fill("Inès Roy")
    await chat.getByLabel("Message").fill("Bonjour, vous êtes là ?")
    await chat.getByRole("button", { name: "Commencer la discussion" }).click()
    await chat.getByRole("log").getByText(AWAY_FR).waitFor()
    assert.equal(await chat.getByRole("log").getByText(AWAY).count(), 0)
  })

  it("the merchant sees the automatic reply in the thread", async () => {
    await row(merchant, "Rémi Caron").click()
    const thread = merchant.getByRole("log", { name: "Messages" })
    await thread.getByText(AWAY).waitFor()
    await thread.getByText(/Automatic reply ·/).waitFor()
  })
})
