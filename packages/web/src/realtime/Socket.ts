/**
 * A WebSocket that comes back: reconnects with backoff and asks the server to replay from the last
 * sequence number seen, so a dropped connection never loses an event.
 */

export type SocketStatus = "connecting" | "open" | "closed"

export interface SocketOptions {
  /** Built at each (re)connect, so it carries the latest `since`. */
  readonly url: () => string
  readonly onFrame: (frame: unknown) => void
  readonly onStatus?: (status: SocketStatus) => void
  /** Called after a reconnect, so the screen can refetch what frames cannot replay. */
  readonly onReconnect?: () => void
}

export interface Socket {
  readonly send: (frame: unknown) => void
  readonly close: () => void
}

export const connect = (options: SocketOptions): Socket => {
  let ws: WebSocket | null = null
  let attempt = 0
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let everOpened = false

  const open = () => {
    if (stopped) return
    options.onStatus?.("connecting")
    const socket = new WebSocket(options.url())
    ws = socket
    socket.addEventListener("open", () => {
      attempt = 0
      options.onStatus?.("open")
      if (everOpened) options.onReconnect?.()
      everOpened = true
    })
    socket.addEventListener("message", (e) => {
      if (typeof e.data !== "string") return
      try {
        options.onFrame(JSON.parse(e.data))
      } catch {
        // A malformed frame is dropped; the next reconnect replays from the last good sequence number.
      }
    })
    socket.addEventListener("close", () => {
      if (ws !== socket) return
      ws = null
      options.onStatus?.("closed")
      if (stopped) return
      const delay = Math.min(10_000, 300 * 2 ** attempt) * (0.75 + Math.random() / 2)
      attempt++
      timer = setTimeout(open, delay)
    })
  }
  open()

  // Coming back to the tab or the network: reconnect now rather than at the end of a long backoff.
  const wake = () => {
    if (!stopped && ws === null) {
      clearTimeout(timer)
      open()
    }
  }
  window.addEventListener("online", wake)
  document.addEventListener("visibilitychange", wake)

  return {
    send: (frame) => {
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame))
    },
    close: () => {
      stopped = true
      clearTimeout(timer)
      window.removeEventListener("online", wake)
      document.removeEventListener("visibilitychange", wake)
      ws?.close(1000)
      ws = null
    },
  }
}
