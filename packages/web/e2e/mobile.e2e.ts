/**
 * Story: the merchant on a phone (390×844) and on a desktop (1440×900). A URL per view (list, conversation,
 * customer profile) so Back and reload work; the profile closes by its button, Escape or Back; the header
 * takes at most a third of the phone screen; no screen scrolls sideways; a swipe shows what it will do and
 * can be undone. The README's screenshots are saved to docs/screenshots/ (`npm run screenshots`).
 */
import { mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { Browser, Locator, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import {
  chatFrame,
  conversationHeading,
  launch,
  newContext,
  openStore,
  row,
  signIn,
} from "./setup/browser.ts"

// `npm run screenshots` refreshes the README's images; the test suite writes to a temp dir instead.
const screenshots =
  process.env.INBOX_SCREENSHOTS === "1"
    ? resolve(fileURLToPath(new URL("../../../docs/screenshots", import.meta.url)))
    : mkdtempSync(join(tmpdir(), "inbox-screenshots-"))

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1440, height: 900 }

/** A real touch swipe to the right across an element, through the DevTools protocol; `release` false holds it. */
const swipe = async (page: Page, target: Locator, release = true) => {
  // The list loads asynchronously (e.g. right after switching tabs): wait for the row first.
  await target.waitFor()
  const box = await target.boundingBox()
  if (box === null) throw new Error("nothing to swipe")
  const y = box.y + box.height / 2
  const cdp = await page.context().newCDPSession(page)
  const touch = (type: string, x: number) =>
    cdp.send("Input.dispatchTouchEvent", {
      type: type as "touchStart",
      touchPoints: type === "touchEnd" ? [] : [{ x, y }],
    })
  await touch("touchStart", box.x + 20)
  for (const x of [box.x + 60, box.x + 110, box.x + 160]) await touch("touchMove", x)
  const end = async () => {
    await touch("touchEnd", box.x + 160)
    await cdp.detach()
  }
  if (release) await end()
  return { end }
}

/** How far the page scrolls sideways (0 when everything fits the viewport). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

const phonePage = async (browser: Browser) =>
  (await newContext(browser, { viewport: PHONE, mobile: true })).newPage()

describe("phone layout, navigation and screenshots", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
    mkdirSync(screenshots, { recursive: true })
  })

  afterAll(() => browser?.close())

  it("a URL per view: Back goes profile → conversation → list, and a reload stays where it was", async () => {
    const page = await phonePage(browser)
    await signIn(page)
    await row(page, "Sophie Laurent").waitFor()
    assert.strictEqual(await sideways(page), 0)
    await page.screenshot({ path: resolve(screenshots, "inbox-phone.png") })

    await row(page, "Sophie Laurent").tap()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    assert.match(new URL(page.url()).pathname, /^\/conversations\/[^/]+$/)
    assert.isFalse(await page.getByRole("heading", { name: "Conversations" }).isVisible())
    await page.getByRole("textbox", { name: "Reply" }).waitFor()
    // The header (name, assignee, status, ⋯, offline notice, cart line) takes at most a third of the screen.
    const header = await page.locator(".convo__header").boundingBox()
    assert.isAtMost((header?.height ?? PHONE.height) + (header?.y ?? 0), PHONE.height / 3)
    assert.strictEqual(await sideways(page), 0)
    // A touch screen's composer mentions no keys.
    assert.notInclude(
      (await page.getByRole("textbox", { name: "Reply" }).getAttribute("placeholder")) ?? "",
      "Enter",
    )
    await page.screenshot({ path: resolve(screenshots, "conversation-phone.png") })

    // The customer's name opens the profile, a screen of its own with its own URL.
    await page.getByRole("button", { name: "Sophie Laurent" }).tap()
    const profile = page.getByRole("complementary", { name: "Sophie Laurent" })
    await profile.getByRole("textbox", { name: "Internal note about this customer" }).waitFor()
    assert.match(new URL(page.url()).pathname, /\/customer$/)
    assert.strictEqual(await sideways(page), 0)
    await page.screenshot({ path: resolve(screenshots, "profile-phone.png") })
    await page.reload()
    await profile.getByRole("textbox", { name: "Internal note about this customer" }).waitFor()

    await page.goBack()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    assert.isFalse(await profile.isVisible())
    await page.goBack()
    await page.getByRole("heading", { name: "Conversations" }).waitFor()
    assert.strictEqual(new URL(page.url()).pathname, "/")
  })

  it("the profile closes by its button and by Escape; the Back button in the header returns to the list", async () => {
    const page = await phonePage(browser)
    await signIn(page)
    await row(page, "Sophie Laurent").tap()
    await page.getByRole("button", { name: "Sophie Laurent" }).tap()
    const profile = page.getByRole("complementary", { name: "Sophie Laurent" })
    await profile.getByRole("button", { name: "Close customer profile" }).tap()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    assert.isFalse(await profile.isVisible())
    await page.getByRole("button", { name: "More actions" }).tap()
    await page.getByRole("menuitem", { name: "Show customer profile" }).tap()
    await profile.getByRole("heading", { name: "Sophie Laurent" }).waitFor()
    await page.keyboard.press("Escape")
    await conversationHeading(page, "Sophie Laurent").waitFor()
    assert.isFalse(await profile.isVisible())
    await page.getByRole("button", { name: "Back to conversations" }).tap()
    await page.getByRole("heading", { name: "Conversations" }).waitFor()
    assert.isFalse(await conversationHeading(page, "Sophie Laurent").isVisible())
  })

  it("R3 a swipe reveals Close before it acts, closes the conversation, and Undo brings it back", async () => {
    const page = await phonePage(browser)
    await signIn(page)
    const held = await swipe(page, row(page, "Aiko Tanaka"), false)
    // Held past the threshold: what letting go will do is shown behind the row.
    const behind = page.locator(".list__item--armed .row__behind")
    await behind.waitFor()
    assert.strictEqual((await behind.textContent())?.trim(), "Close")
    await held.end()
    await row(page, "Aiko Tanaka").waitFor({ state: "detached" })
    await page.getByRole("status").getByText("Conversation with Aiko Tanaka closed").waitFor()
    await page.getByRole("button", { name: "Undo" }).tap()
    await row(page, "Aiko Tanaka").waitFor()
    // A swipe is not a tap: the list stays on screen.
    assert.isTrue(await page.getByRole("heading", { name: "Conversations" }).isVisible())
    // And in Closed, a swipe reopens.
    await swipe(page, row(page, "Aiko Tanaka"))
    await row(page, "Aiko Tanaka").waitFor({ state: "detached" })
    await page.getByRole("tab", { name: "Closed" }).tap()
    await swipe(page, row(page, "Aiko Tanaka"))
    await row(page, "Aiko Tanaka").waitFor({ state: "detached" })
    await page.getByRole("tab", { name: "Open" }).tap()
    await row(page, "Aiko Tanaka").waitFor()
  })

  it("a staff member without the chat permission gets a clear page saying so, with no reconnecting banner", async () => {
    const page = await phonePage(browser)
    await page.goto("/")
    await page.getByLabel("Email").fill("theo@demo.shop")
    await page.getByLabel("Password").fill("inbox-demo")
    await page.getByRole("button", { name: "Sign in" }).click()
    await page.getByRole("heading", { name: "You don't have access to conversations" }).waitFor()
    await page.getByText(/Ask the store owner/).waitFor()
    assert.strictEqual(await page.getByText("Reconnecting…").count(), 0)
    assert.strictEqual(await page.getByRole("alert").count(), 0)
    assert.strictEqual(await sideways(page), 0)
  })

  it("the desktop inbox shows list, conversation and profile side by side, with no sideways scroll", async () => {
    const page = await (await newContext(browser, { viewport: DESKTOP })).newPage()
    await signIn(page)
    assert.strictEqual(await sideways(page), 0)
    await row(page, "Sophie Laurent").click()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    await page.getByRole("textbox", { name: "Internal note about this customer" }).waitFor()
    assert.isTrue(await page.getByRole("heading", { name: "Conversations" }).isVisible())
    assert.strictEqual(await sideways(page), 0)
    await page.screenshot({ path: resolve(screenshots, "inbox-desktop.png") })
    // Back from the conversation returns to the list view.
    await page.goBack()
    await page.waitForURL((u) => u.pathname === "/")
  })

  it("French on a phone: the conversation screenshot", async () => {
    const page = await (
      await newContext(browser, { viewport: PHONE, mobile: true, locale: "fr-FR" })
    ).newPage()
    await page.goto("/")
    await page.getByLabel("E-mail").fill("owner@demo.shop")
    await page.getByLabel("Mot de passe").fill("inbox-demo")
    await page.getByRole("button", { name: "Se connecter" }).click()
    await row(page, "Sophie Laurent").tap()
    await page.getByRole("textbox", { name: "Réponse" }).waitFor()
    assert.strictEqual(await sideways(page), 0)
    await page.screenshot({ path: resolve(screenshots, "conversation-phone-fr.png") })
  })

  it("the storefront shows the product grid, the cart and the chat bubble", async () => {
    const store = await (await newContext(browser)).newPage()
    await openStore(store, ["Ceramic espresso cup"])
    await store.getByRole("complementary").getByText("1 × Ceramic espresso cup").waitFor()
    await store.getByRole("button", { name: "Chat with us" }).click()
    await chatFrame(store).getByRole("button", { name: "Start chat" }).waitFor()
    await store.screenshot({ path: resolve(screenshots, "storefront-desktop.png") })
  })
})
