/**
 * Story: a hostile shopper and a careless merchant type markup. Names, messages and notes must show as
 * the characters typed, and nothing they contain may run, in the inbox or in the chat.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import {
  chatFrame,
  conversationHeading,
  launch,
  newContext,
  row,
  signIn,
  startChat,
} from "./setup/browser.ts"

const NAME = `<img src=x onerror="window.__xss='name'">Eve`
const MESSAGE = `<script>window.__xss='message'</script><b>bold</b> <img src=x onerror="window.__xss='img'">`
const NOTE = `<svg onload="window.__xss='note'"></svg><i>note</i>`
const REPLY = `<iframe src="javascript:window.top.__xss='reply'"></iframe>`

const executed = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)

describe("typed text is rendered as text", () => {
  let browser: Browser
  let merchant: Page
  let shopper: Page
  const dialogs: string[] = []

  beforeAll(async () => {
    browser = await launch()
    merchant = await (await newContext(browser)).newPage()
    shopper = await (await newContext(browser)).newPage()
    for (const p of [merchant, shopper])
      p.on("dialog", (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
    await signIn(merchant)
  })

  afterAll(() => browser?.close())

  it("a name and a message with markup appear literally in the list, the thread and the chat", async () => {
    await startChat(shopper, { name: NAME, message: MESSAGE })
    const eve = row(merchant, "Eve")
    await eve.waitFor()
    assert.include(await eve.textContent(), NAME)
    await eve.click()
    await conversationHeading(merchant, NAME).waitFor()
    const thread = merchant.getByRole("log", { name: "Messages" })
    await thread.getByText(MESSAGE).waitFor()
    assert.equal(await thread.locator("b, img[src='x'], script").count(), 0)
    assert.equal(await chatFrame(shopper).getByRole("log").locator("b, img[src='x'], script").count(), 0)
  })

  it("a note and a reply with markup are saved and shown literally, and nothing ran anywhere", async () => {
    const note = merchant.getByRole("textbox", { name: "Internal note about this customer" })
    await note.fill(NOTE)
    await merchant.getByRole("button", { name: "Save note" }).click()
    await merchant.getByRole("status").getByText("Note saved").waitFor()
    await merchant.getByRole("textbox", { name: "Reply" }).fill(REPLY)
    await merchant.getByRole("textbox", { name: "Reply" }).press("Enter")
    await merchant.getByRole("log", { name: "Messages" }).getByText(REPLY).waitFor()
    await chatFrame(shopper).getByRole("log").getByText(REPLY).waitFor()

    await merchant.reload()
    await conversationHeading(merchant, NAME).waitFor()
    const reloaded = merchant.getByRole("textbox", { name: "Internal note about this customer" })
    await reloaded.waitFor()
    assert.equal(await reloaded.inputValue(), NOTE)
    assert.equal(await merchant.locator("iframe, svg[onload], b, img[src='x']").count(), 0)
    assert.isNull(await executed(merchant))
    assert.isNull(await executed(shopper))
    assert.deepEqual(dialogs, [])
  })
})
