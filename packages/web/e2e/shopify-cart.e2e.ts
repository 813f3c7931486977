/**
 * Story: on a Shopify-like store (the demo storefront answers Shopify's Ajax Cart API), the chat's Shopify
 * adapter follows the theme's own cart calls: adding and removing products produce cart events in the
 * merchant's thread (R6) and the cart header (R7); after a reload the chat is back at once (the shopper
 * stays online, R8); a code the merchant shares ends up in the store's cart for checkout (R17).
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { chatFrame, merchantAndShopper, row, startChat } from "./setup/browser.ts"

describe("the Shopify adapter follows the store's cart", () => {
  let browser: Browser
  let merchant: Page
  let shopper: Page

  beforeAll(async () => {
    ;({ browser, merchant, shopper } = await merchantAndShopper())
  })

  afterAll(() => browser?.close())

  const thread = () => merchant.getByRole("log", { name: "Messages" })

  it("R6 R7 adding and removing in the theme are cart events in the merchant's thread", async () => {
    await startChat(shopper, {
      name: "Lina Moreau",
      message: "Which size should I take?",
      add: ["Linen shirt"],
    })
    await row(merchant, "Lina Moreau").click()
    await thread().getByText("Added Linen shirt to the cart").waitFor()
    await shopper.getByRole("button", { name: "Add to cart: Carafe en verre soufflé" }).click()
    await thread().getByText("Added Carafe en verre soufflé to the cart").waitFor()
    await shopper.getByRole("button", { name: "Remove one Linen shirt from cart" }).click()
    await thread().getByText("Removed Linen shirt from the cart").waitFor()
    const cart = merchant.getByRole("group", { name: "Cart" })
    await cart.getByText("Cart subtotal €39.00").waitFor()
    await cart.getByText("1 × Carafe en verre soufflé").waitFor()
  })

  it("R8 after a reload the chat is live again without being opened, and the cart stays in step", async () => {
    await shopper.reload()
    // The frame loads hidden (this browser has a conversation): the shopper is online, the cart followed.
    await shopper.locator("inbox-chat iframe").waitFor({ state: "attached" })
    await merchant
      .getByRole("region", { name: "Lina Moreau" })
      .locator("header")
      .getByText("Online")
      .waitFor()
    await shopper.getByRole("button", { name: "Add to cart: Oak serving board" }).click()
    await thread().getByText("Added Oak serving board to the cart").waitFor()
  })

  it("R17 a shared code is applied to the store's cart, to be used at checkout", async () => {
    await merchant.getByRole("button", { name: "Add discount" }).click()
    const dialog = merchant.getByRole("dialog", { name: "Share a discount" })
    await dialog.getByRole("searchbox", { name: "Search discount codes" }).fill("WELCOME")
    await dialog.getByRole("button", { name: "Share WELCOME10" }).click()
    await merchant.getByRole("button", { name: "Send", exact: true }).click()
    // The bubble counts the shop's message while the chat is closed.
    await shopper.getByRole("button", { name: /Chat with us, 1 new message/ }).click()
    await chatFrame(shopper).getByRole("button", { name: "Apply WELCOME10 to my cart" }).click()
    await shopper.getByRole("status").getByText("Discount WELCOME10 applied at checkout").waitFor()
    const codes = await shopper.evaluate(async () => {
      const cart = (await (await fetch("/cart.js")).json()) as { discount_codes: { code: string }[] }
      return cart.discount_codes.map((d) => d.code)
    })
    assert.deepEqual(codes, ["WELCOME10"])
    await thread().getByText("The customer applied the discount code WELCOME10 to their cart").waitFor()
  })
})
