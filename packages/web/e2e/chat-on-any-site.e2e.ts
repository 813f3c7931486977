/**
 * Story: a merchant on a platform without an adapter puts the chat on their own site with one script tag.
 * The site is another origin, with a strict Content-Security-Policy and a theme that resets and hides
 * everything; the bubble still shows, the page's layout is untouched, a chat starts and messages, cart
 * events (through window.Inbox) and a shared code flow both ways. A page on an unlisted origin gets no
 * chat and cannot start one; a tampered signed identity is refused, a valid one skips the email question.
 */
import { createHmac } from "node:crypto"
import type { Browser, Page } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { baseURL, chatFrame, launch, newContext, row, signIn } from "./setup/browser.ts"
import { type HostPage, startHostPage } from "./setup/hostPage.ts"

let browser: Browser
let merchant: Page
let host: HostPage
let ownerToken: string

const api = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${baseURL()}${path}`, {
    method,
    headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as Record<string, unknown>
}

const conversationCount = async () =>
  ((await api("GET", "/api/conversations?status=open&limit=100")).rows as unknown[]).length

/** Where every element of the page sits: equal lists mean the chat moved nothing of the page. */
const layout = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.tagName !== "INBOX-CHAT" && e.tagName !== "SCRIPT")
      .map((e) => {
        const r = e.getBoundingClientRect()
        return `${e.tagName}#${e.id}:${r.x},${r.y},${r.width}x${r.height}`
      }),
  )

