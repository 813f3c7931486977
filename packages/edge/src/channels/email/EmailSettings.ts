/**
 * Which address is whose: each shop's email address (From of replies, base of its reply addresses), which
 * shop an inbound address reaches, and the domain of the Message-IDs we write. Configuration, the same on
 * Node and Workers: `INBOX_EMAIL_ADDRESSES="shop=address,…"`, others reach the default shop. @see R2
 */
import { EmailThreading } from "@inbox/core"
import { Context, Layer } from "effect"

export interface ShopAddress {
  /** `Maison Lumière <shop@demo.shop>` style display name, or empty. */
  readonly name: string
  readonly address: string
  readonly base: EmailThreading.ReplyBase
}

export interface EmailSettingsShape {
  /** The shop an inbound recipient reaches, or null when none does (not ours, and no default). */
  readonly shopFor: (recipient: string) => string | null
  readonly addressOf: (shopId: string) => ShopAddress
  /** Every address we send from, lower-case: our own mail coming back is a loop. */
  readonly ownAddresses: ReadonlyArray<string>
  /** `<…@inbox.<domain>>`: distinct from any mailbox's own Message-IDs, so a loop is recognised. */
  readonly messageIdDomain: string
}

export class EmailSettings extends Context.Service<EmailSettings, EmailSettingsShape>()(
  "@inbox/edge/channels/email/EmailSettings",
) {}

/** `Name <a@b>` or `a@b` → its parts; null when it is not one address. */
export const parseMailbox = (value: string): { readonly name: string; readonly address: string } | null => {
  const m = /^\s*(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))\s*$/.exec(value)
  if (m === null) return null
  const address = (m[2] ?? m[3] ?? "").toLowerCase()
  return { name: (m[1] ?? "").trim(), address }
}

export interface EmailAddressConfig {
  /** The default sender (`INBOX_SMTP_FROM` / `INBOX_EMAIL_FROM`). */
  readonly from: string
  /** `shop=address` pairs separated by commas (`INBOX_EMAIL_ADDRESSES`). */
  readonly addresses: string | undefined
  /** The shop that any other address reaches (the demo shop on the embedded default). */
  readonly defaultShop: string | null
}

const toShopAddress = (mailbox: { readonly name: string; readonly address: string }): ShopAddress => {
  const base = EmailThreading.replyBaseOf(mailbox.address)
  if (base === null) throw new Error(`not an email address: ${mailbox.address}`)
  return { name: mailbox.name, address: mailbox.address, base }
}

/** Reads the configuration; a malformed entry is a start-up error, not a silently lost email. */
export const emailSettings = (config: EmailAddressConfig): EmailSettingsShape => {
  const fallback = parseMailbox(config.from)
  if (fallback === null)
    throw new Error(`INBOX_SMTP_FROM / INBOX_EMAIL_FROM is not an address: ${config.from}`)
  const byShop = new Map<string, ShopAddress>()
  for (const entry of (config.addresses ?? "").split(",")) {
    if (entry.trim() === "") continue
    const [shop, value] = entry.split("=")
    const mailbox = value === undefined ? null : parseMailbox(value)
    if (shop === undefined || shop.trim() === "" || mailbox === null)
      throw new Error(`INBOX_EMAIL_ADDRESSES: "${entry}" is not shop=address`)
    byShop.set(shop.trim(), toShopAddress({ name: mailbox.name || fallback.name, address: mailbox.address }))
  }
  const byAddress = new Map(
    [...byShop].map(([shop, a]) => [`${a.base.local.toLowerCase()}@${a.base.domain}`, shop]),
  )
  const defaultAddress = toShopAddress(fallback)
  const plain = (recipient: string): string => {
    const m = /^([^@+\s]+)(?:\+[^@\s]*)?@([^@\s]+)$/.exec(recipient.trim().toLowerCase())
    return m === null ? recipient.trim().toLowerCase() : `${m[1]}@${m[2]}`
  }
  return {
    shopFor: (recipient) => byAddress.get(plain(recipient)) ?? config.defaultShop,
    addressOf: (shopId) => byShop.get(shopId) ?? defaultAddress,
    ownAddresses: [defaultAddress.address, ...[...byShop.values()].map((a) => a.address)],
    messageIdDomain: `inbox.${defaultAddress.base.domain}`,
  }
}

export const layer = (config: EmailAddressConfig): Layer.Layer<EmailSettings> =>
  Layer.sync(EmailSettings, () => emailSettings(config))
