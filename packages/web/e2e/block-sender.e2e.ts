/**
 * Story: a merchant blocks a spamming shopper; the conversation leaves Open for the Blocked list, the shopper's
 * next message is kept there (closed, not unread), and unblocking brings the conversation back to Open.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import {
  chatFrame,
  conversationAction,
  conversationActionVisible,
  conversationHeading,
  merchantAndShopper,
  row,
  startChat,
} from "./setup/browser.ts"

describe("block sender", () => {
  let browser: Browser
  let merchant: Page
  let shopper: Page

  beforeAll(async () => {
    ;({ browser, merchant, shopper } = await merchantAndShopper())
  })

  afterAll(() => browser?.close())

  it("blocking moves the conversation to the Blocked list", async () => {
    await startChat(shopper, { name: "Spam Bot", message: "Cheap followers, click here" })
    await row(merchant, "Spam Bot").click()
    await conversationHeading(merchant, "Spam Bot").waitFor()
    await conversationAction(merchant, "Block sender")
    // Asked in the inbox's own dialog, never the browser's confirm().
    const confirm = merchant.getByRole("dialog", { name: "Block Spam Bot?" })
    await confirm.getByRole("button", { name: "Block sender" }).click()
    await confirm.waitFor({ state: "detached" })
    await merchant.getByRole("status").getByText("Sender blocked").waitFor({ state: "attached" })
    assert.isTrue(await conversationActionVisible(merchant, "Unblock sender"))
    await merchant.getByRole("tab", { name: "Open" }).click()
    await row(merchant, "Spam Bot").waitFor({ state: "detached" })
    await merchant.getByRole("tab", { name: "Blocked" }).click()
    await row(merchant, "Spam Bot").waitFor()
  })

  it("the blocked shopper's next message is kept in the Blocked list, not unread, and unblock restores it", async () => {
    const chat = chatFrame(shopper).getByRole("region", { name: "Maison Lumière" })
    await chat.getByLabel("Message").fill("Still selling followers")
    await chat.getByLabel("Message").press("Enter")
    await chat.getByRole("log").getByText("Still selling followers").waitFor()
    // The merchant's Blocked list shows the message (kept), and never as unread.
    await merchant.getByRole("tab", { name: "Closed" }).click()
    await merchant.getByRole("tab", { name: "Blocked" }).click()
    const blockedRow = row(merchant, "Spam Bot")
    await blockedRow.getByText("Still selling followers").waitFor()
    assert.notInclude((await blockedRow.getAttribute("class")) ?? "", "unread")
    await blockedRow.click()
    await conversationHeading(merchant, "Spam Bot").waitFor()
    await conversationAction(merchant, "Unblock sender")
    await merchant.getByRole("status").getByText("Sender unblocked").waitFor({ state: "attached" })
    assert.isTrue(await conversationActionVisible(merchant, "Block sender"))
    await merchant.getByRole("tab", { name: "Open" }).click()
    await row(merchant, "Spam Bot").waitFor()
  })
})
