/**
 * The realtime sockets of the Node server: authenticates each upgrade, hands the socket to its shop's room,
 * and contains every socket fault. A protocol error from one peer (oversize frame, invalid UTF-8, unmasked
 * frame, reserved opcode) closes that socket with its RFC 6455 code; it never reaches the process.
 */
import type { IncomingMessage, Server } from "node:http"
import type { Http2SecureServer, Http2Server } from "node:http2"
import type { Duplex } from "node:stream"
import type { Ids } from "@inbox/core"
import { Staff } from "@inbox/core"
import { RealtimeQuery, ShopperRealtimeQuery } from "@inbox/core/wire"
import { Schema } from "effect"
import { parse as parseCookies } from "hono/utils/cookie"
import { type WebSocket, WebSocketServer } from "ws"
import { type Signer, StaffSession } from "../auth/Token.ts"
import { SESSION_COOKIE } from "../http/middleware/auth.ts"
import type { ShopRooms } from "../realtime/memory.ts"
import { CloseCode, MAX_FRAME_BYTES, type RoomSocket, type ShopRoom } from "../realtime/ShopRoom.ts"
import type { StaffRecord } from "../repo/Directory.ts"

export interface SocketDeps {
  readonly rooms: ShopRooms
  readonly signer: Signer
  /** The staff member of a live session (null once it ended or expired). */
  readonly staffOfSession: (shopId: Ids.ShopId, sessionId: string) => Promise<StaffRecord | null>
  /** A shopper's chat session from its token, or null when the token is not valid. */
  readonly chatSession: (
    token: string,
  ) => Promise<{ readonly shopId: string; readonly conversationId: string } | null>
  readonly log: (line: string) => void
}

type HttpServer = Server | Http2Server | Http2SecureServer

const sameOrigin = (request: IncomingMessage): boolean => {
  const origin = request.headers.origin
  if (origin === undefined) return false
  try {
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}

const reject = (socket: Duplex, status: number, text: string) => {
  if (socket.destroyed) return
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/** Serves `/api/realtime` (merchant tabs) and `/api/store/chat/realtime` (shoppers) on `server`. */
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

  const staffSocket = async (request: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => {
    const q = Schema.decodeUnknownOption(RealtimeQuery)(Object.fromEntries(url.searchParams))
    if (q._tag === "None") return reject(socket, 400, "Bad Request")
    const authorization = request.headers.authorization
    const bearer = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : null
    const cookie = parseCookies(request.headers.cookie ?? "", SESSION_COOKIE)[SESSION_COOKIE]
    const explicit = bearer ?? url.searchParams.get("token")
    // Browsers send cookies on cross-site WebSocket handshakes: a cookie session must come from our origin.
    if (explicit === null && cookie !== undefined && !sameOrigin(request))
      return reject(socket, 403, "Forbidden")
    const token = explicit ?? cookie ?? null
    const session = token === null ? null : await deps.signer.verify(StaffSession, token, Date.now())
    if (session === null) return reject(socket, 401, "Unauthorized")
    const staff = await deps.staffOfSession(session.shopId as Ids.ShopId, session.sid)
    if (staff === null || staff.id !== session.staffId) return reject(socket, 401, "Unauthorized")
    if (!Staff.canChat(staff)) return reject(socket, 403, "Forbidden")
    if (socket.destroyed) return
    wss.handleUpgrade(request, socket, head, (ws) => {
      const room = deps.rooms.room(staff.shopId)
      enter(ws, room, (s) =>
        room.joinStaff(s, { staffId: staff.id, sessionId: session.sid }, q.value.since ?? null),
      )
    })
  }

  const shopperSocket = async (request: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => {
    const q = Schema.decodeUnknownOption(ShopperRealtimeQuery)(Object.fromEntries(url.searchParams))
    if (q._tag === "None") return reject(socket, 400, "Bad Request")
    const session = await deps.chatSession(q.value.token)
    if (session === null) return reject(socket, 401, "Unauthorized")
    if (socket.destroyed) return
    wss.handleUpgrade(request, socket, head, (ws) => {
      const room = deps.rooms.room(session.shopId as Ids.ShopId)
      enter(ws, room, (s) =>
        room.joinShopper(s, session.conversationId as Ids.ConversationId, q.value.since ?? null),
      )
    })
  }

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's HTTP server leaves an upgraded socket without an 'error' listener: a reset during the handshake
    // (or while we check the session) would otherwise be an uncaught exception.
    socket.on("error", () => socket.destroy())
    const url = new URL(request.url ?? "/", "http://localhost")
    const handle =
      url.pathname === "/api/realtime"
        ? staffSocket
        : url.pathname === "/api/store/chat/realtime"
          ? shopperSocket
          : null
    if (handle === null) return reject(socket, 404, "Not Found")
    handle(request, socket, head, url).catch((e: unknown) => {
      deps.log(`upgrade failed: ${String(e)}`)
      reject(socket, 503, "Service Unavailable")
    })
  })

  return {
    close: () => {
      for (const ws of wss.clients) ws.terminate()
      wss.close()
    },
  }
}
