/**
 * Web Push to staff against a local push service that does what a real one does: it checks the VAPID
 * signature (RFC 8292) and decrypts the aes128gcm body (RFC 8291) with the browser's own keys. Pushed: a new
 * conversation, a new message on mine, an assignment to me, each as the staff member's settings allow; a
 * browser that unsubscribed (410) is forgotten. The Node sender (`web-push`, aes128gcm) goes over real https;
 * the Workers sender (`@pushforge/builder`, which writes the older aesgcm coding) is checked against the same
 * service. @see R19
 */
import { createECDH, randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { Agent, createServer, request } from "node:https"
import type { AddressInfo } from "node:net"
import { Effect } from "effect"
import { decrypt } from "http_ece"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { PushSender, type VapidKeys } from "../../src/channels/push/PushSender.ts"
import { layer as pushforgeLayer } from "../../src/channels/push/pushforge.ts"
import { generateVapidKeys, layer as webPushLayer } from "../../src/channels/push/webPush.node.ts"
import { call, login } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

const fixture = (name: string) => readFileSync(new URL(`../fixtures/push/${name}`, import.meta.url))
const cert = fixture("cert.pem")
const agent = new Agent({ ca: cert })

/** A browser's subscription keys, as `PushManager.subscribe` makes them. */
const browserKeys = () => {
  const ecdh = createECDH("prime256v1")
  ecdh.generateKeys()
  const auth = randomBytes(16)
  return {
    ecdh,
    auth,
    p256dh: ecdh.getPublicKey().toString("base64url"),
    authText: auth.toString("base64url"),
  }
}

interface Received {
  readonly device: string
  readonly message: { title: string; body: string; tag: string; path: string }
}

const b64 = (s: string) => Buffer.from(s, "base64url")

/** Verifies `Authorization: vapid t=<jwt>, k=<key>` as a push service does: ES256 by the key, for this origin. */
const vapidValid = async (header: string, origin: string, expectedKey: string): Promise<boolean> => {
  const t = /t=([^,\s]+)/.exec(header)?.[1]
  const k = /k=([^,\s]+)/.exec(header)?.[1]
  if (t === undefined || k !== expectedKey) return false
  const [head, claims, signature] = t.split(".")
  if (head === undefined || claims === undefined || signature === undefined) return false
  const key = await crypto.subtle.importKey("raw", b64(k), { name: "ECDSA", namedCurve: "P-256" }, false, [
    "verify",
  ])
  const ok = await crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    key,
    b64(signature),
    new TextEncoder().encode(`${head}.${claims}`),
  )
  const body = JSON.parse(b64(claims).toString()) as { aud: string; exp: number; sub: string }
  return ok && body.aud === origin && body.exp * 1000 > Date.now() && body.sub.startsWith("mailto:")
}

