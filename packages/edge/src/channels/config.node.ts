/**
 * Channel settings on Node from the environment. Email leaves through SMTP (`INBOX_SMTP_URL`) when set, else
 * into the local capture under the data folder, so the embedded default closes the loop offline. @see R2
 */
import { join } from "node:path"
import { type ChannelConfig, DEFAULT_RETRY } from "./Dispatcher.ts"
import { captureSender, smtpSender } from "./email/senders.node.ts"

/** The folder of captured replies, under the data folder. */
export const captureDir = (dataDir: string): string => join(dataDir, "mail")

export const channelsFromEnv = (env: NodeJS.ProcessEnv, dataDir: string): ChannelConfig => ({
  webhook: {
    url: env.INBOX_WEBHOOK_URL ?? null,
    secret: env.INBOX_WEBHOOK_SECRET ?? "inbox-demo-webhook-secret",
    timeoutMs: 10_000,
  },
  sendEmail: env.INBOX_SMTP_URL ? smtpSender(env.INBOX_SMTP_URL) : captureSender(captureDir(dataDir)),
  capturesEmail: !env.INBOX_SMTP_URL,
  addresses: {
    from: env.INBOX_SMTP_FROM ?? "Inbox <inbox@localhost>",
    addresses: env.INBOX_EMAIL_ADDRESSES,
    defaultShop: env.INBOX_DEFAULT_SHOP ?? "demo",
  },
  publicUrl: env.INBOX_PUBLIC_URL ?? null,
  retry: {
    maxAttempts: Number(env.INBOX_DELIVERY_ATTEMPTS ?? DEFAULT_RETRY.maxAttempts),
    baseDelayMs: Number(env.INBOX_DELIVERY_BACKOFF_MS ?? DEFAULT_RETRY.baseDelayMs),
  },
  pollMs: 500,
})
