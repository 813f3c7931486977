/**
 * Story: a reply to an Instagram customer cannot be delivered (its custom platform's URL answers nothing); the
 * merchant sees it failed with the reason, clicks Retry (twice, quickly) and the reply is attempted once more, not twice.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { conversationHeading, row, signedInPage } from "./setup/browser.ts"

describe("delivery status and retry", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await signedInPage())
  })

  afterAll(() => browser?.close())

  it("a failed reply shows why, and Retry attempts it exactly once more", async () => {
    await row(page, "Emily Chen").click()
    await conversationHeading(page, "Emily Chen").waitFor()
    const composer = page.getByRole("textbox", { name: "Reply" })
    await composer.fill("Wholesale prices are on their way by DM.")
    await composer.press("Enter")
    const thread = page.getByRole("log", { name: "Messages" })
    const reply = thread.getByRole("listitem").filter({ hasText: "Wholesale prices are on their way by DM." })
    await reply.getByText(/Not delivered: The channel could not be reached/).waitFor()

    let retries = 0
    page.on("request", (r) => {
      if (r.url().endsWith("/retry")) retries++
    })
    // A double click: the button disables itself on the first, so one request goes out.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/retry")),
      reply.getByRole("button", { name: "Retry sending" }).dblclick(),
    ])
    assert.isTrue(((await answer.json()) as { requeued: boolean }).requeued)
    // The new attempt fails again (still nobody there): the reply comes back failed with an enabled Retry.
    await reply.getByRole("button", { name: "Retry sending" }).and(page.locator(":enabled")).waitFor()
    assert.strictEqual(retries, 1)
  })
})
