/**
 * Story: a shopper adds a product and starts a chat; the merchant sees it arrive live with its topic chip,
 * the Online indicator and the cart header (R7, R8, R12), replies with text, products (≤ 3, R15) and an
 * active discount (an inactive one is refused, R16); the shopper sees them and applies the code (R17);
 * the shopper leaves and the merchant sees where the reply will go (R9).
 */
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { chatFrame, launch, newContext, row, signIn, startChat } from "./setup/browser.ts"

/** A 1×1 PNG: the smallest real image the server's magic-byte check accepts. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
)

describe("shopper chat reaches the merchant live", () => {
  let browser: Browser
  let merchantContext: BrowserContext
  let shopperContext: BrowserContext
  let merchant: Page
  let shopper: Page

  beforeAll(async () => {
    browser = await launch()
    merchantContext = await newContext(browser)
    shopperContext = await newContext(browser)
    merchant = await merchantContext.newPage()
    shopper = await shopperContext.newPage()
    await signIn(merchant)
  })

  afterAll(() => browser?.close())

  it("R7 R8 the new conversation appears live with Online and the cart header", async () => {
    await startChat(shopper, {
      name: "Zoé Garnier",
      email: "zoe.garnier@example.fr",
      add: ["Linen shirt"],
      message: "How much is shipping to Lyon? What are your shipping costs and delivery fees?",
    })
    const zoe = row(merchant, "Zoé Garnier")
    await zoe.getByText("Online", { exact: true }).waitFor()
    await zoe.click()
    const header = merchant.getByRole("region", { name: "Zoé Garnier" }).locator("header")
    await header.getByText("Online", { exact: true }).waitFor()
    const cart = merchant.getByRole("group", { name: "Cart" })
    await cart.getByText("Cart subtotal €49.00").waitFor()
    await cart.getByText("1 × Linen shirt").waitFor()
    await merchant
      .getByRole("log", { name: "Messages" })
      .getByText("The customer added Linen shirt to the cart")
      .waitFor()
  })

  it("R12 the shopper's message is labelled with its topic chip in the list", async () => {
    await row(merchant, "Zoé Garnier").getByText("Shipping", { exact: true }).waitFor()
  })

  it("R2 a text reply sent with Enter reaches the open chat", async () => {
    const composer = merchant.getByRole("textbox", { name: "Reply" })
    await composer.fill("Shipping to Lyon is €4.90, and free from €60.")
    await composer.press("Enter")
    const thread = merchant.getByRole("log", { name: "Messages" })
    await thread.getByText("Shipping to Lyon is €4.90, and free from €60.").waitFor()
    await thread
      .getByText(/Sent in the chat/)
      .first()
      .waitFor()
    // Sent: the composer is empty again (its placeholder shows).
    await composer.and(merchant.locator(":placeholder-shown")).waitFor()
    await chatFrame(shopper)
      .getByRole("log")
      .getByText("Shipping to Lyon is €4.90, and free from €60.")
      .waitFor()
  })

  it("R15 the merchant shares products (at most three) with text; the shopper sees product cards", async () => {
    await merchant.getByRole("button", { name: "Add products" }).click()
    const dialog = merchant.getByRole("dialog", { name: "Share products" })
    await dialog.getByRole("checkbox", { name: /Linen shirt/ }).check()
    await dialog.getByRole("checkbox", { name: /Ceramic espresso cup/ }).check()
    await dialog.getByRole("checkbox", { name: /Oak serving board/ }).check()
    // A fourth product cannot be added once three are selected.
    assert.isTrue(await dialog.getByRole("checkbox", { name: /Carafe en verre soufflé/ }).isDisabled())
    // Draft and archived products are offered but cannot be shared.
    assert.isTrue(await dialog.getByRole("checkbox", { name: /Winter velvet cushion/ }).isDisabled())
    await dialog.getByRole("checkbox", { name: /Oak serving board/ }).uncheck()
    await dialog.getByRole("button", { name: "Add to reply" }).click()
    await merchant.getByRole("textbox", { name: "Reply" }).fill("Two favourites for your order:")
    await merchant.getByRole("button", { name: "Send", exact: true }).click()
    const thread = merchant.getByRole("log", { name: "Messages" })
    await thread.getByRole("article", { name: "Product: Ceramic espresso cup" }).waitFor()
    const chat = chatFrame(shopper).getByRole("log")
    await chat.getByText("Two favourites for your order:").waitFor()
    await chat.getByRole("article", { name: "Product: Linen shirt" }).waitFor()
    await chat.getByRole("article", { name: "Product: Ceramic espresso cup" }).waitFor()
  })

  it("R18 the merchant sends an image after a preview; the shopper sees it and cannot send one", async () => {
    const chooser = merchant.waitForEvent("filechooser")
    await merchant.getByRole("button", { name: "Add image" }).click()
    await (await chooser).setFiles({ name: "swatch.png", mimeType: "image/png", buffer: PNG })
    await merchant.getByRole("img", { name: "Image to send" }).waitFor()
    await merchant.getByRole("group", { name: "Attachments" }).getByText("swatch.png").waitFor()
    await merchant.getByRole("button", { name: "Send", exact: true }).click()
    await merchant
      .getByRole("log", { name: "Messages" })
      .getByRole("img", { name: "Image sent by the shop" })
      .waitFor()
    const image = chatFrame(shopper)
      .getByRole("log")
      .getByRole("img", { name: "Image sent by Maison Lumière" })
    await image.waitFor()
    assert.isTrue(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1))
    // The shopper's chat offers no way to attach an image.
    assert.equal(await chatFrame(shopper).locator("input[type=file]").count(), 0)
  })

  it("R16 an inactive code is refused with the message to update it; an active one is shared", async () => {
    await merchant.getByRole("button", { name: "Add discount" }).click()
    const dialog = merchant.getByRole("dialog", { name: "Share a discount" })
    await dialog.getByRole("searchbox", { name: "Search discount codes" }).fill("OLDPROMO")
    await dialog.getByRole("button", { name: "Share OLDPROMO" }).click()
    await dialog
      .getByRole("alert")
      .getByText(/OLDPROMO is disabled.*Update it/)
      .waitFor()
    await dialog.getByRole("searchbox", { name: "Search discount codes" }).fill("WELCOME")
    await dialog.getByRole("button", { name: "Share WELCOME10" }).click()
    await merchant.getByRole("button", { name: "Send", exact: true }).click()
    await merchant
      .getByRole("log", { name: "Messages" })
      .getByRole("article", { name: "Discount code: WELCOME10" })
      .waitFor()
  })

  it("R17 the shopper applies the shared code to the cart in one click", async () => {
    await chatFrame(shopper).getByRole("button", { name: "Apply WELCOME10 to my cart" }).click()
    await shopper.getByRole("status").getByText("Discount WELCOME10 applied at checkout").waitFor()
    await merchant
      .getByRole("log", { name: "Messages" })
      .getByText("The customer applied the discount code WELCOME10 to their cart")
      .waitFor()
  })

  it("R9 when the shopper leaves, the merchant is told the reply goes to their email", async () => {
    await shopperContext.close()
    // The server confirms a departure after its grace period (10 s), so this wait is longer.
    await merchant
      .getByText("Your reply will be sent to zoe.garnier@example.fr")
      .first()
      .waitFor({ timeout: 30_000 })
    const header = merchant.getByRole("region", { name: "Zoé Garnier" }).locator("header")
    assert.equal(await header.getByText("Online", { exact: true }).count(), 0)
    // R2: a reply now leaves by email, and the thread says so.
    await merchant.getByRole("textbox", { name: "Reply" }).fill("We will keep the shirt aside for you.")
    await merchant.getByRole("textbox", { name: "Reply" }).press("Enter")
    await merchant
      .getByRole("log", { name: "Messages" })
      .getByRole("listitem")
      .filter({ hasText: "We will keep the shirt aside for you." })
      .getByText(/Sent by email to zoe\.garnier@example\.fr/)
      .waitFor()
  })
})