describe("Web Push to staff", () => {
  const devices = new Map<string, ReturnType<typeof browserKeys>>()
  const received: Received[] = []
  const gone = new Set<string>()
  let hits: Record<string, number> = {}
  let vapid: VapidKeys
  let origin = ""
  const service = createServer({ key: fixture("key.pem"), cert }, (req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", async () => {
      const device = req.url?.split("/").pop() ?? ""
      hits[device] = (hits[device] ?? 0) + 1
      const keys = devices.get(device)
      if (gone.has(device) || keys === undefined) return void res.writeHead(410).end()
      const encoding = req.headers["content-encoding"]
      if ((encoding !== "aes128gcm" && encoding !== "aesgcm") || !req.headers.ttl)
        return void res.writeHead(400).end()
      if (!(await vapidValid(String(req.headers.authorization ?? ""), origin, vapid.publicKey)))
        return void res.writeHead(403).end()
      // aes128gcm (RFC 8291) carries its salt and key in the body; the older aesgcm in two headers.
      const legacy =
        encoding === "aesgcm"
          ? {
              dh: /dh=([^;,\s]+)/.exec(String(req.headers["crypto-key"] ?? ""))?.[1] ?? "",
              salt: /salt=([^;,\s]+)/.exec(String(req.headers.encryption ?? ""))?.[1] ?? "",
            }
          : {}
      const plain = decrypt(Buffer.concat(chunks), {
        version: encoding,
        privateKey: keys.ecdh,
        authSecret: keys.auth.toString("base64url"),
        ...legacy,
      })
      received.push({ device, message: JSON.parse(plain.toString("utf8")) })
      res.writeHead(201).end()
    })
  })
  const endpoint = (device: string) => `${origin}/push/${device}`

  let server: Awaited<ReturnType<typeof seededServer>>
  let owner: Awaited<ReturnType<typeof login>>
  let camille: Awaited<ReturnType<typeof login>>

  const subscribe = async (token: string, device: string, language?: "en" | "fr") => {
    const keys = browserKeys()
    devices.set(device, keys)
    const r = await call(server.app, "/api/push/subscription", {
      method: "PUT",
      token,
      body: {
        endpoint: endpoint(device),
        keys: { p256dh: keys.p256dh, auth: keys.authText },
        ...(language ? { language } : {}),
      },
    })
    assert.strictEqual(r.status, 204, await r.text())
  }

  const pushFor = async (device: string, tag: string) => {
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      const found = received.find((r) => r.device === device && r.message.tag === tag)
      if (found) return found.message
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error(`no push for ${device} about ${tag}; got ${JSON.stringify(received)}`)
  }

  const newChat = async (name: string, text: string) => {
    const started = await call(server.app, "/api/store/demo/chat", {
      method: "POST",
      headers: { "cf-connecting-ip": name },
      body: { email: null, clientId: `push-${name.replaceAll(" ", "")}`, name, origin: DEMO_STOREFRONT },
    })
    assert.strictEqual(started.status, 201)
    const chat = (await started.json()) as { token: string; conversationId: string }
    const r = await call(server.app, "/api/store/chat/messages", {
      method: "POST",
      token: chat.token,
      headers: { "cf-connecting-ip": name },
      body: { clientMessageId: `m-${name.replaceAll(" ", "")}`, text },
    })
    assert.strictEqual(r.status, 201, await r.text())
    return chat.conversationId
  }

  beforeAll(async () => {
    await new Promise<void>((ok) => service.listen(0, "127.0.0.1", () => ok()))
    origin = `https://127.0.0.1:${(service.address() as AddressInfo).port}`
    vapid = generateVapidKeys("mailto:inbox-test@example.com")
    server = await seededServer({ push: webPushLayer(vapid, { agent }) })
    owner = await login(server.app, "owner@demo.shop")
    camille = await login(server.app, "camille@demo.shop")
  })

  afterAll(async () => {
    await server?.stop()
    service.close()
  })

  it("R19 the shop's VAPID key is served to subscribe with; an http or malformed endpoint is refused", async () => {
    const key = (await (await call(server.app, "/api/push/key", { token: owner.token })).json()) as {
      publicKey: string
    }
    assert.strictEqual(key.publicKey, vapid.publicKey)
    for (const bad of ["http://127.0.0.1:9/push", "javascript:alert(1)", "https://"]) {
      const r = await call(server.app, "/api/push/subscription", {
        method: "PUT",
        token: owner.token,
        body: { endpoint: bad, keys: { p256dh: "AAAA", auth: "AAAA" } },
      })
      assert.strictEqual(r.status, 400, bad)
    }
  })

  it("R19 a new conversation is pushed, encrypted and signed, in the language the browser subscribed with", async () => {
    await subscribe(owner.token, "owner-phone", "fr")
    await subscribe(camille.token, "camille-laptop", "en")
    const id = await newChat("Nina Weber", "Do you ship to Berlin?")
    const mine = await pushFor("owner-phone", id)
    assert.deepStrictEqual(mine, {
      title: "Nouvelle conversation avec Nina Weber",
      body: "Do you ship to Berlin?",
      tag: id,
      path: `/conversations/${id}`,
    })
    assert.strictEqual((await pushFor("camille-laptop", id)).title, "New conversation with Nina Weber")
  })

  it("R19 the settings decide: with new conversations off, none is pushed; an assignment to me still is", async () => {
    const off = await call(server.app, "/api/notification-settings", {
      method: "PUT",
      token: owner.token,
      body: { newConversation: false, newMessageOnMine: true, assignedToMe: true },
    })
    assert.strictEqual(off.status, 200)
    const id = await newChat("Otto Lind", "Is the linen shirt in stock?")
    await pushFor("camille-laptop", id)
    // Camille assigns it to the owner: that one is news to the owner.
    const assigned = await call(server.app, `/api/conversations/${id}/assignee`, {
      method: "PUT",
      token: camille.token,
      body: { staffId: owner.staff.id },
    })
    assert.strictEqual(assigned.status, 200)
    const push = await pushFor("owner-phone", id)
    assert.strictEqual(push.title, "La conversation avec Otto Lind vous a été assignée")
    assert.strictEqual(push.body, "Camille Dubois vous l’a assignée")
    assert.strictEqual(received.filter((r) => r.device === "owner-phone" && r.message.tag === id).length, 1)
  })

  it("R19 a browser that unsubscribed (410) is forgotten after its first refused push", async () => {
    // Camille's: her settings let a new conversation through.
    await subscribe(camille.token, "old-tablet")
    gone.add("old-tablet")
    hits = {}
    const id = await newChat("Pia Holm", "Hello?")
    await pushFor("camille-laptop", id)
    const deadline = Date.now() + 20_000
    let rows = 1
    while (Date.now() < deadline && rows > 0) {
      const r = await server.client.execute({
        sql: "select count(*) as n from push_subscriptions where endpoint = ?",
        args: [endpoint("old-tablet")],
      })
      rows = Number(r.rows[0]?.n ?? 0)
      if (rows > 0) await new Promise((ok) => setTimeout(ok, 25))
    }
    assert.strictEqual(rows, 0)
    assert.strictEqual(hits["old-tablet"], 1)
  })

  it("the Workers sender (@pushforge/builder) produces what the same push service accepts and decrypts", async () => {
    const keys = browserKeys()
    devices.set("worker-device", keys)
    // fetch over node:https with the test's CA, as Workers' fetch would reach a real push service.
    const fetcher = ((url: string, init: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        const headers = Object.fromEntries(new Headers(init.headers).entries())
        const req = request(url, { method: "POST", headers, agent }, (res) => {
          res.resume()
          res.on("end", () => resolve(new Response(null, { status: res.statusCode ?? 0 })))
        })
        req.on("error", reject)
        req.end(Buffer.from(init.body as ArrayBuffer))
      })) as unknown as typeof fetch
    const message = { title: "T", body: "B", tag: "worker", path: "/conversations/x" }
    await Effect.runPromise(
      PushSender.use((s) =>
        s.send(
          { endpoint: endpoint("worker-device"), p256dh: keys.p256dh, auth: keys.authText },
          JSON.stringify(message),
        ),
      ).pipe(Effect.provide(pushforgeLayer(vapid, fetcher))),
    )
    assert.deepStrictEqual(await pushFor("worker-device", "worker"), message)
  })
})
