/**
 * The storefront chat, as the inbox's frame shows it on the merchant's page: start a chat with an optional
 * email (skipped for a signed-in customer), write (text only, R18), read the merchant's replies with product
 * and discount cards, and apply a shared code to the store's cart in one click (R17). The socket stays open
 * while the page is open: that is the shopper's presence (R8/R9).
 */

import * as Wire from "@inbox/core/wire"
import { framesOf, pathOf } from "../../api/client.ts"
import { clientId, socketUrl } from "../../api/http.ts"
import * as Store from "../../api/storefront.ts"
import type { StoreCart, ThreadItem } from "../../api/types.ts"
import { discountCard, productCard } from "../../components/Cards.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { errorText, shortTime, ui } from "../../i18n/Locale.ts"
import { connect, type Socket } from "../../realtime/Socket.ts"
import type { Identity } from "../../widget/protocol.ts"
import { automaticReplyItem, availabilityLine } from "./AvailabilityLine.ts"

const shopperFrames = framesOf(Wire.Api.realtime.shopper)

export interface ChatPanelOptions {
  readonly shopId: string
  readonly shopName: string
  /** The storefront origin the chat runs on: where sessions start and product links open. */
  readonly storefront: string
  /** The store's signed-in customer, if the page said so. */
  readonly identity: () => Identity | null
  /** A chat session started, resumed or ended (null). */
  readonly onSession: (token: string | null) => void
  /** The server's cart for this chat session, whenever the chat learns it. */
  readonly onCart: (cart: StoreCart) => void
  /** Puts a code the inbox accepted into the store's own cart; false when the store could not. */
  readonly applyToStore: (code: string) => Promise<boolean>
  /** A shop message arrived live (not from a reload): for the unread badge and the page's callbacks. */
  readonly onShopMessage: (item: ThreadItem) => void
  readonly onClose: () => void
}

const tokenKey = (shopId: string) => `inbox.chat.${shopId}`
/** Whose session the token is: the signed-in customer's id, or empty for a guest. */
const whoKey = (shopId: string) => `inbox.chat.${shopId}.who`

/** This browser's shopper id: the server keys the customer on it, so a lost token resumes the same chat. */
const browserId = (shopId: string): string => {
  const key = `inbox.client.${shopId}`
  const existing = localStorage.getItem(key)
  if (existing) return existing
  const id = clientId()
  localStorage.setItem(key, id)
  return id
}

