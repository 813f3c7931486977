/** Channel settings on Node from the environment; email goes out through SMTP with nodemailer. @see R2 */
import nodemailer from "nodemailer"
import { type ChannelConfig, DEFAULT_RETRY } from "./Dispatcher.ts"

/** `smtp://user:pass@host:port` (or `smtps://`); the sender from INBOX_SMTP_FROM. */
export const smtpSender = (url: string, from: string): NonNullable<ChannelConfig["sendEmail"]> => {
  const transport = nodemailer.createTransport(url)
  return async (m) => {
    await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text })
  }
}

export const channelsFromEnv = (env: NodeJS.ProcessEnv): ChannelConfig => ({
  webhook: {
    url: env.INBOX_WEBHOOK_URL ?? null,
    secret: env.INBOX_WEBHOOK_SECRET ?? "inbox-demo-webhook-secret",
    timeoutMs: 10_000,
  },
  sendEmail: env.INBOX_SMTP_URL
    ? smtpSender(env.INBOX_SMTP_URL, env.INBOX_SMTP_FROM ?? "inbox@localhost")
    : null,
  retry: {
    maxAttempts: Number(env.INBOX_DELIVERY_ATTEMPTS ?? DEFAULT_RETRY.maxAttempts),
    baseDelayMs: Number(env.INBOX_DELIVERY_BACKOFF_MS ?? DEFAULT_RETRY.baseDelayMs),
  },
  pollMs: 500,
})
