/**
 * The storefront chat bubble: start a chat with an optional email, write (text only, R18), read the
 * merchant's replies with product and discount cards, and apply a shared code to the cart in one click
 * (R17). The socket stays open while the page is open: that is the shopper's presence (R8/R9).
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
import { automaticReplyItem, availabilityLine } from "./AvailabilityLine.ts"

const shopperFrames = framesOf(Wire.Api.realtime.shopper)

export interface ChatWidgetOptions {
  readonly shopId: string
  readonly shopName: string
  /** The chat session exists: push the local cart to it. */
  readonly onSession: (token: string) => Promise<void>
  /** A shared code was applied to the cart. */
  readonly onDiscountApplied: (code: string) => void
  /** The server's cart for this chat session (the truth once a chat exists). */
  readonly onCart: (cart: StoreCart) => void
}

const tokenKey = (shopId: string) => `inbox.chat.${shopId}`

/** This browser's shopper id: the server keys the customer on it, so a lost token resumes the same chat. */
const browserId = (shopId: string): string => {
  const key = `inbox.client.${shopId}`
  const existing = localStorage.getItem(key)
  if (existing) return existing
  const id = clientId()
  localStorage.setItem(key, id)
  return id
}

export const createChatWidget = (options: ChatWidgetOptions) => {
  let token: string | null = localStorage.getItem(tokenKey(options.shopId))
  let open = false
  let socket: Socket<typeof Wire.ShopperClientFrame.Encoded> | null = null
  let lastSeq = 0
  const seen = new Set<number>()
  let applied: string | null = null
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
  const bubble = h(
    "button",
    {
      type: "button",
      class: "chat-bubble",
      "aria-expanded": "false",
      "aria-controls": "chat-panel",
      onclick: () => toggle(),
    },
    icon(icons.chat, 24),
    h("span", { class: "chat-bubble__label" }, t().chatOpen),
  )
  const panel = h("section", {
    id: "chat-panel",
    class: "chat",
    "aria-labelledby": "chat-title",
    hidden: true,
  })
  const element = h("div", { class: "chat-root" }, panel, bubble)

  const toggle = (force?: boolean) => {
    open = force ?? !open
    panel.hidden = !open
    bubble.setAttribute("aria-expanded", open ? "true" : "false")
    bubble.querySelector(".chat-bubble__label")!.textContent = open ? t().chatClose : t().chatOpen
    if (open) panel.querySelector<HTMLElement>("textarea, input")?.focus()
  }

  const applyButton = (code: string) =>
    applied === code
      ? h("span", { class: "badge badge--success" }, t().applied)
      : h(
          "button",
          {
            type: "button",
            class: "button button--small button--primary",
            onclick: async () => {
              if (!token) return
              try {
                const r = await Store.applyDiscount(token, code)
                applied = r.cart.appliedDiscount?.code ?? code
                options.onDiscountApplied(applied)
                renderLog()
              } catch (e) {
                error.textContent = errorText(e)
              }
            },
          },
          t().applyCode(code),
        )

  const items: ThreadItem[] = []
  const addItems = (more: ReadonlyArray<ThreadItem>) => {
    let changed = false
    for (const item of more) {
      if (seen.has(item.seq)) continue
      seen.add(item.seq)
      lastSeq = Math.max(lastSeq, item.seq)
      items.push(item)
      changed = true
      if (item.event._tag === "ReplySent") typing.textContent = ""
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
              e.products.map(productCard),
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
      if (applied) options.onDiscountApplied(applied)
      addItems(state.thread)
    } catch (e) {
      if ((e as { status?: number }).status === 401 || (e as { status?: number }).status === 404) {
        // The session is gone (new database, expired token): start over.
        localStorage.removeItem(tokenKey(options.shopId))
        token = null
        socket?.close()
        socket = null
        render()
      }
    }
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
          addItems([{ seq: frame.seq, event: frame.event, delivery: null, notice: null }])
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
          onclick: () => {
            toggle(false)
            bubble.focus()
          },
        },
        icon(icons.close),
      ),
    )
    if (!token) {
      const name = h("input", {
        class: "input",
        type: "text",
        id: "chat-name",
        autocomplete: "name",
        maxlength: 120,
      })
      const email = h("input", { class: "input", type: "email", id: "chat-email", autocomplete: "email" })
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
              const started = await Store.startChat(
                options.shopId,
                email.value.trim() || null,
                name.value.trim() || null,
                browserId(options.shopId),
              )
              token = started.token
              localStorage.setItem(tokenKey(options.shopId), started.token)
              await options.onSession(started.token)
              await Store.send(started.token, id, text)
              render()
              live()
              await refresh()
            },
            [
              h("label", { class: "label", for: "chat-name" }, s.nameLabel),
              name,
              h("label", { class: "label", for: "chat-email" }, s.emailLabel),
              email,
              h("p", { class: "chat__hint" }, s.emailHint),
            ],
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
    live()
    void refresh()
  }
  return {
    element,
    token: () => token,
    rerender: () => {
      bubble.querySelector(".chat-bubble__label")!.textContent = open ? t().chatClose : t().chatOpen
      render()
    },
  }
}
