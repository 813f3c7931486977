/**
 * The chat frame's side of the link with the merchant's page: it announces itself to its parent (the page
 * that embeds it, and only that origin), receives a private MessagePort, then exchanges the protocol's
 * messages over it. Anything that is not the protocol is ignored.
 */
import { type FrameMessage, type HostMessage, hostMessage, READY } from "./protocol.ts"

export interface HostLink {
  readonly send: (message: FrameMessage) => void
}

export const linkToHost = (embedder: string, onMessage: (message: HostMessage) => void): HostLink => {
  let port: MessagePort | null = null
  const queue: FrameMessage[] = []
  addEventListener("message", (event) => {
    if (event.source !== parent || event.origin !== embedder || event.data !== READY) return
    const received = event.ports[0]
    if (received === undefined) return
    port = received
    port.onmessage = (m) => {
      const message = hostMessage(m.data)
      if (message !== null) onMessage(message)
    }
    for (const m of queue.splice(0)) port.postMessage(m)
  })
  parent.postMessage(READY, embedder)
  return {
    send: (message) => {
      if (port === null) queue.push(message)
      else port.postMessage(message)
    },
  }
}

/**
 * The origin of the page that embeds this frame: the browser's own record where it keeps one (Chromium,
 * WebKit), else what the loader put in the frame's address. The server checks it against the shop's list,
 * and `frame-ancestors` has already kept the frame off any page that is not listed.
 */
export const embedderOrigin = (): string | null => {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins
  if (ancestors !== undefined && ancestors.length > 0) return ancestors[0] ?? null
  return new URLSearchParams(location.search).get("origin")
}
