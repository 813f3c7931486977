/**
 * Channel settings on Node, from the settings (config/Settings.ts). Email leaves through SMTP (`INBOX_SMTP_URL`) when set, else
 * into the local capture under the data folder, so the embedded default closes the loop offline. @see R2
 */
import { join } from "node:path"
import type { Settings } from "../config/Settings.ts"
import type { ChannelConfig } from "./Dispatcher.ts"
import { captureSender, smtpSender } from "./email/senders.node.ts"

/** The folder of captured replies, under the data folder. */
export const captureDir = (dataDir: string): string => join(dataDir, "mail")

export const channelsFrom = (settings: Settings, dataDir: string): ChannelConfig => ({
  webhook: { url: settings.webhookUrl, secret: settings.webhookSecret, timeoutMs: 10_000 },
  sendEmail: settings.smtpUrl !== null ? smtpSender(settings.smtpUrl) : captureSender(captureDir(dataDir)),
  capturesEmail: settings.smtpUrl === null,
  addresses: {
    from: settings.emailFrom,
    addresses: settings.emailAddresses ?? undefined,
    defaultShop: settings.defaultShop,
  },
  publicUrl: settings.publicUrl,
  retry: { maxAttempts: settings.deliveryAttempts, baseDelayMs: settings.deliveryBackoffMs },
  pollMs: 500,
})
