/**
 * A customer's email address: exactly one mailbox, parsed by `email-addresses` (RFC 5322, with RFC 6532
 * UTF-8), normalised to its bare `local@domain`. It is the only form that reaches a mailer's `to`, so a list
 * (`a@x, b@y`), a group, a second address after `;` or a header smuggled after CR/LF can never fan a reply out.
 */
import { Effect } from "effect"
import emailAddresses from "email-addresses"
import { CustomerEmailInvalid } from "../http/EdgeErrors.ts"

/** What a mailer could read as more than one address, or as something else than an address. */
const UNSAFE = /[\s"(),:;<>[\\\]]|\p{Cc}/u

/** The bare address when `input` is exactly one syntactically valid mailbox (on a dotted domain), else null. */
export const parseEmailAddress = (input: string): string | null => {
  const trimmed = input.trim()
  if (trimmed === "" || trimmed.length > 254 || /\p{Cc}/u.test(trimmed)) return null
  const parsed = emailAddresses.parseOneAddress({ input: trimmed, rfc6532: true, rejectTLD: true })
  if (parsed === null || parsed.type !== "mailbox") return null
  const address = parsed.address
  // Quoted local parts and address literals are valid RFC 5322 but read differently by mailers: refused.
  if (UNSAFE.test(address) || address.split("@").length !== 2) return null
  return address
}

/** A customer email as given (blank = none): the bare address, or CustomerEmailInvalid (422). @see R2, R9 */
export const customerEmail = (
  input: string | null | undefined,
): Effect.Effect<string | null, CustomerEmailInvalid> => {
  if (input === null || input === undefined || input.trim() === "") return Effect.succeed(null)
  const address = parseEmailAddress(input)
  return address === null ? Effect.fail(new CustomerEmailInvalid({ email: input })) : Effect.succeed(address)
}
