/**
 * Emails as the merchant opens them: a customer's original, whole, and on the embedded default the page of
 * replies captured instead of sent. Both are answered as text, never rendered: an email's HTML cannot run
 * in the inbox. @see R1, R2
 */
import { ConversationErrors } from "@inbox/core"
import type { Api } from "@inbox/core/wire"
import { Effect } from "effect"
import { html } from "hono/html"
import { EmailCaptureOff, EmailNotFound } from "../http/EdgeErrors.ts"
import type { AppRuntime } from "../http/runtime.ts"
import type { HttpHandlers } from "../http/serve.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Emails } from "../repo/Emails.ts"
import { ImageStore } from "../repo/Images.ts"

/** Raw mail as text: the browser shows the characters, runs nothing, frames nothing. */
const asText = (bytes: Uint8Array, name: string) => ({
  bytes,
  contentType: "text/plain; charset=utf-8",
  headers: {
    "content-disposition": `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, no-store",
  },
})

const when = (at: number) => new Date(at).toISOString().replace("T", " ").slice(0, 19)

/** The capture page: every value is escaped by hono's `html` template. */
const capturePage = (
  mails: ReadonlyArray<{
    readonly name: string
    readonly to: string
    readonly subject: string
    readonly at: number
  }>,
) => html`<!doctype html>
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>Captured email replies</title>
      <style>
        body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.4rem; text-align: left; }
      </style>
    </head>
    <body>
      <h1>Captured email replies</h1>
      <p>
        No SMTP server is configured (<code>INBOX_SMTP_URL</code>), so replies by email are saved here as
        <code>.eml</code> files instead of being sent. Open one to see exactly what the customer would get.
      </p>
      ${
        mails.length === 0
          ? html`<p>No reply has been captured yet.</p>`
          : html`<table>
              <thead><tr><th>Saved</th><th>To</th><th>Subject</th></tr></thead>
              <tbody>
                ${mails.map(
                  (m) =>
                    html`<tr>
                      <td>${when(m.at)}</td>
                      <td>${m.to}</td>
                      <td><a href="/api/email-capture/${encodeURIComponent(m.name)}">${m.subject || "(no subject)"}</a></td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </body>
  </html>`

export const emailHandlers = (runtime: AppRuntime): HttpHandlers<typeof Api.emails> => ({
  original: ({ staff, params: { id, emailId } }) =>
    Effect.gen(function* () {
      // Tenancy first: another shop's conversation, or an email of another conversation, is not found.
      const state = yield* (yield* Conversations).load(staff.shopId, id)
      if (state === null)
        return yield* Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: id }))
      const email = yield* (yield* Emails).get(staff.shopId, emailId)
      const raw =
        email === null || email.conversationId !== id || email.rawKey === null
          ? null
          : yield* (yield* ImageStore).get(email.rawKey)
      if (raw === null) return yield* Effect.fail(new EmailNotFound({ emailId }))
      return asText(raw, `${emailId}.eml`)
    }),
  capture: ({ staff }) =>
    Effect.gen(function* () {
      const capture = runtime.emailCapture
      if (capture === undefined) return yield* Effect.fail(new EmailCaptureOff())
      const mails = yield* Effect.promise(() => capture.list(staff.shopId))
      const page = yield* Effect.promise(async () => String(await capturePage(mails)))
      return { bytes: new TextEncoder().encode(page), contentType: "text/html; charset=utf-8" }
    }),
  captured: ({ staff, params: { name } }) =>
    Effect.gen(function* () {
      const capture = runtime.emailCapture
      if (capture === undefined) return yield* Effect.fail(new EmailCaptureOff())
      const bytes = yield* Effect.promise(() => capture.read(staff.shopId, name))
      if (bytes === null) return yield* Effect.fail(new EmailNotFound({ emailId: name }))
      return asText(bytes, name)
    }),
})
