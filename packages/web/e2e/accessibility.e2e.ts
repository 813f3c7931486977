/**
 * Story: a keyboard and screen-reader user. axe-core finds no serious or critical violation on the
 * sign-in page, the inbox with a conversation and a picker open, the phone layout and the storefront
 * chat; the composer is reachable and usable from the keyboard.
 */
import { createRequire } from "node:module"
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, launch, newContext, row, signIn } from "./setup/browser.ts"

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js")

interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: ReadonlyArray<{ readonly target: ReadonlyArray<string> }>
}

const seriousViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ path: axePath })
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

describe("accessibility", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it("the sign-in page and the inbox with a conversation have no serious violations", async () => {
    const page = await (await newContext(browser, { bypassCSP: true })).newPage()
    await page.goto("/")
    await page.getByRole("button", { name: "Sign in" }).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await signIn(page)
    await row(page, "Sophie Laurent").click()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    await page.getByRole("textbox", { name: "Internal note about this customer" }).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
  })

  it("the product picker is a labelled modal dialog usable from the keyboard", async () => {
    const page = await (await newContext(browser, { bypassCSP: true })).newPage()
    await signIn(page)
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

  it("the phone layout and the storefront chat have no serious violations", async () => {
    const phone = await (
      await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true, bypassCSP: true })
    ).newPage()
    await signIn(phone)
    assert.deepEqual(await seriousViolations(phone), [])

    const store = await (await newContext(browser, { bypassCSP: true })).newPage()
    await store.goto("/store")
    await store.getByRole("button", { name: "Chat with us" }).click()
    await store.getByRole("button", { name: "Start chat" }).waitFor()
    assert.deepEqual(await seriousViolations(store), [])
  })
})
