/**
 * Messenger and Instagram against a local fake Graph API (test/fakes/graph.ts) speaking Meta's formats
 * (fixtures in test/fixtures/meta, each naming its source page): the handshake, X-Hub-Signature-256 good, bad
 * and missing, batches, duplicates, echoes, watermarks, the 24 h / 7-day window, images by URL, noted
 * customer attachments, tokens sealed at rest, the Graph base URL and version from configuration.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc.
import fc from "fast-check"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { metaConfigFrom } from "../../src/channels/meta/MetaSettings.ts"
import { type FakeGraph, signature, startFakeGraph } from "../fakes/graph.ts"
import * as Meta from "../fixtures/meta/payloads.ts"
import { call, dumpTables, login, PNG_1x1 } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

const APP_SECRET = "meta-app-secret-for-tests"
const VERIFY_TOKEN = "meta-verify-token-for-tests"
const VERSION = "v99.0"
const PAGE = "1000000000000001"
const PAGE_TOKEN = "EAAB-page-token-never-stored-in-clear"
const IG_ACCOUNT = "17841400000000001"
const IG_PAGE = "1000000000000002"
const DAY = 86_400_000

let graph: FakeGraph
let server: Awaited<ReturnType<typeof seededServer>>
let owner: string

const api = (path: string, init: Parameters<typeof call>[2] = {}) =>
  call(server.app, path, { token: owner, ...init })
const body = async (r: Response) => (await r.json()) as any
const messenger = (customer: string) => ({ account: PAGE, customer })
const instagram = (customer: string) => ({ account: IG_ACCOUNT, customer })

/** Meta posting one entry of events for the page (or the Instagram account). */
const post = (events: ReadonlyArray<unknown>, object: "page" | "instagram" = "page", standby = false) =>
  graph.deliver(
    server.url,
    Meta.envelope(object, [{ id: object === "page" ? PAGE : IG_ACCOUNT, time: Date.now(), events, standby }]),
  )

const conversationOf = async (customerName: string) => {
  const page = await body(await api(`/api/conversations?q=${encodeURIComponent(customerName)}`))
  return page.rows[0]?.conversationId as string | undefined
}
const thread = async (id: string) => (await body(await api(`/api/conversations/${id}`))).thread as Array<any>
const customerTexts = async (id: string) =>
  (await thread(id)).filter((i) => i.event._tag === "CustomerMessageReceived").map((i) => i.event.text)

/** Waits for the dispatcher to move a reply's delivery off `queued`. */
const settled = async (id: string, messageId: string) => {
  for (let i = 0; i < 400; i++) {
    const item = (await thread(id)).find((x) => x.event.messageId === messageId)
    if (item !== undefined && item.delivery.status !== "queued") return item
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`${messageId} never left the outbox`)
}

const reply = (id: string, clientMessageId: string, text: string, extra: Record<string, unknown> = {}) =>
  api(`/api/conversations/${id}/replies`, { method: "POST", body: { clientMessageId, text, ...extra } })

beforeAll(async () => {
  graph = await startFakeGraph({ appSecret: APP_SECRET, version: VERSION })
  graph.profiles.set("psid-ana", { first: "Ana", last: "Lopez" })
  graph.profiles.set("igsid-zoe", { first: "Zoé", last: "Garnier" })
  const meta = metaConfigFrom(
    (name) =>
      ({
        INBOX_META_APP_SECRET: APP_SECRET,
        INBOX_META_VERIFY_TOKEN: VERIFY_TOKEN,
        INBOX_META_GRAPH_URL: graph.url,
        INBOX_META_GRAPH_VERSION: VERSION,
      })[name],
  )
  server = await seededServer({
    meta,
    channels: {
      webhook: { url: null, secret: "test-webhook-secret", timeoutMs: 2_000 },
      sendEmail: null,
      publicUrl: "https://inbox.example",
      retry: { maxAttempts: 3, baseDelayMs: 20 },
      pollMs: 20,
    },
  })
  owner = (await login(server.app, "owner@demo.shop")).token
})

