/**
 * The inbox's service worker (served as /sw.js): it keeps the app shell (the page and its hashed assets) so
 * the installed app opens without a network and says so honestly (the page shows "Offline"; conversations are
 * never cached, they are only ever read live), and it shows Web Push notifications and opens the conversation
 * one is about.
 */
declare const self: ServiceWorkerGlobalScope

const SHELL = "inbox-shell-v1"

/** The page and what it loads (`/assets/…`, hashed, so a cached copy is never stale). */
const shellUrls = async (): Promise<string[]> => {
  const page = await fetch("/", { cache: "no-store" })
  const html = await page.text()
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? "")
  return ["/", "/manifest.webmanifest", "/icon.svg", ...assets.filter(Boolean)]
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL)
      await cache.addAll(await shellUrls())
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== SHELL) await caches.delete(name)
      await self.clients.claim()
    })(),
  )
})

self.addEventListener("fetch", (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== "GET" || url.origin !== self.location.origin) return
  // The API and the storefront are always live: nothing a merchant reads is ever served stale.
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/store")) return
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then(async (response) => {
            if (response.ok) await (await caches.open(SHELL)).put(request, response.clone())
            return response
          }),
      ),
    )
    return
  }
  // A page of the inbox (/, /conversations/…): the network first, the kept shell without one.
  if (request.mode === "navigate")
    event.respondWith(fetch(request).catch(async () => (await caches.match("/")) ?? Response.error()))
})

/** What the server pushes: the words to show and the inbox path to open. */
interface PushMessage {
  readonly title: string
  readonly body: string
  readonly tag: string
  readonly path: string
}

const decode = (data: PushMessageData | null): PushMessage | null => {
  try {
    const value: unknown = data?.json()
    if (typeof value !== "object" || value === null) return null
    const { title, body, tag, path } = value as Record<string, unknown>
    if (typeof title !== "string" || typeof body !== "string" || typeof tag !== "string") return null
    // Only a path of this inbox is ever opened from a notification.
    const safe = typeof path === "string" && path.startsWith("/conversations/") ? path : "/"
    return { title, body, tag, path: safe }
  } catch {
    return null
  }
}

self.addEventListener("push", (event) => {
  const message = decode(event.data)
  if (message === null) return
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      icon: "/icon.svg",
      data: { path: message.path },
    }),
  )
})

self.addEventListener("notificationclick", (event) => {
  event.notification.close()
  const path = (event.notification.data as { path?: string } | null)?.path ?? "/"
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true })
      const open = windows[0]
      if (open) {
        await open.focus()
        await open.navigate(path)
      } else await self.clients.openWindow(path)
    })(),
  )
})
