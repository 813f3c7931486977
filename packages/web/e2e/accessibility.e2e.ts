/**
 * Story: a keyboard and screen-reader user. axe-core finds no serious or critical violation on any screen, in
 * English and in French: sign-in, the list, a conversation with its profile, the ⋯ menu, the assignment window,
 * the block confirmation, the shortcuts help, the phone's list, conversation and profile screens, the
 * no-permission page and the storefront chat; the composer is reachable and usable from the keyboard.
 */
import { createRequire } from "node:module"
import type { Browser, Frame, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { en } from "../src/i18n/en.ts"
import { fr } from "../src/i18n/fr.ts"
import { chatFrame, launch, newContext, openStore, row } from "./setup/browser.ts"

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js")

interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: ReadonlyArray<{ readonly target: ReadonlyArray<string> }>
}

const seriousViolations = async (page: Page | Frame): Promise<string[]> => {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath })
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe
    return (await axe.run(document)).violations
  })
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
}

const check = async (page: Page, screen: string) =>
  assert.deepEqual(await seriousViolations(page), [], screen)

const LANGUAGES = [
  { locale: "en-US", t: en, signIn: "Sign in", email: "Email", password: "Password" },
  { locale: "fr-FR", t: fr, signIn: "Se connecter", email: "E-mail", password: "Mot de passe" },
] as const

describe("accessibility", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
  })

  afterAll(() => browser?.close())

  for (const lang of LANGUAGES) {
    const { t } = lang
    const signIn = async (page: Page, email = "owner@demo.shop") => {
      await page.goto("/")
      await page.getByLabel(lang.email).fill(email)
      await page.getByLabel(lang.password).fill("inbox-demo")
      await page.getByRole("button", { name: lang.signIn }).click()
    }

    it(`${lang.locale}: desktop screens, menus and dialogs have no serious violations`, async () => {
      const page = await (await newContext(browser, { bypassCSP: true, locale: lang.locale })).newPage()
      await page.goto("/")
      await page.getByRole("button", { name: lang.signIn }).waitFor()
      await check(page, "sign-in")
      await signIn(page)
      await row(page, "Sophie Laurent").waitFor()
      await check(page, "list")
      await row(page, "Sophie Laurent").click()
      await page.getByRole("textbox", { name: t.profile.notesLabel }).waitFor()
      await check(page, "conversation and profile")
      await page.getByRole("button", { name: t.conversation.more }).click()
      await page.getByRole("menu", { name: t.conversation.more }).waitFor()
      await check(page, "⋯ menu")
      await page.getByRole("menuitem", { name: t.block.block }).click()
      await page.getByRole("dialog", { name: t.block.confirmTitle("Sophie Laurent") }).waitFor()
      await check(page, "block confirmation")
      await page.keyboard.press("Escape")
      // The stories share one server: the triage story may have unassigned Sophie before this one runs.
      await page
        .getByRole("button", { name: t.conversation.assignedTo("Camille Dubois") })
        .or(page.getByRole("button", { name: t.conversation.assignNobody }))
        .click()
      await page.getByRole("dialog", { name: t.assignment.title }).waitFor()
      await check(page, "assignment window")
      await page.keyboard.press("Escape")
      await page.getByRole("dialog", { name: t.assignment.title }).waitFor({ state: "detached" })
      await page.keyboard.press("?")
      await page.getByRole("dialog", { name: t.shortcuts.title }).waitFor()
      await check(page, "shortcuts help")
      await page.keyboard.press("Escape")
    })

    it(`${lang.locale}: the phone's list, conversation and profile screens and the no-permission page`, async () => {
      const options = {
        viewport: { width: 390, height: 844 },
        mobile: true,
        bypassCSP: true,
        locale: lang.locale,
      }
      const phone = await (await newContext(browser, options)).newPage()
      await signIn(phone)
      await row(phone, "Sophie Laurent").waitFor()
      await check(phone, "phone list")
      await row(phone, "Sophie Laurent").tap()
      await phone.getByRole("textbox", { name: t.composer.label }).waitFor()
      await check(phone, "phone conversation")
      await phone.getByRole("button", { name: "Sophie Laurent" }).tap()
      await phone.getByRole("textbox", { name: t.profile.notesLabel }).waitFor()
      await check(phone, "phone profile")

      const theo = await (await newContext(browser, options)).newPage()
      await signIn(theo, "theo@demo.shop")
      await theo.getByRole("heading", { name: t.noPermission.title }).waitFor()
      await check(theo, "no permission")
    })
  }

  it("the product picker is a labelled modal dialog usable from the keyboard", async () => {
    const page = await (await newContext(browser, { bypassCSP: true })).newPage()
    await page.goto("/")
    await page.getByLabel("Email").fill("owner@demo.shop")
    await page.getByLabel("Password").fill("inbox-demo")
    await page.getByRole("button", { name: "Sign in" }).click()
    await row(page, "Sophie Laurent").click()
    await page.getByRole("textbox", { name: "Reply" }).focus()
    await page.keyboard.press("Tab")
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
      "Add products",
    )
    await page.keyboard.press("Enter")
    const dialog = page.getByRole("dialog", { name: "Share products" })
    await dialog.getByRole("checkbox").first().waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await page.keyboard.press("Escape")
    await dialog.waitFor({ state: "detached" })
  })

  it("the storefront chat has no serious violations", async () => {
    const store = await (await newContext(browser, { bypassCSP: true })).newPage()
    await openStore(store)
    await store.getByRole("button", { name: "Chat with us" }).click()
    await chatFrame(store).getByRole("button", { name: "Start chat" }).waitFor()
    assert.deepEqual(await seriousViolations(store), [])
    // The chat itself is the inbox's frame: checked in its own document.
    const frame = await (await store.locator("inbox-chat iframe").elementHandle())?.contentFrame()
    assert.isDefined(frame ?? undefined)
    assert.deepEqual(await seriousViolations(frame!), [])
  })
})
