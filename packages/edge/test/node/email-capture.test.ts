/**
 * The embedded default closes the loop offline: with no SMTP server configured, an email reply is saved as
 * an .eml file under the data folder, marked sent, and listed on a page only the shop's staff can open.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc.
import { readdirSync } from "node:fs"
import { join } from "node:path"
import PostalMime from "postal-mime"
import { afterAll, assert, beforeAll, it } from "vitest"
import { captureDir, channelsFrom } from "../../src/channels/config.node.ts"
import * as Settings from "../../src/config/Settings.ts"
import { seededServer, staffToken, tempDir } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
let token: string

const http = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers)
  headers.set("authorization", `Bearer ${token}`)
  if (init.body !== undefined) headers.set("content-type", "application/json")
  return server.app.request(`http://127.0.0.1${path}`, { ...init, headers })
}

const data = tempDir()

beforeAll(async () => {
  // The configuration `npm start` reads with no INBOX_SMTP_URL, over this data folder.
  server = await seededServer({
    channels: { ...channelsFrom(Settings.fromEnv({}), data.path), pollMs: 20 },
    dataDir: data.path,
  })
  token = await staffToken(server.app)
})

afterAll(async () => {
  await server.stop()
  data.remove()
})

it("R2 with no SMTP configured, an email reply is captured as an .eml file, sent, and listed on the capture page", async () => {
  const r = await http("/api/conversations/conv_james/replies", {
    method: "POST",
    body: JSON.stringify({ clientMessageId: "capture-1", text: "Your label is attached <b>here</b>." }),
  })
  assert.strictEqual(r.status, 201)
  let status = "queued"
  for (let i = 0; i < 200 && status === "queued"; i++) {
    await new Promise((ok) => setTimeout(ok, 25))
    const detail = (await (await http("/api/conversations/conv_james")).json()) as any
    status = detail.thread.find((x: any) => x.event.messageId === "capture-1").delivery.status
  }
  assert.strictEqual(status, "sent")
  const files = readdirSync(join(captureDir(data.path), "demo"))
  assert.strictEqual(files.length, 1)

  const page = await http("/api/email-capture")
  assert.strictEqual(page.status, 200)
  const html = await page.text()
  assert.include(html, "james.whitfield@example.co.uk")
  const link = /href="\/api\/email-capture\/([^"]+)"/.exec(html)?.[1]
  assert.isDefined(link)
  const file = await http(`/api/email-capture/${link}`)
  assert.match(file.headers.get("content-type") ?? "", /^text\/plain/)
  const email = await PostalMime.parse(await file.arrayBuffer())
  assert.strictEqual(email.to?.[0]?.address, "james.whitfield@example.co.uk")
  assert.include(email.text ?? "", "Your label is attached <b>here</b>.")
  assert.include(email.html ?? "", "&lt;b&gt;here&lt;/b&gt;")
})

it("the capture page opens only files of its folder, and only for signed-in staff", async () => {
  for (const name of ["..%2Fsession-secret", "%2E%2E%2Finbox.db", "nothing.eml"]) {
    const r = await http(`/api/email-capture/${name}`)
    assert.include([400, 404], r.status, name)
  }
  const anonymous = await server.app.request("http://127.0.0.1/api/email-capture")
  assert.strictEqual(anonymous.status, 401)
})

it("R2 on the embedded default, Messenger is 'not connected' before sending, and a reply sent anyway fails at once saying so", async () => {
  const d = (await (await http("/api/conversations/conv_liam/destination")).json()) as any
  assert.deepStrictEqual([d.channel, d.connected, d.refusal], ["messenger", false, null])
  const email = (await (await http("/api/conversations/conv_james/destination")).json()) as any
  assert.deepStrictEqual(
    [email.channel, email.to, email.connected, email.captured],
    ["email", "james.whitfield@example.co.uk", true, true],
  )
  const status = (await (await http("/api/channels")).json()) as any
  assert.strictEqual(status.email.transport, "capture")
  assert.isFalse(status.meta.configured)
  assert.isFalse(status.customPlatform.configured)

  await http("/api/conversations/conv_liam/replies", {
    method: "POST",
    body: JSON.stringify({ clientMessageId: "liam-unconnected", text: "Shipping is €6.90." }),
  })
  let delivery: any = null
  for (let i = 0; i < 200 && (delivery === null || delivery.status === "queued"); i++) {
    await new Promise((ok) => setTimeout(ok, 25))
    const detail = (await (await http("/api/conversations/conv_liam")).json()) as any
    delivery = detail.thread.find((x: any) => x.event.messageId === "liam-unconnected")?.delivery ?? null
  }
  assert.strictEqual(delivery.status, "failed")
  assert.strictEqual(delivery.attempts, 1)
  assert.deepStrictEqual(delivery.reason, { code: "platform_not_connected", detail: "messenger" })
})
