/**
 * The SMTP listener on Node (`INBOX_SMTP_LISTEN=host:port`, smtp-server): mail for a shop's addresses is
 * accepted only after it is stored, so the sender keeps (and retries) anything we did not commit. A
 * permanent problem (not MIME, empty) is a 5xx the sender bounces; a busy store is a 4xx it retries. @see R1
 */
import { SMTPServer, type SMTPServerDataStream } from "smtp-server"
import type { EmailVerdict } from "../../workflows/InboundEmail.ts"
import { type Envelope, MAX_EMAIL_BYTES } from "./parse.ts"

export interface SmtpListenerOptions {
  readonly host: string
  readonly port: number
  /** The shop a recipient reaches, or null: the recipient is refused at RCPT TO. */
  readonly shopFor: (recipient: string) => string | null
  /** Receives one email into one shop. */
  readonly receive: (
    shopId: string,
    raw: Uint8Array<ArrayBuffer>,
    envelope: Envelope,
  ) => Promise<EmailVerdict>
  readonly log: (line: string) => void
}

const smtpError = (message: string, responseCode: number): Error =>
  Object.assign(new Error(message), { responseCode })

export const parseListen = (value: string): { readonly host: string; readonly port: number } => {
  const m = /^(.*):(\d{1,5})$/.exec(value.trim())
  const port = Number(m?.[2])
  if (m === null || !Number.isInteger(port) || port > 65535)
    throw new Error(`INBOX_SMTP_LISTEN must be host:port, e.g. 127.0.0.1:2525 (got "${value}")`)
  return { host: m[1]!.replace(/^\[|\]$/g, "") || "127.0.0.1", port }
}

const readAll = (stream: SMTPServerDataStream): Promise<Uint8Array<ArrayBuffer> | null> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    stream.on("data", (c: Buffer) => chunks.push(c))
    stream.on("error", reject)
    stream.on("end", () => {
      if (stream.sizeExceeded) resolve(null)
      else {
        const all = Buffer.concat(chunks)
        resolve(new Uint8Array(all.buffer, all.byteOffset, all.byteLength).slice())
      }
    })
  })

export const startSmtpListener = async (options: SmtpListenerOptions) => {
  const server = new SMTPServer({
    banner: "Inbox",
    size: MAX_EMAIL_BYTES,
    authOptional: true,
    // Plain SMTP between MTAs on a private network or loopback; put TLS in front (or an MTA) to expose it.
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.shopFor(address.address) === null)
        return callback(smtpError(`No mailbox for ${address.address}`, 550))
      callback()
    },
    onData(stream, session, callback) {
      void (async () => {
        const raw = await readAll(stream)
        if (raw === null) return callback(smtpError("Message too large", 552))
        const to = session.envelope.rcptTo.map((r) => r.address)
        const from = session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address
        // One email to several shops is received by each of them, once.
        const shops = [...new Set(to.map(options.shopFor).filter((s): s is string => s !== null))]
        for (const shopId of shops) {
          const verdict = await options.receive(shopId, raw, { from, to })
          if (verdict._tag === "accepted") {
            options.log(`email for ${shopId}: ${verdict.outcome._tag}`)
            continue
          }
          if (verdict._tag === "rejected")
            return callback(smtpError(`Message refused: ${verdict.reason}`, 550))
          options.log(`email for ${shopId} not stored: ${verdict.reason}`)
          return callback(smtpError("Temporarily unable to store the message, try again later", 451))
        }
        callback()
      })().catch((e: unknown) => {
        options.log(`email not stored: ${String(e)}`)
        callback(smtpError("Temporarily unable to store the message, try again later", 451))
      })
    },
  })
  // A client's protocol error is that connection's problem: never the process's.
  server.on("error", (e) => options.log(`smtp: ${e.message}`))
  await new Promise<void>((ok, fail) => {
    server.server.once("error", fail)
    server.listen(options.port, options.host, () => ok())
  })
  const address = server.server.address()
  const port = typeof address === "object" && address !== null ? address.port : options.port
  return {
    port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
