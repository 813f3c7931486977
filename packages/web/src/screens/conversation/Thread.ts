/**
 * The conversation thread: customer and merchant bubbles, product, discount and image attachments,
 * system notices (cart events R6, status, assignment, presence) and each reply's delivery (R2).
 */
import { type Ids, Notice } from "@inbox/core"
import { imageUrl } from "../../api/merchant.ts"
import type { ConversationEvent, Delivery, ThreadItem } from "../../api/types.ts"
import { discountCard, productCard } from "../../components/Cards.ts"
import { h } from "../../components/element.ts"
import { channels } from "../../i18n/channels.ts"
import { dateTime, locale, shortTime, ui } from "../../i18n/Locale.ts"
import { retryControl } from "./DeliveryRetry.ts"

export interface ThreadContext {
  /** The conversation shown (links to its original emails). */
  readonly conversationId?: string | null
  /** A reply's author as the reader says it ("You" for their own). */
  readonly staffName: (id: string) => string | undefined
  /** Colleagues' names, for notices, which say "You" by grammar (`viewer`), not by name. */
  readonly colleagueName: (id: string) => string | undefined
  readonly viewer: Ids.StaffId
  readonly platform: "online_store_chat" | "email" | "shop_app" | "messenger" | "instagram"
  readonly customerEmail: string | null
  readonly customerName: string
}

const time = (at: number) =>
  h("time", { datetime: new Date(at).toISOString(), title: dateTime(at) }, shortTime(at))

const deliveryText = (
  event: Extract<ConversationEvent, { _tag: "ReplySent" | "AutomaticReplySent" }>,
  delivery?: Delivery | null,
) => {
  const route = Notice.describeRoute(event.route, locale())
  if (!delivery) return route
  const status = ui().conversation.delivery[delivery.status]
  return delivery.status === "sent" ? route : `${route} · ${status}`
}

export const itemView = (item: ThreadItem, ctx: ThreadContext): HTMLElement | null => {
  const e = item.event
  const t = ui().conversation
  switch (e._tag) {
    case "CustomerMessageReceived":
      return h(
        "li",
        { class: "msg msg--customer", "data-seq": item.seq },
        h("span", { class: "visually-hidden" }, `${ctx.customerName}: `),
        e.text ? h("div", { class: "bubble" }, e.text) : null,
        // R18: what the customer attached is said, never shown.
        ...(e.attachments ?? []).map((a) =>
          h("div", { class: "msg__attachment" }, channels().attachment(a.kind, a.name)),
        ),
        h(
          "div",
          { class: "msg__meta" },
          time(e.at),
          e.email && ctx.conversationId
            ? [
                e.email.trimmed ? ` · ${channels().trimmed}` : "",
                " · ",
                h(
                  "a",
                  {
                    href: `/api/conversations/${encodeURIComponent(ctx.conversationId)}/emails/${encodeURIComponent(e.email.id)}`,
                    target: "_blank",
                    rel: "noopener noreferrer",
                  },
                  channels().originalEmail,
                ),
              ]
            : null,
        ),
      )
    case "ReplySent": {
      const author = ctx.staffName(e.staffId) ?? t.staff
      return h(
        "li",
        { class: "msg msg--merchant", "data-seq": item.seq },
        h("span", { class: "visually-hidden" }, `${author}: `),
        e.text ? h("div", { class: "bubble" }, e.text) : null,
        e.products.length > 0
          ? h(
              "div",
              { class: "msg__cards" },
              e.products.map((p) => productCard(p)),
            )
          : null,
        e.discount ? discountCard(e.discount) : null,
        e.image
          ? h("img", { class: "msg__image", src: imageUrl(e.image.id), alt: t.image, loading: "lazy" })
          : null,
        h(
          "div",
          { class: `msg__meta${item.delivery?.status === "failed" ? " msg__meta--failed" : ""}` },
          `${author} · `,
          time(e.at),
          ` · ${deliveryText(e, item.delivery)}`,
        ),
        retryControl(item.seq, item.delivery),
      )
    }
    case "ReplySentOutsideInbox": {
      // The shop answered on Meta itself: its message, said where it was written; nothing to deliver.
      const author = t.staff
      return h(
        "li",
        { class: "msg msg--merchant msg--outside", "data-seq": item.seq },
        h("span", { class: "visually-hidden" }, `${author}: `),
        e.text ? h("div", { class: "bubble" }, e.text) : null,
        ...(e.attachments ?? []).map((a) =>
          h("div", { class: "msg__attachment" }, channels().attachmentSent(a.kind)),
        ),
        h("div", { class: "msg__meta" }, time(e.at), ` · ${Notice.describeEvent(e, locale()) ?? ""}`),
      )
    }
    case "AutomaticReplySent": {
      const author = ui().thread.automatic
      return h(
        "li",
        { class: "msg msg--merchant msg--automatic", "data-seq": item.seq },
        h("span", { class: "visually-hidden" }, `${author}: `),
        h("div", { class: "bubble" }, e.text),
        h(
          "div",
          { class: `msg__meta${item.delivery?.status === "failed" ? " msg__meta--failed" : ""}` },
          `${author} · `,
          time(e.at),
          ` · ${deliveryText(e, item.delivery)}`,
        ),
        retryControl(item.seq, item.delivery),
      )
    }
    default: {
      const text = Notice.describeEvent(e, locale(), {
        staffName: (id) => ctx.colleagueName(id),
        viewer: ctx.viewer,
        conversation: { platform: ctx.platform, customerEmail: ctx.customerEmail },
      })
      if (text === null) return null
      return h(
        "li",
        { class: `notice notice--${e._tag}`, "data-seq": item.seq },
        h("span", { class: "notice__text" }, text),
        " ",
        time(e.at),
      )
    }
  }
}

/** A thread that appends items in sequence order and ignores ones it already shows (replays, echoes). */
export const createThread = (ctx: () => ThreadContext) => {
  const list = h("ol", { class: "thread" })
  // The live region wraps the list, so the items stay list items for assistive technology.
  const element = h(
    "div",
    { role: "log", "aria-live": "polite", "aria-label": ui().conversation.thread },
    list,
  )
  const seen = new Map<number, { item: ThreadItem; view: HTMLElement | null }>()
  let last = 0

  const scroll = () => {
    const box = element.parentElement
    if (box) box.scrollTop = box.scrollHeight
  }

  const add = (items: ReadonlyArray<ThreadItem>) => {
    for (const item of [...items].sort((a, b) => a.seq - b.seq)) {
      if (seen.has(item.seq)) continue
      last = Math.max(last, item.seq)
      const view = itemView(item, ctx())
      seen.set(item.seq, { item, view })
      if (view) {
        // Replayed or late items still land in sequence order.
        const after = [...list.children].find((c) => Number((c as HTMLElement).dataset.seq) > item.seq)
        list.insertBefore(view, after ?? null)
      }
    }
    scroll()
  }

  /** A reply's delivery moved on: its view is replaced in place. @see R2 */
  const updateDelivery = (seq: number, delivery: Delivery) => {
    const entry = seen.get(seq)
    if (!entry) return
    const item = { ...entry.item, delivery }
    const view = itemView(item, ctx())
    if (entry.view && view) entry.view.replaceWith(view)
    seen.set(seq, { item, view })
  }

  const reset = (items: ReadonlyArray<ThreadItem>) => {
    seen.clear()
    last = 0
    list.replaceChildren()
    add(items)
  }

  return { element, add, reset, updateDelivery, lastSeq: () => last, scroll }
}
