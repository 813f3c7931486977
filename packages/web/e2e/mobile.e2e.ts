/**
 * Story: the merchant on a phone. The list and the conversation are separate screens; the desktop
 * and phone screenshots of the inbox are saved to docs/screenshots/ (`npm run screenshots`).
 */
import { mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { Browser, Locator, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, launch, newContext, row, signIn } from "./setup/browser.ts"

// `npm run screenshots` refreshes the README's images; the test suite writes to a temp dir instead.
const screenshots =
  process.env.INBOX_SCREENSHOTS === "1"
    ? resolve(fileURLToPath(new URL("../../../docs/screenshots", import.meta.url)))
    : mkdtempSync(join(tmpdir(), "inbox-screenshots-"))

/** A real touch swipe to the right across an element, through the DevTools protocol. */
const swipe = async (page: Page, target: Locator) => {
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
  await touch("touchEnd", box.x + 160)
  await cdp.detach()
}

describe("phone layout and screenshots", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
    mkdirSync(screenshots, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it("on a phone the list and the conversation are separate screens with a way back", async () => {
    const page = await (
      await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true })
    ).newPage()
    await signIn(page)
    await row(page, "Sophie Laurent").waitFor()
    await page.screenshot({ path: resolve(screenshots, "inbox-phone.png") })
    await row(page, "Sophie Laurent").tap()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    assert.isFalse(await page.getByRole("heading", { name: "Conversations" }).isVisible())
    await page.getByRole("textbox", { name: "Reply" }).waitFor()
    await page.screenshot({ path: resolve(screenshots, "conversation-phone.png") })
    await page.getByRole("button", { name: "Back to conversations" }).tap()
    await page.getByRole("heading", { name: "Conversations" }).waitFor()
    assert.isFalse(await conversationHeading(page, "Sophie Laurent").isVisible())
  })

  it("R3 swiping a conversation on a touch screen closes it, and swiping it in Closed reopens it", async () => {
    const page = await (
      await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true })
    ).newPage()
    await signIn(page)
    await swipe(page, row(page, "Aiko Tanaka"))
    await row(page, "Aiko Tanaka").waitFor({ state: "detached" })
    await page.getByRole("tab", { name: "Closed" }).tap()
    await swipe(page, row(page, "Aiko Tanaka"))
    await row(page, "Aiko Tanaka").waitFor({ state: "detached" })
    await page.getByRole("tab", { name: "Open" }).tap()
    await row(page, "Aiko Tanaka").waitFor()
    // A swipe is not a tap: the list stays on screen.
    assert.isTrue(await page.getByRole("heading", { name: "Conversations" }).isVisible())
  })

  it("the desktop inbox shows list, conversation and profile side by side", async () => {
    const page = await (await newContext(browser)).newPage()
    await signIn(page)
    await row(page, "Sophie Laurent").click()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    await page.getByRole("textbox", { name: "Internal note about this customer" }).waitFor()
    assert.isTrue(await page.getByRole("heading", { name: "Conversations" }).isVisible())
    await page.screenshot({ path: resolve(screenshots, "inbox-desktop.png") })
  })

  it("the storefront shows the product grid, the cart and the chat bubble", async () => {
    const store = await (await newContext(browser)).newPage()
    await store.goto("/store")
    await store.getByRole("button", { name: "Add to cart: Ceramic espresso cup" }).click()
    await store.getByRole("complementary").getByText("1 × Ceramic espresso cup").waitFor()
    await store.getByRole("button", { name: "Chat with us" }).click()
    await store.getByRole("button", { name: "Start chat" }).waitFor()
    await store.screenshot({ path: resolve(screenshots, "storefront-desktop.png") })
  })
})
