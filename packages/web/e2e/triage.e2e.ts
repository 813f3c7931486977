/**
 * Story: the merchant triages seeded conversations: closes and reopens one (R3), marks it unread (R4),
 * assigns and unassigns it with the badge and a picker offering only staff who can chat (R19), and
 * writes a note that stays on the customer (R21).
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import {
  conversationAction,
  conversationHeading,
  newContext,
  row,
  signedInPage,
  signIn,
} from "./setup/browser.ts"

describe("merchant triage", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await signedInPage())
  })

  afterAll(() => browser?.close())

  it("R12 R14 a row shows at most two distinct topic chips, the most recent first, as the details say", async () => {
    await row(page, "Sophie Laurent").locator(".chip").first().waitFor()
    const chips = await row(page, "Sophie Laurent").locator(".chip").allTextContents()
    assert.isAtLeast(chips.length, 1)
    assert.isAtMost(chips.length, 2)
    assert.equal(new Set(chips).size, chips.length)
    await row(page, "Sophie Laurent").click()
    const latest = page.getByRole("complementary").locator("dt", { hasText: "Topic" }).locator("+ dd")
    assert.equal(await latest.textContent(), chips[0])
  })

  it("search and the topic filter narrow the list", async () => {
    await page.getByRole("searchbox", { name: "Filter by name or email" }).fill("chloé")
    await row(page, "Sophie Laurent").waitFor({ state: "detached" })
    await row(page, "Chloé Petit").waitFor()
    await page.getByRole("searchbox", { name: "Filter by name or email" }).fill("")
    await row(page, "Sophie Laurent").waitFor()
    await page.getByRole("combobox", { name: "Topic" }).selectOption({ label: "Wholesale" })
    await row(page, "Sophie Laurent").waitFor({ state: "detached" })
    await row(page, "Emily Chen").getByText("Wholesale", { exact: true }).waitFor()
    await page.getByRole("combobox", { name: "Topic" }).selectOption({ label: "All topics" })
    await row(page, "Sophie Laurent").waitFor()
  })

  it("R1 every row shows its channel, and the channel filter keeps one channel", async () => {
    await row(page, "Hugo Lefèvre")
      .locator(".row__channel")
      .getByText("Instagram:")
      .waitFor({ state: "attached" })
    await page.getByRole("combobox", { name: "Channel" }).selectOption({ label: "Instagram" })
    await row(page, "Sophie Laurent").waitFor({ state: "detached" })
    await row(page, "Hugo Lefèvre").waitFor()
    const channels = await page.locator("#conversation-rows .row__channel").allTextContents()
    assert.isAbove(channels.length, 0)
    assert.isTrue(channels.every((c) => c.trim() === "Instagram:"))
    await page.getByRole("combobox", { name: "Channel" }).selectOption({ label: "All channels" })
    await row(page, "Sophie Laurent").waitFor()
  })

  it("R22 the profile's cart lists three lines and shows all on demand", async () => {
    await row(page, "Chloé Petit").click()
    const profile = page.getByRole("complementary")
    const showAll = profile.getByRole("button", { name: /Show all \d+/ })
    await showAll.waitFor()
    const lines = profile.getByRole("listitem").filter({ has: page.getByText(/in stock/) })
    assert.equal(await lines.count(), 3)
    await showAll.click()
    await profile.getByRole("button", { name: "Show less" }).waitFor()
    assert.isAbove(await lines.count(), 3)
  })

  it("R3 closing moves a conversation to the Closed list and reopening moves it back", async () => {
    await row(page, "Sophie Laurent").click()
    await conversationHeading(page, "Sophie Laurent").waitFor()
    await page.getByRole("button", { name: "Close conversation" }).click()
    await page.getByRole("button", { name: "Reopen conversation" }).waitFor()
    await row(page, "Sophie Laurent").waitFor({ state: "detached" })
    await page.getByRole("tab", { name: "Closed" }).click()
    await row(page, "Sophie Laurent").waitFor()
    await page.getByRole("button", { name: "Reopen conversation" }).click()
    await page.getByRole("button", { name: "Close conversation" }).waitFor()
    await row(page, "Sophie Laurent").waitFor({ state: "detached" })
    await page.getByRole("tab", { name: "Open" }).click()
    await row(page, "Sophie Laurent").waitFor()
  })

  it("R4 mark unread shows the unread marker and the Unread filter keeps it", async () => {
    const sophie = row(page, "Sophie Laurent")
    assert.equal(await sophie.getByText("Unread", { exact: true }).count(), 0)
    await conversationAction(page, "Mark as unread")
    await sophie.getByText("Unread", { exact: true }).waitFor()
    await page.getByRole("button", { name: "Unread", exact: true }).click()
    await row(page, "Sophie Laurent").waitFor()
    await page.getByRole("button", { name: "Unread", exact: true }).click()
  })

  it("R19 the assignment window searches only staff with the chat permission; assigning shows my badge, unassigning removes it", async () => {
    const openPicker = async () => {
      await page.getByRole("button", { name: /^(Unassigned\. Assign|Assigned to .*\. Change)/ }).click()
      return page.getByRole("dialog", { name: "Manage staff assignment" })
    }
    let picker = await openPicker()
    const people = picker.getByRole("list", { name: "Staff" })
    // The staff list loads beside the conversation; wait for a colleague before reading the choices.
    await people.getByRole("button", { name: /Camille Dubois/ }).waitFor()
    const names = await people.locator(".assign__name").allTextContents()
    assert.include(names, "Élise Martin (You)")
    assert.include(names, "Camille Dubois")
    assert.isFalse(names.some((o) => o.includes("Théo Bernard")))
    await picker.getByRole("searchbox", { name: "Search staff" }).fill("cami")
    assert.deepEqual(await people.locator(".assign__name").allTextContents(), ["Camille Dubois"])
    await picker.getByRole("searchbox", { name: "Search staff" }).fill("elise")
    await people.getByRole("button", { name: /Élise Martin \(You\)/ }).click()
    await picker.waitFor({ state: "detached" })
    const sophie = row(page, "Sophie Laurent")
    await sophie.getByText("Assigned to you").waitFor()
    await page.getByRole("button", { name: "Assigned to me" }).click()
    await row(page, "Sophie Laurent").waitFor()
    await page.getByRole("button", { name: "Assigned to me" }).click()
    picker = await openPicker()
    await picker.getByRole("list", { name: "Staff" }).getByRole("button", { name: "Unassigned" }).click()
    await row(page, "Sophie Laurent").getByText("Assigned to you").waitFor({ state: "detached" })
    await page.getByRole("button", { name: "Unassigned", exact: true }).click()
    await row(page, "Sophie Laurent").waitFor()
    await page.getByRole("button", { name: "Unassigned", exact: true }).click()
  })

  it("R21 a note is saved on the customer and shown again when the customer's conversation is reopened", async () => {
    const note = page.getByRole("textbox", { name: "Internal note about this customer" })
    await note.fill("Prefers delivery before noon. VIP since 2024.")
    await page.getByRole("button", { name: "Save note" }).click()
    await page.getByRole("status").getByText("Note saved").waitFor()
    // A fresh session (another tab) opening the customer's conversation reads the note from the server.
    const other = await (await newContext(browser)).newPage()
    await signIn(other)
    await row(other, "Sophie Laurent").click()
    const otherNote = other.getByRole("textbox", { name: "Internal note about this customer" })
    await otherNote.waitFor()
    assert.equal(await otherNote.inputValue(), "Prefers delivery before noon. VIP since 2024.")
  })
})
