/**
 * The browser side of every story: Debian's Chromium through playwright-core, and the few steps stories
 * share (staff sign-in, opening the store). Selectors are roles and labels, waits are on locators.
 */
import { type Browser, type BrowserContext, chromium, type FrameLocator, type Page } from "playwright-core"
import { inject } from "vitest"

export const baseURL = (): string => inject("baseURL")
/** The demo shop's own storefront: another origin, embedding the chat with widget.js. */
export const storeURL = (): string => inject("storeURL")

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })

export interface ContextOptions {
  readonly viewport?: { width: number; height: number }
  readonly locale?: string
  readonly mobile?: boolean
  /** Lets a test inject axe-core past the app's Content-Security-Policy (script-src 'self'). */
  readonly bypassCSP?: boolean
}

export const newContext = async (browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> => {
  const context = await browser.newContext({
    baseURL: baseURL(),
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: options.locale ?? "en-US",
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    bypassCSP: options.bypassCSP ?? false,
  })
  // Generous: in `npm test` the other projects share the machine's cores with this server and browser.
  context.setDefaultTimeout(30_000)
  // A throttled, failing or stalled server explains a timeout better than the locator that waited for it.
  context.on("response", (r) => {
    if (r.status() === 429 || r.status() >= 500)
      console.error(`${r.status()} ${r.request().method()} ${r.url()}`)
  })
  context.on("requestfinished", (request) => {
    const ms = request.timing().responseEnd
    if (ms > 3000) console.error(`slow ${Math.round(ms)} ms: ${request.method()} ${request.url()}`)
  })
  return context
}

export const signIn = async (
  page: Page,
  email = "owner@demo.shop",
  password = "inbox-demo",
): Promise<void> => {
  await page.goto("/")
  await page.getByLabel("Email").fill(email)
  await page.getByLabel("Password").fill(password)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.getByRole("heading", { name: "Conversations" }).waitFor()
}

/** A story's browser and one page signed in as the demo shop's owner. */
export const signedInPage = async (): Promise<{ browser: Browser; page: Page }> => {
  const browser = await launch()
  const page = await (await newContext(browser)).newPage()
  await signIn(page)
  return { browser, page }
}

/** A story's browser with the signed-in owner and a shopper, each in a context (cookies) of their own. */
export const merchantAndShopper = async (): Promise<{ browser: Browser; merchant: Page; shopper: Page }> => {
  const browser = await launch()
  const merchant = await (await newContext(browser)).newPage()
  const shopper = await (await newContext(browser)).newPage()
  await signIn(merchant)
  return { browser, merchant, shopper }
}

/** A row of the conversation list, found by the customer's name. */
export const row = (page: Page, name: string) =>
  page.locator("#conversation-rows").getByRole("button").filter({ hasText: name })

/** The open conversation's heading (the profile panel repeats the name in its own landmark). */
export const conversationHeading = (page: Page, name: string) =>
  page.getByRole("region", { name }).getByRole("heading", { name })

/** The chat on a storefront page: the frame widget.js puts in its `<inbox-chat>` element. */
export const chatFrame = (page: Page): FrameLocator => page.locator("inbox-chat iframe").contentFrame()

/** The demo store with its cart filled, as the shop's theme does it (the Ajax Cart API of its origin). */
export const openStore = async (page: Page, add: ReadonlyArray<string> = []): Promise<void> => {
  await page.goto(storeURL())
  for (const title of add) {
    await page.getByRole("button", { name: `Add to cart: ${title}` }).click()
    await page.getByRole("complementary").getByText(`× ${title}`).first().waitFor()
  }
}

/** Opens the store, optionally adds products, and starts a chat with a first message. */
export const startChat = async (
  page: Page,
  options: { message: string; email?: string; name?: string; add?: ReadonlyArray<string> },
): Promise<void> => {
  await openStore(page, options.add)
  await page.getByRole("button", { name: "Chat with us" }).click()
  const chat = chatFrame(page)
  if (options.name !== undefined) await chat.getByLabel("Name (optional)").fill(options.name)
  if (options.email !== undefined) await chat.getByLabel("Email (optional)").fill(options.email)
  await chat.getByLabel("Message").fill(options.message)
  await chat.getByRole("button", { name: "Start chat" }).click()
  await chat.getByRole("log").getByText(options.message).waitFor()
}

/** Runs an action of the open conversation's ⋯ menu (Mark as unread, Block sender…). */
export const conversationAction = async (page: Page, name: string | RegExp): Promise<void> => {
  await page.getByRole("button", { name: "More actions" }).click()
  await page.getByRole("menu", { name: "More actions" }).getByRole("menuitem", { name }).click()
}

/** The menu entry of the open conversation's ⋯ menu, read without running it (the menu is closed after). */
export const conversationActionVisible = async (page: Page, name: string): Promise<boolean> => {
  await page.getByRole("button", { name: "More actions" }).click()
  const menu = page.getByRole("menu", { name: "More actions" })
  await menu.waitFor()
  const found = await menu.getByRole("menuitem", { name, exact: true }).count()
  await page.keyboard.press("Escape")
  return found > 0
}

/** Opens the account menu of the top bar (language, sign-out); its label names the person. */
export const openAccount = async (page: Page): Promise<void> => {
  await page.getByRole("banner").locator("summary.account__toggle").click()
}
