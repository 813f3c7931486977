/**
 * Channels on Workers (R2): email through a pluggable HTTP provider (POST JSON with a bearer key, the shape
 * most transactional-email APIs take), platform replies through the signed webhook, both over fetch.
 */
import { type ChannelConfig, DEFAULT_RETRY } from "../channels/Dispatcher.ts"
import type { WorkerEnv } from "./config.ts"

const setting = (env: WorkerEnv, name: string): string | null => {
  const value = env[name]
  return typeof value === "string" && value.trim() !== "" ? value : null
}

const positive = (env: WorkerEnv, name: string, fallback: number): number => {
  const n = Number(setting(env, name) ?? Number.NaN)
  return Number.isFinite(n) && n > 0 ? n : fallback
}

/** `INBOX_EMAIL_API_URL` receives `{ from, to, subject, text }`; any non-2xx answer is a failed attempt. */
export const httpEmailSender = (
  url: string,
  from: string,
  apiKey: string | null,
): ChannelConfig["sendEmail"] => {
  return async (m) => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }),
      },
      body: JSON.stringify({ from, to: m.to, subject: m.subject, text: m.text }),
      signal: AbortSignal.timeout(10_000),
    })
    if (!response.ok) throw new Error(`email provider answered HTTP ${response.status}`)
    await response.body?.cancel()
  }
}

export const workerChannels = (env: WorkerEnv, webhookSecret: string): ChannelConfig => {
  const emailUrl = setting(env, "INBOX_EMAIL_API_URL")
  return {
    webhook: { url: setting(env, "INBOX_WEBHOOK_URL"), secret: webhookSecret, timeoutMs: 10_000 },
    sendEmail:
      emailUrl === null
        ? null
        : httpEmailSender(
            emailUrl,
            setting(env, "INBOX_EMAIL_FROM") ?? "inbox@localhost",
            setting(env, "INBOX_EMAIL_API_KEY"),
          ),
    retry: {
      maxAttempts: positive(env, "INBOX_DELIVERY_ATTEMPTS", DEFAULT_RETRY.maxAttempts),
      baseDelayMs: positive(env, "INBOX_DELIVERY_BACKOFF_MS", DEFAULT_RETRY.baseDelayMs),
    },
    pollMs: 0,
  }
}
