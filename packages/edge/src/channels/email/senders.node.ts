/**
 * Email senders on Node, both over nodemailer: SMTP (`INBOX_SMTP_URL`), and the local capture the embedded
 * default uses when no SMTP server is configured: each reply is written as an `.eml` file the merchant can
 * open, listed by the capture page. @see R2
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import nodemailer from "nodemailer"
import type Mail from "nodemailer/lib/mailer"
import PostalMime from "postal-mime"
import type { EmailCapture } from "../../http/runtime.ts"
import type { EmailSender, OutgoingEmail } from "./OutboundEmail.ts"

const bracket = (id: string): string => `<${id}>`

/** The nodemailer message of a composed email (nodemailer writes the MIME, headers folded and encoded). */
export const toNodemailer = (m: OutgoingEmail): Mail.Options => ({
  from: { name: m.from.name, address: m.from.address },
  to: m.to,
  replyTo: m.replyTo,
  subject: m.subject,
  text: m.text,
  html: m.html,
  messageId: bracket(m.messageId),
  ...(m.inReplyTo === null ? {} : { inReplyTo: bracket(m.inReplyTo) }),
  ...(m.references.length === 0 ? {} : { references: m.references.map(bracket) }),
})

/** `smtp://user:pass@host:port` (or `smtps://`). Envelope recipient: exactly the one address composed. */
export const smtpSender = (url: string): EmailSender => {
  const transport = nodemailer.createTransport(url)
  return async (m) => {
    await transport.sendMail({ ...toNodemailer(m), envelope: { from: m.from.address, to: [m.to] } })
  }
}

/** The reply's file: named after its Message-ID (a retried send overwrites it), nothing a path could misuse. */
const fileName = (m: OutgoingEmail): string =>
  `${m.messageId.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 160)}.eml`

/** A shop's folder of captures (shop ids are `[A-Za-z0-9_-]`, so they are safe path segments). */
const shopDir = (dir: string, shopId: string): string => join(dir, shopId.replace(/[^A-Za-z0-9_-]/g, "_"))

/**
 * Writes each reply to `<dir>/<shop>/<message id>.eml`: exactly the bytes an SMTP server would have
 * received, so the file opens in any mail client.
 */
export const captureSender = (dir: string): EmailSender => {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" })
  return async (m) => {
    mkdirSync(shopDir(dir, m.shopId), { recursive: true })
    const info = await transport.sendMail(toNodemailer(m))
    writeFileSync(join(shopDir(dir, m.shopId), fileName(m)), info.message as Buffer, { mode: 0o600 })
  }
}

/** What the capture page lists and opens for one shop: `.eml` files of its folder only, by exact name. */
export const captureFolder = (root: string): EmailCapture => ({
  list: async (shopId) => {
    const dir = shopDir(root, shopId)
    let names: Array<string>
    try {
      names = readdirSync(dir).filter((f) => f.endsWith(".eml"))
    } catch {
      return []
    }
    const mails = await Promise.all(
      names.map(async (name) => {
        const path = join(dir, name)
        const email = await PostalMime.parse(readFileSync(path))
        return {
          name,
          to: (email.to ?? []).map((a) => a.address ?? a.name).join(", "),
          subject: email.subject ?? "",
          at: statSync(path).mtimeMs,
        }
      }),
    )
    return mails.sort((a, b) => b.at - a.at).slice(0, 200)
  },
  read: async (shopId, name) => {
    if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*\.eml$/.test(name)) return null
    try {
      return readFileSync(join(shopDir(root, shopId), name))
    } catch {
      return null
    }
  },
})
