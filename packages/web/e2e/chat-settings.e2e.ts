/**
 * Story: the shop owner sets up the chat on their own site from the inbox: the tag to copy, the websites it
 * may run on (typed loosely, saved as origins; a bad one is refused by name), the Content-Security-Policy
 * lines, and an identity secret shown once. A colleague with the chat permission reads but cannot change.
 */
import type { Browser } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { baseURL, launch, newContext, signIn, storeURL } from "./setup/browser.ts"

describe("chat on your store settings", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
  })

  afterAll(() => browser?.close())

  const open = async (email: string) => {
    const page = await (await newContext(browser)).newPage()
    await signIn(page, email)
    await page.getByText("Tools").click()
    await page.getByRole("button", { name: "Chat on your store" }).click()
    return { page, dialog: page.getByRole("dialog", { name: "Chat on your store" }) }
  }

  it("the owner copies the tag, lists a website, and sees the policy lines", async () => {
    const { page, dialog } = await open("owner@demo.shop")
    const tag = dialog.getByRole("textbox", { name: /Add this tag/ })
    assert.strictEqual(
      await tag.inputValue(),
      `<script src="${baseURL()}/widget.js" data-shop="demo" async></script>`,
    )
    const sites = dialog.getByLabel("Websites the chat may run on")
    assert.include(await sites.inputValue(), storeURL())
    await sites.fill(`${await sites.inputValue()}\nnot a website`)
    await dialog.getByRole("button", { name: "Save websites" }).click()
    await dialog.getByRole("alert").getByText("not a website is not a website address").waitFor()
    await sites.fill((await sites.inputValue()).replace("not a website", "Atelier-Nord.example/products/x"))
    await dialog.getByRole("button", { name: "Save websites" }).click()
    await page.getByRole("status").getByText("Websites saved").waitFor()
    assert.include(await sites.inputValue(), "https://atelier-nord.example")
    const policy = await dialog.getByRole("textbox", { name: /Content-Security-Policy/ }).inputValue()
    assert.deepEqual(policy.split("\n"), [
      `script-src ${baseURL()}`,
      `frame-src ${baseURL()}`,
      `connect-src ${baseURL()}`,
    ])
    // Back to the list the other stories use.
    await sites.fill((await sites.inputValue()).replace("https://atelier-nord.example", "").trim())
    await dialog.getByRole("button", { name: "Save websites" }).click()
    await page.getByRole("status").getByText("Websites saved").first().waitFor()
  })

  it("the owner generates an identity secret, shown once, and can stop checking identities", async () => {
    const { dialog } = await open("owner@demo.shop")
    await dialog.getByText("Not checked: shoppers chat as guests").waitFor()
    await dialog.getByRole("button", { name: "Generate a secret" }).click()
    const secret = await dialog.getByRole("textbox", { name: "Identity secret" }).inputValue()
    assert.match(secret, /^[A-Za-z0-9_-]{40,}$/)
    await dialog.getByText("Copy it now: it is shown only once.").waitFor()
    await dialog.getByRole("button", { name: "Close" }).click()
    const again = await open("owner@demo.shop")
    await again.dialog.getByText(/Checked with a secret created/).waitFor()
    assert.strictEqual(await again.dialog.getByRole("textbox", { name: "Identity secret" }).count(), 0)
    await again.dialog.getByRole("button", { name: "Stop checking" }).click()
    await again.dialog.getByText("Not checked: shoppers chat as guests").waitFor()
  })

  it("a colleague reads the settings but cannot change them", async () => {
    const { dialog } = await open("camille@demo.shop")
    await dialog.getByText("Only the shop owner can change these settings.").waitFor()
    assert.isFalse(await dialog.getByLabel("Websites the chat may run on").isEditable())
    assert.strictEqual(await dialog.getByRole("button", { name: "Save websites" }).count(), 0)
    assert.strictEqual(await dialog.getByRole("button", { name: "Generate a secret" }).count(), 0)
  })
})
