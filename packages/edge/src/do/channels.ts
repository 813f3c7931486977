/**
 * Channels on Workers (R2). Email leaves through the `send_email` binding (`SEND_EMAIL`, the MIME built with
 * mimetext) when bound, else through a configurable HTTP email API (`INBOX_EMAIL_API_URL`: one JSON POST with
 * a bearer key, the shape most transactional-email APIs take); platform replies through the signed webhook.
 */
import { createMimeMessage, Mailbox } from "mimetext/browser"
import type { ChannelConfig } from "../channels/Dispatcher.ts"
import type { EmailSender, OutgoingEmail } from "../channels/email/OutboundEmail.ts"
import type { VapidKeys } from "../channels/push/PushSender.ts"
import type { Settings } from "../config/Settings.ts"
import type { WorkerEnv } from "./config.ts"

const bracket = (id: string): string => `<${id}>`

/** The threading headers of a composed email, as header name → value (References folded between ids in MIME). */
export const threadingHeaders = (m: OutgoingEmail, separator = "\r\n "): Record<string, string> => ({
  "Message-ID": bracket(m.messageId),
  ...(m.inReplyTo === null ? {} : { "In-Reply-To": bracket(m.inReplyTo) }),
  ...(m.references.length === 0 ? {} : { References: m.references.map(bracket).join(separator) }),
})

/**
 * `INBOX_EMAIL_API_URL` receives `{ from, to, reply_to, subject, text, html, headers }` (headers carry the
 * Message-ID, In-Reply-To and References); any non-2xx answer is a failed attempt, retried with backoff.
 */
export const httpEmailSender = (url: string, apiKey: string | null): EmailSender => {
  return async (m) => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }),
      },
      body: JSON.stringify({
        from: m.from.name === "" ? m.from.address : `${m.from.name} <${m.from.address}>`,
        to: m.to,
        reply_to: m.replyTo,
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: threadingHeaders(m, " "),
      }),
      signal: AbortSignal.timeout(10_000),
    })
    await response.body?.cancel()
    if (!response.ok) throw new Error(`email provider answered HTTP ${response.status}`)
  }
}

/** The raw MIME of a composed email (text and HTML alternatives), as the `send_email` binding takes it. */
export const mimeOf = (m: OutgoingEmail): string => {
  const msg = createMimeMessage()
  msg.setSender(m.from.name === "" ? m.from.address : { name: m.from.name, addr: m.from.address })
  msg.setRecipient(m.to)
  msg.setHeader("Reply-To", new Mailbox(m.replyTo))
  msg.setSubject(m.subject)
  for (const [name, value] of Object.entries(threadingHeaders(m))) msg.setHeader(name, value)
  msg.addMessage({ contentType: "text/plain", data: m.text })
  msg.addMessage({ contentType: "text/html", data: m.html })
  return msg.asRaw()
}

/** What a `send_email` binding offers (Cloudflare Email Service / Email Routing). */
export interface SendEmailBinding {
  readonly send: (message: unknown) => Promise<unknown>
}

/** Sends through the `send_email` binding; `cloudflare:email` is loaded only when the binding is used. */
export const bindingEmailSender = (binding: SendEmailBinding): EmailSender => {
  return async (m) => {
    const { EmailMessage } = await import("cloudflare:email")
    const sent = await binding.send(new EmailMessage(m.from.address, m.to, mimeOf(m)))
    // The binding may give the email a Message-ID of its own and answers it: threading must know it.
    const messageId = (sent as { readonly messageId?: unknown } | undefined)?.messageId
    return typeof messageId === "string" ? { messageId } : undefined
  }
}

const isBinding = (value: unknown): value is SendEmailBinding =>
  typeof value === "object" && value !== null && typeof (value as { send?: unknown }).send === "function"

/** Web Push keys from the secrets INBOX_VAPID_PUBLIC_KEY / INBOX_VAPID_PRIVATE_KEY; none: no push. */
export const workerPush = (settings: Settings): VapidKeys | null =>
  settings.vapidPublicKey === null || settings.vapidPrivateKey === null
    ? null
    : {
        publicKey: settings.vapidPublicKey,
        privateKey: settings.vapidPrivateKey,
        subject: settings.vapidSubject,
      }

export const workerChannels = (env: WorkerEnv, settings: Settings): ChannelConfig => {
  const binding = env.SEND_EMAIL
  return {
    webhook: { url: settings.webhookUrl, secret: settings.webhookSecret, timeoutMs: 10_000 },
    sendEmail: isBinding(binding)
      ? bindingEmailSender(binding)
      : settings.emailApiUrl === null
        ? null
        : httpEmailSender(settings.emailApiUrl, settings.emailApiKey),
    addresses: {
      from: settings.emailFrom,
      addresses: settings.emailAddresses ?? undefined,
      defaultShop: settings.defaultShop,
    },
    publicUrl: settings.publicUrl,
    retry: { maxAttempts: settings.deliveryAttempts, baseDelayMs: settings.deliveryBackoffMs },
    pollMs: 0,
  }
}
