/**
 * Story: a French-speaking merchant reads no English. Every screen's words (text, labels, placeholders,
 * titles), with the people's own content set aside, are checked against the string tables: no fragment of an
 * English string that French does not share appears; the system sentences read as a French speaker writes
 * them; times are on the 24-hour clock.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { en as coreEn } from "../../core/src/i18n/en.ts"
import { fr as coreFr } from "../../core/src/i18n/fr.ts"
import { en } from "../src/i18n/en.ts"
import { fr } from "../src/i18n/fr.ts"
import { launch, newContext, openAccount, row } from "./setup/browser.ts"

const HOLE = "\u0001"

/** The fixed words of a table: every string, and the text around the holes of every template. */
const fragments = (table: unknown): Set<string> => {
  const out = new Set<string>()
  const walk = (v: unknown) => {
    if (typeof v === "string") for (const part of v.split(HOLE)) out.add(part.trim())
    else if (typeof v === "function") {
      for (const args of [
        [HOLE, HOLE],
        [1, 1],
        [2, 2],
      ]) {
        try {
          walk((v as (...a: unknown[]) => unknown)(...args))
        } catch {
          // a template over objects (an actor) is covered by the sentences checked below
        }
      }
    } else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x)
  }
  walk(table)
  return out
}

const french = new Set([...fragments(fr), ...fragments(coreFr)])
/** English words French does not share, long enough to mean something (not "Shop", "Email" in an address…). */
const english = [...new Set([...fragments(en), ...fragments(coreEn)])]
  .filter((s) => s.length >= 5 && !french.has(s) && /[a-z]{3}/.test(s))
  // As whole words: "Assign" is not in "Assignées".
  .map((s) => ({
    text: s,
    pattern: new RegExp(`(?<![\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "u"),
  }))

/** What a person reads on the page, without what people wrote (messages, names, products, notes). */
const chromeText = (page: Page) =>
  page.evaluate(() => {
    const own =
      ".bubble, .row__preview, .row__name, .convo__name, .profile__title, .product-card, .cart-header__items, .cart-line, textarea, .field dd, .account__who, .assign__sub, .search-results, .saved-reply, .msg__meta"
    const seen: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || el.closest(own) || el.closest("script, style, [hidden]")) continue
      const text = n.textContent?.trim()
      if (text) seen.push(text)
    }
    for (const el of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
      if (el.closest(own)) continue
      for (const a of ["aria-label", "placeholder", "title"]) {
        const v = el.getAttribute(a)
        if (v) seen.push(v)
      }
    }
    return seen
  })

const assertFrench = async (page: Page, screen: string) => {
  const texts = await chromeText(page)
  assert.isAbove(texts.length, 3, screen)
  for (const text of texts) {
    const found = english.find((e) => e.pattern.test(text))?.text
    assert.isUndefined(found, `${screen}: English "${found}" in "${text}"`)
    assert.notMatch(text, /\b\d{1,2}:\d{2}\s?(AM|PM)\b/i, `${screen}: 12-hour time in "${text}"`)
  }
}

describe("the inbox in French", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launch()
    page = await (await newContext(browser, { locale: "fr-FR" })).newPage()
  })

  afterAll(() => browser?.close())

  it("the sign-in page, the list, a conversation and its profile read in French only", async () => {
    await page.goto("/")
    await page.getByRole("heading", { name: "Se connecter à Inbox" }).waitFor()
    await assertFrench(page, "sign-in")
    await page.getByLabel("E-mail").fill("owner@demo.shop")
    await page.getByLabel("Mot de passe").fill("inbox-demo")
    await page.getByRole("button", { name: "Se connecter" }).click()
    await row(page, "Sophie Laurent").waitFor()
    await assertFrench(page, "list")
    await row(page, "Sophie Laurent").click()
    const log = page.getByRole("log", { name: "Messages" })
    await log.getByText("Vous avez assigné la conversation à Camille Dubois").waitFor()
    await log.getByText("Le client a ajouté Bougie parfumée Figue & Cèdre au panier").waitFor()
    await log.getByText("Le client a commencé la conversation dans le chat de la boutique en ligne").waitFor()
    assert.notMatch((await log.textContent()) ?? "", /Vous a |à Vous|You /)
    await page.getByRole("textbox", { name: "Note interne sur ce client" }).waitFor()
    await assertFrench(page, "conversation and profile")
  })

  it("the ⋯ menu, the assignment window, Tools, the account menu and the tools' dialogs read in French only", async () => {
    await page.getByRole("button", { name: "Plus d’actions" }).click()
    await page.getByRole("menu", { name: "Plus d’actions" }).waitFor()
    await assertFrench(page, "⋯ menu")
    await page.keyboard.press("Escape")
    // The stories share one server: the triage story may have unassigned Sophie before this one runs.
    await page.getByRole("button", { name: /^(Assignée à .*\. Changer|Non assignée\. Assigner)/ }).click()
    const assign = page.getByRole("dialog", { name: "Gérer l’assignation" })
    await assign.getByRole("button", { name: /Camille Dubois/ }).waitFor()
    await assertFrench(page, "assignment")
    await page.keyboard.press("Escape")
    await assign.waitFor({ state: "detached" })
    await openAccount(page)
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor()
    await assertFrench(page, "account menu")
    await page.keyboard.press("Escape")
    for (const [tool, title] of [
      ["Raccourcis clavier", "Raccourcis clavier"],
      ["Disponibilité", "Disponibilité et réponses automatiques"],
      ["Réglages des notifications", "Réglages des notifications"],
      ["Réponses enregistrées", "Réponses enregistrées"],
      ["Rechercher dans les messages", "Rechercher dans les messages"],
    ] as const) {
      const banner = page.getByRole("banner")
      await banner.getByText("Outils", { exact: true }).click()
      await banner.getByRole("group", { name: "Outils" }).getByRole("button", { name: tool }).click()
      const dialog = page.getByRole("dialog", { name: title })
      await dialog.waitFor()
      await assertFrench(page, tool)
      await page.keyboard.press("Escape")
      await dialog.waitFor({ state: "detached" })
    }
  })
})