export const createChatPanel = (options: ChatPanelOptions) => {
  let token: string | null = localStorage.getItem(tokenKey(options.shopId))
  let socket: Socket<typeof Wire.ShopperClientFrame.Encoded> | null = null
  let lastSeq = 0
  const seen = new Set<number>()
  let applied: string | null = null
  /** A code the inbox recorded as applied but the store's cart would not take: enter it at checkout. */
  let manual: string | null = null
  const t = () => ui().store

  const log = h("ol", { class: "chat__log" })
  const logRegion = h("div", { role: "log", "aria-live": "polite", "aria-label": t().chatTitle }, log)
  const error = h("div", { class: "chat__error", role: "alert" })
  const typing = h("p", { class: "chat__typing", "aria-live": "polite" })
  let typingTimer: ReturnType<typeof setTimeout> | undefined
  let lastTyping = 0
  const showTyping = () => {
    typing.textContent = t().shopTyping(options.shopName)
    clearTimeout(typingTimer)
    typingTimer = setTimeout(() => {
      typing.textContent = ""
    }, 4000)
  }
  /** Tells the shop the shopper is typing, at most every few seconds. */
  const sendTyping = () => {
    if (Date.now() - lastTyping < 3000) return
    lastTyping = Date.now()
    socket?.send({ _tag: "Typing" })
  }
  const body = h("div", { class: "chat__body" })
  const panel = h("section", { class: "chat", "aria-labelledby": "chat-title" })
  const applyButton = (code: string) =>
    applied === code
      ? manual === code
        ? h("span", { class: "badge" }, t().applyAtCheckout(code))
        : h("span", { class: "badge badge--success" }, t().applied)
      : h(
          "button",
          {
            type: "button",
            class: "button button--small button--primary",
            onclick: async () => {
              if (!token) return
              try {
                const r = await Store.applyDiscount(token, code)
                options.onCart(r.cart)
                applied = r.cart.appliedDiscount?.code ?? code
                manual = (await options.applyToStore(applied)) ? null : applied
                renderLog()
              } catch (e) {
                error.textContent = errorText(e)
              }
            },
          },
          t().applyCode(code),
        )

  const items: ThreadItem[] = []
  const addItems = (more: ReadonlyArray<ThreadItem>, live: boolean) => {
    let changed = false
    for (const item of more) {
      if (seen.has(item.seq)) continue
      seen.add(item.seq)
      lastSeq = Math.max(lastSeq, item.seq)
      items.push(item)
      changed = true
      if (item.event._tag === "ReplySent") typing.textContent = ""
      if (live && (item.event._tag === "ReplySent" || item.event._tag === "AutomaticReplySent"))
        options.onShopMessage(item)
    }
    if (changed) {
      items.sort((a, b) => a.seq - b.seq)
      renderLog()
    }
  }

  const renderLog = () => {
    replaceChildren(
      log,
      items.flatMap((item) => {
        const e = item.event
        if (e._tag === "CustomerMessageReceived")
          return [
            h(
              "li",
              { class: "cmsg cmsg--me" },
              h("span", { class: "visually-hidden" }, `${t().you}: `),
              h("div", { class: "cmsg__bubble" }, e.text),
              h("time", { class: "cmsg__time" }, shortTime(e.at)),
            ),
          ]
        if (e._tag === "AutomaticReplySent") return [automaticReplyItem(e, options.shopName)]
        if (e._tag === "ReplySent")
          return [
            h(
              "li",
              { class: "cmsg cmsg--shop" },
              h("span", { class: "visually-hidden" }, `${options.shopName}: `),
              e.text ? h("div", { class: "cmsg__bubble" }, e.text) : null,
              e.products.map((p) => productCard(p, { storefront: options.storefront, target: "_top" })),
              e.discount ? discountCard(e.discount, applyButton(e.discount.code)) : null,
              e.image
                ? h("img", {
                    class: "cmsg__image",
                    src: `/api/images/${encodeURIComponent(e.image.id)}`,
                    alt: t().imageAlt(options.shopName),
                    loading: "lazy",
                  })
                : null,
              h("time", { class: "cmsg__time" }, shortTime(e.at)),
            ),
          ]
        return []
      }),
    )
    body.scrollTo({ top: body.scrollHeight })
  }

  const refresh = async () => {
    if (!token) return
    try {
      const state = await Store.chat(token)
      applied = state.cart.appliedDiscount?.code ?? null
      options.onCart(state.cart)
      addItems(state.thread, false)
    } catch (e) {
      const status = (e as { status?: number }).status
      // The session is gone (new database, expired token, its storefront no longer listed): start over.
      if (status === 401 || status === 403 || status === 404) endSession()
    }
  }

  const endSession = () => {
    localStorage.removeItem(tokenKey(options.shopId))
    localStorage.removeItem(whoKey(options.shopId))
    token = null
    socket?.close()
    socket = null
    items.length = 0
    seen.clear()
    lastSeq = 0
    options.onSession(null)
    render()
  }

  const live = () => {
    if (!token || socket) return
    const tk = token
    socket = connect({
      url: () =>
        socketUrl(
          pathOf(
            Wire.Api.realtime.shopper,
            {},
            { token: tk, ...(lastSeq > 0 ? { since: String(lastSeq) } : {}) },
          ),
        ),
      frames: shopperFrames,
      onFrame: (frame) => {
        if (frame._tag === "Committed")
          addItems([{ seq: frame.seq, event: frame.event, delivery: null, notice: null }], true)
        else if (frame._tag === "Ready") lastSeq = Math.max(lastSeq, frame.seq)
        else if (frame._tag === "Typing") showTyping()
      },
      onReconnect: () => void refresh(),
    })
  }

  /** A text form whose text survives a failed send, with a retry reusing the same message id. */
  const messageForm = (
    label: string,
    submitLabel: string,
    submit: (text: string, id: string) => Promise<void>,
    extra: ReadonlyArray<Node> = [],
  ) => {
    let pending: { text: string; id: string } | null = null
    const area = h("textarea", {
      class: "input chat__input",
      rows: 2,
      "aria-label": label,
      placeholder: label,
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
          e.preventDefault()
          form.requestSubmit()
        }
      },
      oninput: () => {
        if (token) sendTyping()
      },
    })
    const button = h("button", { type: "submit", class: "button button--primary" }, submitLabel)
    const form = h(
      "form",
      {
        class: "chat__form",
        onsubmit: async (e: Event) => {
          e.preventDefault()
          const text = area.value.trim()
          if (!text || button.disabled) return
          if (pending === null || pending.text !== text) pending = { text, id: clientId() }
          button.disabled = true
          error.textContent = ""
          try {
            await submit(text, pending.id)
            pending = null
            area.value = ""
          } catch (err) {
            replaceChildren(error, [
              `${t().sendFailed} ${errorText(err)} `,
              h(
                "button",
                { type: "button", class: "button button--small", onclick: () => form.requestSubmit() },
                t().retry,
              ),
            ])
          } finally {
            button.disabled = false
          }
        },
      },
      ...extra,
      area,
      h("div", { class: "chat__actions" }, button),
    )
    return form
  }

  const render = () => {
    const s = t()
    const header = h(
      "header",
      { class: "chat__header" },
      h(
        "div",
        null,
        h("h2", { id: "chat-title", class: "chat__title" }, options.shopName),
        availabilityLine(options.shopId, s.chatSubtitle),
      ),
      h(
        "button",
        {
          type: "button",
          class: "icon-button icon-button--inverse",
          "aria-label": s.chatClose,
          onclick: () => options.onClose(),
        },
        icon(icons.close),
      ),
    )
    if (!token) {
      const who = options.identity()
      const name = h("input", {
        class: "input",
        type: "text",
        id: "chat-name",
        autocomplete: "name",
        maxlength: 120,
      })
      const email = h("input", { class: "input", type: "email", id: "chat-email", autocomplete: "email" })
      // A signed-in customer is known to the shop already: no name or email to ask for.
      const askWho =
        who === null
          ? [
              h("label", { class: "label", for: "chat-name" }, s.nameLabel),
              name,
              h("label", { class: "label", for: "chat-email" }, s.emailLabel),
              email,
              h("p", { class: "chat__hint" }, s.emailHint),
            ]
          : [h("p", { class: "chat__hint" }, who.email === null ? s.signedIn : s.signedInAs(who.email))]
      replaceChildren(panel, [
        header,
        h(
          "div",
          { class: "chat__body chat__body--start" },
          error,
          messageForm(
            s.firstMessage,
            s.start,
            async (text, id) => {
              const started = await Store.startChat(options.shopId, {
                email: who === null ? email.value.trim() || null : null,
                name: who === null ? name.value.trim() || null : null,
                clientId: browserId(options.shopId),
                origin: options.storefront,
                identity: who,
              })
              token = started.token
              localStorage.setItem(tokenKey(options.shopId), started.token)
              localStorage.setItem(whoKey(options.shopId), who?.id ?? "")
              options.onSession(started.token)
              await Store.send(started.token, id, text)
              render()
              live()
              await refresh()
            },
            askWho,
          ),
        ),
      ])
      return
    }
    replaceChildren(body, [logRegion])
    replaceChildren(panel, [
      header,
      body,
      typing,
      error,
      messageForm(s.messageLabel, s.send, async (text, id) => {
        if (!token) return
        await Store.send(token, id, text)
        await refresh()
      }),
    ])
    renderLog()
  }

  render()
  if (token) {
    options.onSession(token)
    live()
    void refresh()
  }
  return {
    element: panel,
    token: () => token,
    rerender: render,
    /** Moves focus into the chat (the page's bubble opened it). */
    focus: () => panel.querySelector<HTMLElement>("textarea, input")?.focus(),
    /**
     * The page's signed-in customer changed. A signed-in customer's session ends when they sign out or someone
     * else signs in (a shared computer); a guest's session carries on after they sign in.
     */
    identityChanged: () => {
      const owner = localStorage.getItem(whoKey(options.shopId)) ?? ""
      if (token !== null && owner !== "" && owner !== (options.identity()?.id ?? "")) endSession()
      else if (token === null) render()
    },
  }
}
