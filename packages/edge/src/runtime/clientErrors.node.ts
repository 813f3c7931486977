/**
 * Requests Node's HTTP parser refuses before the app sees them (control bytes in a header, a malformed request
 * line, oversized headers) are answered in the app's error shape instead of Node's bare `400 Bad Request`.
 */
import type { Server } from "node:http"
import type { Http2SecureServer, Http2Server } from "node:http2"
import type { Duplex } from "node:stream"
import { InvalidRequest, RequestTooLarge } from "../http/EdgeErrors.ts"
import { renderError } from "../http/errors.ts"

const REASONS: Record<number, string> = { 400: "Bad Request", 431: "Request Header Fields Too Large" }

export const answerClientErrors = (server: Server | Http2Server | Http2SecureServer): void => {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A peer that went away, or a request timed out with nothing to answer: just let go of the socket.
    if (error.code === "ECONNRESET" || error.code === "ERR_HTTP_REQUEST_TIMEOUT" || !socket.writable) {
      socket.destroy()
      return
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW"
    const status = tooLarge ? 431 : 400
    // The headers did not parse, so neither did Accept-Language: the message is in English.
    const { body } = renderError(
      tooLarge
        ? new RequestTooLarge({ max: 16 * 1024 })
        : new InvalidRequest({ issues: [{ path: ["headers"], message: "the request could not be parsed" }] }),
      "en",
    )
    const text = JSON.stringify(body)
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${text}`,
    )
  })
}
