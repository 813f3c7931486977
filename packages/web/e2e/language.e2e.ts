/**
 * Story: a merchant whose browser speaks French gets the inbox in French (the app's own words and the
 * core's: topics, notices), switches to English, and the choice is remembered.
 */
import type { Browser } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { launch, newContext, openAccount, row } from "./setup/browser.ts"

describe("French or English by browser language, switchable", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
  })

  afterAll(() => browser?.close())

  it("a French browser signs in and works in French, then switches to English for good", async () => {
    const page = await (await newContext(browser, { locale: "fr-FR" })).newPage()
    await page.goto("/")
    await page.getByRole("heading", { name: "Se connecter à Inbox" }).waitFor()
    await page.getByLabel("E-mail").fill("owner@demo.shop")
    await page.getByLabel("Mot de passe").fill("inbox-demo")
    await page.getByRole("button", { name: "Se connecter" }).click()
    await page.getByRole("tab", { name: "Ouvertes" }).waitFor()
    await row(page, "Sophie Laurent").getByText("Tarification/Réductions").waitFor()
    await row(page, "Sophie Laurent").click()
    await page.getByRole("button", { name: "Fermer la conversation" }).waitFor()
    await page
      .getByRole("log", { name: "Messages" })
      .getByText("Le client a commencé la conversation dans le chat de la boutique en ligne")
      .waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), "fr")

    await openAccount(page)
    await page.getByRole("combobox", { name: "Langue" }).selectOption("en")
    await page.getByRole("tab", { name: "Open" }).waitFor()
    await page.getByRole("button", { name: "Close conversation" }).waitFor()
    await page.reload()
    await page.getByRole("tab", { name: "Open" }).waitFor()
    await row(page, "Sophie Laurent").getByText("Pricing/Discounts").waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en")
  })
})
