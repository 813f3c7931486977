/**
 * A WebSocket that comes back: reconnects with backoff and asks the server to replay from the last
 * sequence number seen, so a dropped connection never loses an event. Frames are decoded and encoded with
 * the endpoint's declared Schemas.
 */
import { Option } from "effect"

export type SocketStatus = "connecting" | "open" | "closed"

/** How frames cross the wire (see `framesOf` in api/client.ts). */
export interface FrameCodec<In, Out> {
  readonly decode: (text: string) => Option.Option<In>
  readonly encode: (frame: Out) => string
}

export interface SocketOptions<In, Out> {
  /** Built at each (re)connect, so it carries the latest `since`. */
  readonly url: () => string
  readonly frames: FrameCodec<In, Out>
  readonly onFrame: (frame: In) => void
  readonly onStatus?: (status: SocketStatus) => void
  /** Called after a reconnect, so the screen can refetch what frames cannot replay. */
  readonly onReconnect?: () => void
}

export interface Socket<Out> {
  readonly send: (frame: Out) => void
  readonly close: () => void
}

export const connect = <In, Out>(options: SocketOptions<In, Out>): Socket<Out> => {
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
      // A frame that does not match its Schema is dropped; a reconnect replays from the last good sequence number.
      const frame = options.frames.decode(e.data)
      if (Option.isSome(frame)) options.onFrame(frame.value)
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
      if (ws?.readyState === WebSocket.OPEN) ws.send(options.frames.encode(frame))
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
