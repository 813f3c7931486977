/**
 * Emails as the merchant opens them: a customer's original, whole (the thread shows it without the quoted
 * history), and on the embedded default the replies captured instead of sent. Both are text, never rendered
 * as HTML in the inbox. @see R1, R2
 */
import { Schema } from "effect"
import { ConversationId, EmailId } from "../ids.ts"
import * as Endpoint from "./Endpoint.ts"

export const OriginalEmailPath = Schema.Struct({ id: ConversationId, emailId: EmailId })
export type OriginalEmailPath = typeof OriginalEmailPath.Type

/** A captured reply's file name, as the capture page lists it. */
export const CapturedEmailPath = Schema.Struct({
  name: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}\.eml$/u)),
})
export type CapturedEmailPath = typeof CapturedEmailPath.Type

export const EmailsApi = {
  original: Endpoint.get("/api/conversations/:id/emails/:emailId", {
    summary: "A customer's original email, whole, as text (the thread shows it without quoted history)",
    auth: "chatStaff",
    params: OriginalEmailPath,
    success: Endpoint.Bytes("text/plain"),
    errors: ["ConversationNotFound", "EmailNotFound"],
  }),
  capture: Endpoint.get("/api/email-capture", {
    summary: "Embedded default without SMTP: the email replies saved locally instead of sent (HTML page)",
    auth: "chatStaff",
    success: Endpoint.Bytes("text/html"),
    errors: ["EmailCaptureOff"],
  }),
  captured: Endpoint.get("/api/email-capture/:name", {
    summary: "One captured email reply (.eml), as text",
    auth: "chatStaff",
    params: CapturedEmailPath,
    success: Endpoint.Bytes("text/plain"),
    errors: ["EmailCaptureOff", "EmailNotFound"],
  }),
}
