/**
 * The realtime sockets of the Node server: authenticates each upgrade with the one socket authentication
 * (realtime/SocketAuth.ts, the Durable Object's too), hands the socket to its shop's room, and contains every
 * socket fault. A protocol error from one peer (oversize frame, invalid UTF-8, unmasked frame, reserved
 * opcode) closes that socket with its RFC 6455 code; it never reaches the process.
 */
import type { IncomingMessage, Server } from "node:http"
import type { Http2SecureServer, Http2Server } from "node:http2"
import type { Duplex } from "node:stream"
import { I18n } from "@inbox/core"
import { Cause, Exit } from "effect"
import { type WebSocket, WebSocketServer } from "ws"
import { internalError, isAppError, renderError } from "../http/errors.ts"
import type { ShopRooms } from "../realtime/memory.ts"
import { CloseCode, MAX_FRAME_BYTES, type RoomSocket, type ShopRoom } from "../realtime/ShopRoom.ts"
import type { SocketIdentity } from "../realtime/SocketAuth.ts"

export interface SocketDeps {
  readonly rooms: ShopRooms
  /** Who opens the socket, or why not (its failure is an app error, rendered as for HTTP). */
  readonly identify: (request: Request) => Promise<Exit.Exit<SocketIdentity, unknown>>
  readonly log: (line: string) => void
}

type HttpServer = Server | Http2Server | Http2SecureServer

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  503: "Service Unavailable",
}

/** Refuses a handshake with the app's error body, as the Durable Object and every HTTP route do. */
const refuse = (socket: Duplex, status: number, body: unknown) => {
  if (socket.destroyed) return
  const text = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  )
}

/** The handshake as a standard Request, so that its authentication is the Durable Object's too. */
const requestOf = (request: IncomingMessage): Request => {
  const headers = new Headers()
  for (const [k, v] of Object.entries(request.headers)) if (typeof v === "string") headers.set(k, v)
  return new Request(new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`), {
    headers,
  })
}

/** Serves the declared sockets (`Api.realtime`: merchant tabs and shoppers) on `server`. */
export const serveSockets = (server: HttpServer, deps: SocketDeps) => {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  // The server itself has nothing to fail on in noServer mode, but an unheard 'error' would end the process.
  wss.on("error", (e) => deps.log(`socket server error: ${String(e)}`))

  /** Wires a ws socket into its room; every fault of the socket stays on that socket. */
  const enter = (ws: WebSocket, room: ShopRoom, join: (socket: RoomSocket) => Promise<void>) => {
    const socket: RoomSocket = {
      send: (d) => ws.send(d),
      close: (c, r) => ws.close(c, r),
    }
    // ws has already sent the close frame with the right code (1002, 1007, 1009) when it emits this.
    ws.on("error", () => ws.terminate())
    ws.on("message", (data, isBinary) => {
      // Frames are JSON text; binary is not part of the protocol.
      if (isBinary) ws.close(CloseCode.unsupportedData)
      else room.message(socket, data.toString())
    })
    ws.on("close", () => room.leave(socket))
    join(socket).catch((e: unknown) => {
      deps.log(`socket join failed: ${String(e)}`)
      room.leave(socket)
      ws.close(CloseCode.tryAgainLater)
    })
  }

  const open = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const exit = await deps.identify(requestOf(request))
    if (Exit.isFailure(exit)) {
      const failure = exit.cause.reasons.find(Cause.isFailReason)?.error
      const locale = I18n.pickLocale(request.headers["accept-language"])
      if (!isAppError(failure)) {
        deps.log(`socket refused: ${String(Cause.squash(exit.cause))}`)
        return refuse(socket, 503, internalError(locale))
      }
      const { status, body } = renderError(failure, locale)
      return refuse(socket, status, body)
    }
    const who = exit.value
    if (socket.destroyed) return
    wss.handleUpgrade(request, socket, head, (ws) => {
      const room = deps.rooms.room(who.shopId)
      enter(ws, room, (s) =>
        who.role === "staff"
          ? room.joinStaff(s, { staffId: who.staffId, sessionId: who.sessionId }, who.since)
          : room.joinShopper(s, who.conversationId, who.since),
      )
    })
  }

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's HTTP server leaves an upgraded socket without an 'error' listener: a reset during the handshake
    // (or while we check the session) would otherwise be an uncaught exception.
    socket.on("error", () => socket.destroy())
    open(request, socket, head).catch((e: unknown) => {
      deps.log(`upgrade failed: ${String(e)}`)
      refuse(socket, 503, internalError("en"))
    })
  })

  return {
    close: () => {
      for (const ws of wss.clients) ws.terminate()
      wss.close()
    },
  }
}