afterAll(async () => {
  await server.stop()
  await graph.close()
})

describe("connecting a page", () => {
  it("only the owner connects; the page token is sealed at rest, never stored in clear", async () => {
    const ines = (await login(server.app, "ines@demo.shop")).token
    const account = {
      platform: "messenger",
      accountId: PAGE,
      pageId: PAGE,
      name: "Maison Lumière",
      accessToken: PAGE_TOKEN,
    }
    const refused = await call(server.app, "/api/channels/meta", {
      method: "PUT",
      token: ines,
      body: account,
    })
    assert.strictEqual(refused.status, 403)
    assert.strictEqual((await body(refused)).error.code, "StaffNotOwner")
    const ok = await api("/api/channels/meta", { method: "PUT", body: account })
    assert.strictEqual(ok.status, 200)
    const ig = await api("/api/channels/meta", {
      method: "PUT",
      body: {
        platform: "instagram",
        accountId: IG_ACCOUNT,
        pageId: IG_PAGE,
        name: "@maisonlumiere",
        accessToken: `${PAGE_TOKEN}-ig`,
      },
    })
    assert.strictEqual(ig.status, 200)
    const dump = await dumpTables(server.client)
    assert.notInclude(dump, PAGE_TOKEN)
    const status = await body(await api("/api/channels"))
    assert.isTrue(status.meta.configured)
    assert.deepStrictEqual(status.meta.accounts.map((a: any) => a.name).sort(), [
      "@maisonlumiere",
      "Maison Lumière",
    ])
    assert.notInclude(JSON.stringify(status), PAGE_TOKEN)
  })
})

