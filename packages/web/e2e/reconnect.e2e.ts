/**
 * Story: the merchant's connection drops while a shopper writes. The inbox reconnects on its own, asking
 * the server for everything after the last shop sequence number it saw, and the missed message appears
 * in the open conversation without a reload.
 */
import type { Browser, Page, WebSocketRoute } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { chatFrame, launch, newContext, row, signIn, startChat } from "./setup/browser.ts"

/** Waits for a condition of the test's own state (the socket routes), checking on each turn of the loop. */
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((r) => setImmediate(r))
}

describe("realtime reconnect replays what was missed", () => {
  let browser: Browser
  let merchant: Page
  let shopper: Page
  const sockets: { url: string; route: WebSocketRoute }[] = []
  let reconnectMayReachServer!: () => void
  const released = new Promise<void>((r) => {
    reconnectMayReachServer = r
  })

  beforeAll(async () => {
    browser = await launch()
    merchant = await (await newContext(browser)).newPage()
    shopper = await (await newContext(browser)).newPage()
    // Every merchant socket goes through the test, which can cut it and hold the next one back.
    await merchant.routeWebSocket(/\/api\/realtime/, async (ws) => {
      sockets.push({ url: ws.url(), route: ws })
      if (sockets.length > 1) await released
      ws.connectToServer()
    })
    await signIn(merchant)
  })

  afterAll(() => browser?.close())

  it("a message written while the socket is down arrives after the reconnect, from the last sequence number", async () => {
    await startChat(shopper, { name: "Inès Fabre", message: "Bonjour, une question sur la carafe." })
    await row(merchant, "Inès Fabre").click()
    const thread = merchant.getByRole("log", { name: "Messages" })
    await thread.getByText("Bonjour, une question sur la carafe.").waitFor()
    assert.notInclude(sockets[0]!.url, "since=")

    await sockets[0]!.route.close({ code: 1012, reason: "test cut" })
    await until(() => sockets.length > 1)
    const since = Number(new URL(sockets[1]!.url).searchParams.get("since"))
    assert.isAbove(since, 0)

    const chat = chatFrame(shopper)
    await chat.getByRole("textbox", { name: "Write a message" }).fill("Est-elle lavable au lave-vaisselle ?")
    await chat.getByRole("button", { name: "Send", exact: true }).click()
    await chat.getByRole("log").getByText("Est-elle lavable au lave-vaisselle ?").waitFor()
    reconnectMayReachServer()
    await thread.getByText("Est-elle lavable au lave-vaisselle ?").waitFor()
  })
})