beforeAll(async () => {
  browser = await launch()
  host = await startHostPage(baseURL())
  const login = await fetch(`${baseURL()}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
  })
  ownerToken = ((await login.json()) as { token: string }).token
  const settings = await api("GET", "/api/settings/storefront")
  await api("PUT", "/api/settings/storefront/allowed-origins", {
    origins: [...(settings.allowedOrigins as string[]), host.origin],
  })
  merchant = await (await newContext(browser)).newPage()
  await signIn(merchant)
})

afterAll(async () => {
  await api("DELETE", "/api/settings/storefront/identity-secret").catch(() => {})
  await browser?.close()
  await host?.close()
})

describe("the chat on a site with a strict policy and a hostile theme", () => {
  let shopper: Page

  it("the bubble shows above the theme, in its own style, and the page's layout is untouched", async () => {
    const context = await newContext(browser)
    const plain = await context.newPage()
    await plain.goto(`${host.origin}/page`)
    const before = await layout(plain)
    const sheets = await plain.evaluate(() => document.styleSheets.length)
    await plain.close()

    shopper = await context.newPage()
    await shopper.goto(`${host.origin}/page?chat=1`)
    const bubble = shopper.getByRole("button", { name: "Chat with us" })
    await bubble.waitFor()
    assert.deepEqual(await layout(shopper), before)
    assert.strictEqual(await shopper.evaluate(() => document.styleSheets.length), sheets)
    // Visible where it belongs, on top of the theme's z-index 2147483647 banner and articles.
    const box = (await bubble.boundingBox())!
    const viewport = shopper.viewportSize()!
    assert.isAbove(box.x, viewport.width / 2)
    assert.isAbove(box.y, viewport.height / 2)
    assert.isTrue(
      await shopper.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.tagName === "INBOX-CHAT",
        [box.x + box.width / 2, box.y + box.height / 2],
      ),
    )
    // The theme's `*` font, `button { all: unset }` and `body > *:last-child` do not reach it.
    const style = await bubble.evaluate((b) => {
      const s = getComputedStyle(b)
      const h = getComputedStyle(
        b.getRootNode() instanceof ShadowRoot ? (b.getRootNode() as ShadowRoot).host : b,
      )
      return { font: s.fontSize, family: s.fontFamily, opacity: h.opacity, transform: h.transform }
    })
    assert.strictEqual(style.font, "15px")
    assert.notInclude(style.family, "Comic Sans")
    assert.strictEqual(style.opacity, "1")
    assert.strictEqual(style.transform, "none")
  })

  it("a chat starts; messages, cart events and a shared code flow both ways", async () => {
    await shopper.getByRole("button", { name: "Add carafe" }).click()
    await shopper.getByRole("button", { name: "Chat with us" }).click()
    const chat = chatFrame(shopper)
    await chat.getByLabel("Name (optional)").fill("Hugo Lambert")
    await chat.getByLabel("Message").fill("Is the carafe dishwasher safe?")
    await chat.getByRole("button", { name: "Start chat" }).click()
    await chat.getByRole("log").getByText("Is the carafe dishwasher safe?").waitFor()

    await row(merchant, "Hugo Lambert").click()
    const thread = merchant.getByRole("log", { name: "Messages" })
    await thread.getByText("Added Carafe en verre soufflé to the cart").waitFor()
    await shopper.getByRole("button", { name: "Add cup" }).click()
    await thread.getByText("Added Ceramic espresso cup to the cart").waitFor()
    await shopper.getByRole("button", { name: "Remove carafe" }).click()
    await thread.getByText("Removed Carafe en verre soufflé from the cart").waitFor()
    await merchant.getByRole("group", { name: "Cart" }).getByText("1 × Ceramic espresso cup").waitFor()

    await merchant.getByRole("textbox", { name: "Reply" }).fill("Yes, at up to 60 °C.")
    await merchant.getByRole("textbox", { name: "Reply" }).press("Enter")
    await chat.getByRole("log").getByText("Yes, at up to 60 °C.").waitFor()

    await merchant.getByRole("button", { name: "Add discount" }).click()
    const dialog = merchant.getByRole("dialog", { name: "Share a discount" })
    await dialog.getByRole("searchbox", { name: "Search discount codes" }).fill("WELCOME")
    await dialog.getByRole("button", { name: "Share WELCOME10" }).click()
    await merchant.getByRole("button", { name: "Send", exact: true }).click()
    await chat.getByRole("button", { name: "Apply WELCOME10 to my cart" }).click()
    // The page's own `discount` handler put it in its cart; the chat says so.
    await shopper.getByRole("status").getByText("Code WELCOME10 is in your cart").waitFor()
    await chat.getByText("Applied to your cart").waitFor()
    await thread.getByText("The customer applied the discount code WELCOME10 to their cart").waitFor()
  })

  it("nothing broke the page's policy: no Content-Security-Policy violation", async () => {
    assert.deepEqual(
      await shopper.evaluate(() => (window as unknown as { violations: string[] }).violations),
      [],
    )
  })
})

describe("refusals", () => {
  it("a page on an unlisted origin shows no chat, and its requests start no conversation", async () => {
    const page = await (await newContext(browser)).newPage()
    const warned = page.waitForEvent(
      "console",
      (m) => m.type() === "warning" && m.text().includes("not available"),
    )
    await page.goto(`${host.unlisted}/page?chat=1`)
    assert.include((await warned).text(), host.unlisted)
    assert.strictEqual(await page.locator("inbox-chat").count(), 0)

    const before = await conversationCount()
    const attempts = await page.evaluate(async (inbox) => {
      const body = JSON.stringify({ email: null, clientId: "unlisted-origin-1", origin: location.origin })
      const tries = [
        fetch(`${inbox}/api/store/demo/chat`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
        fetch(`${inbox}/api/store/demo/chat`, { method: "POST", mode: "no-cors", body }),
      ]
      return Promise.all(
        tries.map((t) =>
          t.then(
            (r) => r.type,
            (e: Error) => e.name,
          ),
        ),
      )
    }, baseURL())
    // The JSON request fails its CORS preflight; the form-like one is sent blind, refused by the server, and
    // its answer withheld from the page (Cross-Origin-Resource-Policy).
    assert.deepEqual(attempts, ["TypeError", "TypeError"])
    assert.strictEqual(await conversationCount(), before)

    // Framing the chat directly is refused by the browser (the frame's frame-ancestors), so no chat renders.
    await page.goto(`${host.unlisted}/page`)
    const refused = page.waitForEvent("console", (m) => m.text().includes("frame-ancestors"))
    await page.evaluate((inbox) => {
      const frame = document.createElement("iframe")
      frame.src = `${inbox}/widget/demo?origin=${encodeURIComponent(location.origin)}`
      document.body.append(frame)
    }, baseURL())
    assert.match((await refused).text(), /violates .*frame-ancestors/)
    assert.strictEqual(
      await page.frameLocator("iframe").getByRole("button", { name: "Start chat" }).count(),
      0,
    )
  })

  it("a signed-in customer with a valid signature skips the email question; a tampered one is refused", async () => {
    const { secret } = (await api("POST", "/api/settings/storefront/identity-secret")) as { secret: string }
    const customer = { customer: "207119551", email: "margot.lefevre@example.fr", name: "Margot Lefèvre" }
    const signature = createHmac("sha256", secret)
      .update(`${customer.customer}:${customer.email}`)
      .digest("hex")
    const open = async (query: Record<string, string>) => {
      const page = await (await newContext(browser)).newPage()
      await page.goto(`${host.origin}/page?chat=1&${new URLSearchParams(query)}`)
      await page.getByRole("button", { name: "Chat with us" }).click()
      return chatFrame(page)
    }

    const before = await conversationCount()
    const tampered = await open({ ...customer, email: "someone.else@example.fr", signature })
    await tampered.getByText("You are signed in as someone.else@example.fr.").waitFor()
    await tampered.getByLabel("Message").fill("Where is my order?")
    await tampered.getByRole("button", { name: "Start chat" }).click()
    await tampered
      .getByRole("alert")
      .getByText(/signature does not match/)
      .waitFor()
    assert.strictEqual(await conversationCount(), before)

    const valid = await open({ ...customer, signature })
    await valid.getByText("You are signed in as margot.lefevre@example.fr.").waitFor()
    assert.strictEqual(await valid.getByLabel("Email (optional)").count(), 0)
    await valid.getByLabel("Message").fill("Where is my order?")
    await valid.getByRole("button", { name: "Start chat" }).click()
    await valid.getByRole("log").getByText("Where is my order?").waitFor()
    await row(merchant, "Margot Lefèvre").waitFor()
  })
})