describe("webhook verification and signatures", () => {
  it("echoes hub.challenge for the verify token, 403 for another", async () => {
    const good = await fetch(
      `${server.url}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    )
    assert.strictEqual(good.status, 200)
    assert.strictEqual(await good.text(), "1158201444")
    const bad = await fetch(
      `${server.url}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`,
    )
    assert.strictEqual(bad.status, 403)
    assert.strictEqual((await bad.json()).error.code, "WebhookVerifyTokenInvalid")
  })

  it("a POST with a bad or missing X-Hub-Signature-256 is refused and changes no table, whatever it says", async () => {
    // Anything Meta could carry (a message of a connected page or Instagram account, a receipt, any JSON or
    // bytes), with a signature missing, by another secret, malformed, or valid for other bytes.
    const forged = fc.oneof(
      fc
        .tuple(
          fc.constantFrom<"page" | "instagram">("page", "instagram"),
          fc.string({ maxLength: 40 }),
          fc.nat(),
        )
        .map(([object, text, n]) =>
          JSON.stringify(
            Meta.envelope(object, [
              {
                id: object === "page" ? PAGE : IG_ACCOUNT,
                time: 1,
                events: [
                  Meta.textMessage(
                    object === "page" ? messenger("psid-forger") : instagram("igsid-forger"),
                    `mid.forged.${n}`,
                    text || "x",
                    1,
                  ),
                ],
              },
            ]),
          ),
        ),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
    )
    const signing = fc.constantFrom("missing", "other-secret", "empty-secret", "malformed", "other-bytes")
    await fc.assert(
      fc.asyncProperty(forged, signing, async (raw, how) => {
        const before = await dumpTables(server.client)
        const header =
          how === "missing"
            ? null
            : how === "other-secret"
              ? signature("not-the-app-secret", raw)
              : how === "empty-secret"
                ? signature("", raw)
                : how === "malformed"
                  ? signature(APP_SECRET, raw).replace("sha256=", "sha1=")
                  : signature(APP_SECRET, `${raw} `)
        const r = await fetch(`${server.url}/api/webhooks/meta`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(header === null ? {} : { "x-hub-signature-256": header }),
          },
          body: raw,
        })
        assert.strictEqual(r.status, 401)
        assert.strictEqual((await r.json()).error.code, "WebhookSignatureInvalid")
        assert.strictEqual(await dumpTables(server.client), before)
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 12) },
    )
  })
})

describe("Messenger in", () => {
  it("R1 a batch of several entries and events is stored in Meta's order, the name from the profile", async () => {
    const now = Date.now()
    const r = await graph.deliver(
      server.url,
      Meta.envelope("page", [
        {
          id: PAGE,
          time: now,
          events: [Meta.textMessage(messenger("psid-ana"), "mid.ana.2", "Size L please", now - 1000)],
        },
        {
          id: PAGE,
          time: now,
          events: [Meta.textMessage(messenger("psid-ana"), "mid.ana.1", "Hello!", now - 2000)],
        },
        // An entry of a page no shop connected is ignored.
        {
          id: "999",
          time: now,
          events: [Meta.textMessage({ account: "999", customer: "x" }, "mid.other", "?", now)],
        },
      ]),
    )
    assert.strictEqual(r.status, 200)
    const id = await conversationOf("Ana Lopez")
    assert.isDefined(id)
    assert.deepStrictEqual(await customerTexts(id!), ["Hello!", "Size L please"])
    const detail = await body(await api(`/api/conversations/${id}`))
    assert.strictEqual(detail.conversation.platform, "messenger")
  })

  it("R1 any interleaving of duplicated deliveries stores each message once, in the order first delivered", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 12 }),
        async (n, picks) => {
          const customer = `psid-dup-${crypto.randomUUID()}`
          const base = Date.now()
          const messages = Array.from({ length: n }, (_, i) =>
            Meta.textMessage(messenger(customer), `mid.${customer}.${i}`, `message ${i}`, base + i),
          )
          // Meta's first deliveries arrive in order, each interleaved with redeliveries of what came before
          // (Meta retries), and redeliveries also race each other.
          const redeliveries = picks.map((p) => p % n)
          for (const [i, message] of messages.entries()) {
            const again = redeliveries.filter((r) => r < i).slice(0, 2)
            const answers = await Promise.all([post([message]), ...again.map((r) => post([messages[r]!]))])
            for (const a of answers) assert.strictEqual(a.status, 200)
          }
          const burst = await Promise.all(redeliveries.map((r) => post([messages[r]!])))
          for (const a of burst) assert.strictEqual(a.status, 200)
          const id = await conversationOf(`Messenger customer ${customer.slice(-4)}`)
          const texts = await customerTexts(id!)
          // Each once, in the order first delivered (the first deliveries were in order).
          assert.deepStrictEqual(
            texts,
            messages.map((_, i) => `message ${i}`),
          )
        },
      ),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 5) },
    )
  })

  it("R18 a customer's attachment is noted, never shown as an image; standby events are read too", async () => {
    const now = Date.now()
    const r = await post(
      [
        Meta.attachmentMessage(
          messenger("psid-ana"),
          "mid.ana.photo",
          [{ type: "image", url: "https://lookaside.fbsbx.com/x.jpg" }],
          now,
        ),
      ],
      "page",
      true,
    )
    assert.strictEqual(r.status, 200)
    const id = (await conversationOf("Ana Lopez"))!
    const item = (await thread(id)).find(
      (i) => i.event._tag === "CustomerMessageReceived" && i.event.attachments,
    )
    assert.deepStrictEqual(item.event.attachments, [{ kind: "image", name: null }])
    assert.strictEqual(item.event.text, "")
    assert.notInclude(JSON.stringify(item), "lookaside")
  })
})

describe("Messenger out", () => {
  it("R2 within 24 h a reply is a RESPONSE to the customer's PSID; its echo is ours and dropped; watermarks move it to Delivered then Read", async () => {
    const id = (await conversationOf("Ana Lopez"))!
    const d = await body(await api(`/api/conversations/${id}/destination`))
    assert.deepStrictEqual(
      {
        channel: d.channel,
        to: d.to,
        connected: d.connected,
        messagingType: d.messagingType,
        refusal: d.refusal,
      },
      {
        channel: "messenger",
        to: "Maison Lumière",
        connected: true,
        messagingType: "RESPONSE",
        refusal: null,
      },
    )
    assert.strictEqual((await reply(id, "meta-r1", "Yes, size L is back next week.")).status, 201)
    const item = await settled(id, "meta-r1")
    assert.strictEqual(item.delivery.status, "sent")
    const send = graph.sent.find((s) => s.body.message?.text === "Yes, size L is back next week.")
    assert.isDefined(send)
    assert.strictEqual(send!.pageId, PAGE)
    assert.strictEqual(send!.authorization, `Bearer ${PAGE_TOKEN}`)
    assert.deepStrictEqual(send!.body.recipient, { id: "psid-ana" })
    assert.strictEqual(send!.body.messaging_type, "RESPONSE")
    assert.isUndefined(send!.body.tag)
    const before = (await thread(id)).length
    // Meta echoes what the page sent: by mid, and with our metadata mark.
    await post([Meta.echo(messenger("psid-ana"), send!.mid, send!.body.message.text, Date.now())])
    await post([
      Meta.echo(messenger("psid-ana"), "mid.unknown.race", send!.body.message.text, Date.now(), {
        metadata: send!.body.message.metadata,
      }),
    ])
    assert.strictEqual((await thread(id)).length, before)
    await post([Meta.delivery(messenger("psid-ana"), Date.now(), [send!.mid])])
    assert.strictEqual((await settled(id, "meta-r1")).delivery.status, "delivered")
    await post([Meta.read(messenger("psid-ana"), Date.now() + 1000, Date.now())])
    assert.strictEqual((await settled(id, "meta-r1")).delivery.status, "read")
    // A late delivery receipt never moves it back.
    await post([Meta.delivery(messenger("psid-ana"), Date.now(), [send!.mid])])
    assert.strictEqual((await settled(id, "meta-r1")).delivery.status, "read")
  })

  it("R2 the shop answering in Meta Business Suite shows in the thread as the shop's message", async () => {
    const id = (await conversationOf("Ana Lopez"))!
    await post([
      Meta.echo(messenger("psid-ana"), "mid.suite.1", "Answered from Business Suite", Date.now(), {
        app_id: 263902037430900,
      }),
    ])
    const echoed = (await thread(id)).filter((i) => i.event._tag === "ReplySentOutsideInbox")
    assert.strictEqual(echoed.length, 1)
    assert.strictEqual(echoed[0].event.text, "Answered from Business Suite")
    assert.include(echoed[0].notice, "Messenger")
    await post([Meta.echo(messenger("psid-ana"), "mid.suite.1", "Answered from Business Suite", Date.now())])
    assert.strictEqual((await thread(id)).filter((i) => i.event._tag === "ReplySentOutsideInbox").length, 1)
  })

  it("R2 a merchant image leaves as an image attachment by its public URL, after the text", async () => {
    const id = (await conversationOf("Ana Lopez"))!
    const upload = await call(server.app, "/api/images", {
      method: "POST",
      token: owner,
      headers: { "content-type": "image/png" },
      body: PNG_1x1,
    })
    assert.strictEqual(upload.status, 201)
    const image = (await body(upload)).image
    await reply(id, "meta-img", "Here it is", { imageId: image.id })
    assert.strictEqual((await settled(id, "meta-img")).delivery.status, "sent")
    const seq = (await settled(id, "meta-img")).seq
    const parts = graph.sent.filter((s) => s.body.message?.metadata?.startsWith(`inbox:${id}:${seq}:`))
    assert.deepStrictEqual(
      parts.map((p) => Object.keys(p.body.message).sort()),
      [
        ["metadata", "text"],
        ["attachment", "metadata"],
      ],
    )
    assert.deepStrictEqual(parts[1]!.body.message.attachment, {
      type: "image",
      payload: { url: `https://inbox.example/api/images/${image.id}`, is_reusable: true },
    })
  })

  it("R2 after 24 h a person's reply carries MESSAGE_TAG HUMAN_AGENT; after 7 days the composer is refused before sending", async () => {
    const now = Date.now()
    await post([Meta.textMessage(messenger("psid-late"), "mid.late.1", "Still there?", now - 2 * DAY)])
    const late = (await conversationOf("Messenger customer late"))!
    await reply(late, "meta-late", "Yes we are!")
    assert.strictEqual((await settled(late, "meta-late")).delivery.status, "sent")
    const tagged = graph.sent.find((s) => s.body.message?.text === "Yes we are!")
    assert.strictEqual(tagged?.body.messaging_type, "MESSAGE_TAG")
    assert.strictEqual(tagged?.body.tag, "HUMAN_AGENT")

    await post([Meta.textMessage(messenger("psid-old"), "mid.old.1", "Hello from last month", now - 8 * DAY)])
    const old = (await conversationOf("Messenger customer -old"))!
    const d = await body(
      await api(`/api/conversations/${old}/destination`, { headers: { "accept-language": "fr" } }),
    )
    assert.strictEqual(d.refusal.code, "OutsideMessagingWindow")
    assert.include(d.refusal.message, "7 jours")
    const sentBefore = graph.sent.length
    const refused = await reply(old, "meta-old", "Sorry for the delay")
    assert.strictEqual(refused.status, 422)
    assert.strictEqual((await body(refused)).error.code, "OutsideMessagingWindow")
    assert.strictEqual(graph.sent.length, sentBefore)
  })

  it("a revoked token fails the reply at once with a reason the merchant can act on", async () => {
    const id = (await conversationOf("Ana Lopez"))!
    graph.failNext(400, 190, 460, "Error validating access token: The session has been invalidated")
    await reply(id, "meta-revoked", "Are you there?")
    const item = await settled(id, "meta-revoked")
    assert.strictEqual(item.delivery.status, "failed")
    assert.strictEqual(item.delivery.attempts, 1)
    assert.strictEqual(item.delivery.reason.code, "meta_token_invalid")
    assert.include(item.delivery.reason.detail, "190/460")
  })
})

