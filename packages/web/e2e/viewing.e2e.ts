/** Story: a colleague opens the conversation the owner is reading; the owner sees their avatar beside "also viewing". */
import type { Browser } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, launch, newContext, row, signIn } from "./setup/browser.ts"

describe("also viewing avatars", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launch()
  })

  afterAll(() => browser?.close())

  it("shows the colleague's initial as an avatar, named on hover, next to the words", async () => {
    const owner = await (await newContext(browser)).newPage()
    const camille = await (await newContext(browser)).newPage()
    await signIn(owner)
    await signIn(camille, "camille@demo.shop")
    // The Open tab counts what the owner has unread, in words for a screen reader.
    await owner.getByRole("tab", { name: /^Open\W*\d+ unread$/ }).waitFor()
    await row(owner, "Liam O'Connor").click()
    await conversationHeading(owner, "Liam O'Connor").waitFor()
    await row(camille, "Liam O'Connor").click()
    await owner.getByText("Camille Dubois also viewing").waitFor()
    const avatar = owner.locator(".convo__activity .avatar--viewing")
    assert.strictEqual(await avatar.textContent(), "C")
    assert.strictEqual(await avatar.getAttribute("title"), "Camille Dubois")
  })
})