describe("Instagram", () => {
  it("R1 R2 a DM starts an Instagram conversation; the reply goes through the linked Page; messaging_seen reads it", async () => {
    const now = Date.now()
    assert.strictEqual(
      (
        await post(
          [Meta.textMessage(instagram("igsid-zoe"), "aWdf.zoe.1", "Vous livrez à Lyon ?", now)],
          "instagram",
        )
      ).status,
      200,
    )
    const id = (await conversationOf("Zoé Garnier"))!
    const detail = await body(await api(`/api/conversations/${id}`))
    assert.strictEqual(detail.conversation.platform, "instagram")
    await reply(id, "ig-r1", "Oui, en 48 h.")
    assert.strictEqual((await settled(id, "ig-r1")).delivery.status, "sent")
    const send = graph.sent.find((s) => s.body.message?.text === "Oui, en 48 h.")
    assert.strictEqual(send?.pageId, IG_PAGE)
    assert.deepStrictEqual(send?.body.recipient, { id: "igsid-zoe" })
    // Instagram echoes come with the message field, and its seen mark names the message.
    await post([Meta.echo(instagram("igsid-zoe"), send!.mid, "Oui, en 48 h.", Date.now())], "instagram")
    await post([Meta.seen(instagram("igsid-zoe"), send!.mid, Date.now())], "instagram")
    const item = await settled(id, "ig-r1")
    assert.strictEqual(item.delivery.status, "read")
    assert.strictEqual((await thread(id)).filter((i) => i.event._tag === "ReplySentOutsideInbox").length, 0)
  })
})
