/**
 * One conversation: the header (name, Online or the offline email notice R8/R9, cart subtotal and
 * quantities R7, status R3, mark unread R4, assignee R19), the live thread, the composer and the
 * customer profile panel.
 */
import { Presence, Staff } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { ConversationDetail, InboxRow, StaffFrame, StaffSummary, ThreadItem } from "../../api/types.ts"
import { formatMoney } from "../../components/Cards.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { toast } from "../../components/Toast.ts"
import { domain, errorText, ui } from "../../i18n/Locale.ts"
import { createProfilePanel } from "../profile/ProfilePanel.ts"
import { blockToggle } from "./BlockSender.ts"
import { createComposer } from "./Composer.ts"
import { createThread } from "./Thread.ts"
import { viewingAvatars } from "./ViewingAvatars.ts"

export interface ConversationViewOptions {
  readonly me: StaffSummary
  readonly staff: () => ReadonlyArray<StaffSummary>
  /** A fresher row of this conversation (after an action or a frame), for the list. */
  readonly onRow: (row: InboxRow) => void
  readonly onBack: () => void
  readonly sendViewing: (conversationId: string | null) => void
  readonly sendTyping: (conversationId: string) => void
}

export const createConversationView = (options: ConversationViewOptions) => {
  const { me } = options
  let detail: ConversationDetail | null = null
  let id: string | null = null
  let profileOpen = window.matchMedia("(min-width: 1200px)").matches
  let announce = ""
  let profileTimer: ReturnType<typeof setTimeout> | undefined

  const staffName = (sid: string) =>
    sid === me.id ? ui().conversation.you : options.staff().find((s) => s.id === sid)?.name
  const thread = createThread(() => ({
    conversationId: id,
    staffName,
    colleagueName: (sid: string) => options.staff().find((s) => s.id === sid)?.name,
    viewer: me.id,
    platform: detail?.platform ?? "online_store_chat",
    customerEmail: detail?.customerEmail ?? null,
    customerName: detail?.customerName ?? "",
  }))
  const header = h("header", { class: "convo__header" })
  // Who else is here: the customer typing, colleagues viewing the same conversation.
  const activity = h("p", { class: "convo__activity", "aria-live": "polite" })
  let typingTimer: ReturnType<typeof setTimeout> | undefined
  let customerTyping = false
  let viewers: ReadonlyArray<string> = []
  const renderActivity = () => {
    const t = ui().conversation
    const others = viewers.filter((s) => s !== me.id).map((s) => staffName(s) ?? t.staff)
    const text = [
      customerTyping ? t.customerTyping : null,
      others.length > 0 ? t.alsoViewing(others.join(", ")) : null,
    ]
      .filter(Boolean)
      .join(" · ")
    // Colleagues' avatars (initials) before the words, which stay the accessible text.
    replaceChildren(activity, [...viewingAvatars(others), text])
  }
  const status = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" })
  const profile = createProfilePanel()
  const composerSlot = h("div", { class: "convo__composer" })
  // Focusable, so a keyboard can scroll a long thread. @see WCAG 2.1.1
  const scroller = h("div", { class: "convo__scroll", tabindex: 0 }, thread.element)
  const main = h(
    "section",
    { class: "convo", "aria-labelledby": "convo-title", tabindex: -1 },
    header,
    scroller,
    activity,
    composerSlot,
    status,
  )
  const element = h("div", { class: "convo-wrap" }, main, profile.element)

  const empty = () =>
    h(
      "div",
      { class: "convo__empty" },
      icon(icons.chat, 40),
      h("h2", null, ui().conversation.none),
      h("p", { class: "muted" }, ui().conversation.noneHint),
    )

  const setRow = (row: InboxRow) => {
    // An answer that arrives after a newer frame must not roll the header back.
    if (detail && row.conversationId === detail.conversationId && row.version >= detail.version) {
      detail = { ...detail, ...row }
      renderHeader()
    }
    options.onRow(row)
  }

  const act = async (f: () => Promise<{ conversation: InboxRow }>, message?: string) => {
    try {
      const r = await f()
      setRow(r.conversation)
      if (message) say(message)
    } catch (e) {
      toast(errorText(e), "error")
    }
  }

  const say = (text: string) => {
    announce = text
    status.textContent = announce
  }

  const renderHeader = () => {
    const d = detail
    const t = ui().conversation
    if (d === null) {
      header.replaceChildren()
      return
    }
    const presence = d.presence
    const presenceView =
      presence._tag === "online"
        ? h("span", { class: "presence presence--online" }, domain().presence.online)
        : presence._tag === "offline_email"
          ? h("p", { class: "offline-notice" }, domain().presence.offlineEmail(presence.email))
          : presence._tag === "offline_no_email"
            ? h("p", { class: "offline-notice" }, domain().presence.offlineNoEmail)
            : null
    const assignable = Staff.assignable(options.staff())
    const select = h(
      "select",
      {
        class: "select",
        "aria-label": t.assignee,
        "data-focus-key": "assignee",
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value
          const cid = d.conversationId
          void act(() => (v === "" ? Api.unassign(cid) : Api.assign(cid, v)))
        },
      },
      h("option", { value: "", selected: d.assignee === null }, t.unassigned),
      assignable.map((s) =>
        h(
          "option",
          { value: s.id, selected: d.assignee === s.id },
          s.id === me.id ? `${s.name} (${t.you})` : s.name,
        ),
      ),
    )
    const closed = d.status === "closed"
    replaceChildren(header, [
      h(
        "div",
        { class: "convo__title-row" },
        h(
          "button",
          { type: "button", class: "icon-button convo__back", "aria-label": t.back, onclick: options.onBack },
          icon(icons.back),
        ),
        h(
          "div",
          { class: "convo__who" },
          h("h2", { id: "convo-title", class: "convo__name" }, d.customerName),
          presenceView,
        ),
        h(
          "div",
          { class: "convo__actions" },
          h("label", { class: "assignee" }, h("span", { class: "assignee__label" }, t.assignee), select),
          h(
            "button",
            {
              type: "button",
              class: "button",
              "data-focus-key": "status",
              onclick: () => void act(() => Api.setStatus(d.conversationId, closed ? "open" : "closed")),
            },
            closed ? t.reopen : t.close,
          ),
          blockToggle(d, act),
          h(
            "button",
            {
              type: "button",
              class: "button",
              "data-focus-key": "unread",
              onclick: () => void act(() => Api.markUnread(d.conversationId), t.markedUnread),
            },
            t.markUnread,
          ),
          h(
            "button",
            {
              type: "button",
              class: "icon-button",
              "aria-label": t.showProfile,
              "aria-expanded": profileOpen ? "true" : "false",
              "aria-controls": "profile-panel",
              "data-focus-key": "profile",
              onclick: () => {
                profileOpen = !profileOpen
                element.classList.toggle("convo-wrap--profile", profileOpen)
                renderHeader()
              },
            },
            icon(icons.person),
          ),
        ),
      ),
      d.cart
        ? h(
            "div",
            { class: "cart-header", role: "group", "aria-label": t.cart },
            h("span", { class: "cart-header__total" }, t.cartSubtotal(formatMoney(d.cart.subtotal))),
            h(
              "ul",
              { class: "cart-header__items" },
              d.cart.items.map((i) => h("li", null, `${i.quantity} × ${i.title}`)),
            ),
          )
        : null,
    ])
  }

  const reloadProfileSoon = () => {
    clearTimeout(profileTimer)
    profileTimer = setTimeout(() => {
      if (detail) void profile.load(detail.customerId, detail.conversationId)
    }, 300)
  }

  const load = async (conversationId: string, reset: boolean) => {
    try {
      const page = await Api.conversation(conversationId)
      if (id !== conversationId) return
      detail = page.conversation
      renderHeader()
      if (reset) thread.reset(page.thread)
      else thread.add(page.thread)
      void profile.load(page.conversation.customerId, conversationId)
      if (page.conversation.unread) void act(() => Api.markRead(conversationId))
    } catch (e) {
      if (id === conversationId) replaceChildren(header, [h("p", { role: "alert" }, errorText(e))])
    }
  }

  const open = (conversationId: string | null) => {
    if (conversationId === id) return
    id = conversationId
    detail = null
    thread.reset([])
    header.replaceChildren()
    element.classList.toggle("convo-wrap--profile", profileOpen && conversationId !== null)
    options.sendViewing(conversationId)
    if (conversationId === null) {
      replaceChildren(main, [empty()])
      profile.element.hidden = true
      return
    }
    profile.element.hidden = false
    profile.element.id = "profile-panel"
    replaceChildren(main, [header, scroller, activity, composerSlot, status])
    customerTyping = false
    viewers = []
    renderActivity()
    const composer = createComposer({
      typing: () => options.sendTyping(conversationId),
      customerName: () => detail?.customerName ?? null,
      send: async (body) => {
        const r = await Api.reply(conversationId, body)
        if (id === conversationId) thread.add(r.items as ThreadItem[])
        setRow(r.conversation)
      },
    })
    replaceChildren(composerSlot, [composer.element])
    void load(conversationId, true)
  }

  /** A realtime frame for any conversation; only this one's are applied. */
  const applyFrame = (frame: StaffFrame) => {
    if (frame._tag === "Ready" || frame.conversationId !== id) return
    // Who is viewing or typing may arrive before the conversation itself has loaded.
    if (frame._tag === "Typing") {
      if (frame.who !== "customer") return
      customerTyping = true
      renderActivity()
      clearTimeout(typingTimer)
      typingTimer = setTimeout(() => {
        customerTyping = false
        renderActivity()
      }, 4000)
      return
    }
    if (frame._tag === "Viewing") {
      viewers = frame.staffIds
      renderActivity()
      return
    }
    if (detail === null) return
    if (frame._tag === "DeliveryUpdated") {
      thread.updateDelivery(frame.seq, frame.delivery)
      return
    }
    if (frame._tag === "Presence") {
      // The core's rule, on the conversation as the frame leaves it. @see R8, R9
      detail = { ...detail, presence: Presence.presenceNotice({ ...detail, customerOnline: frame.online }) }
      renderHeader()
      return
    }
    if (frame._tag !== "Committed") return
    if (frame.seq > thread.lastSeq() + 1 && thread.lastSeq() > 0) {
      // A gap (missed frames): the server's thread is the truth.
      void load(detail.conversationId, true)
      return
    }
    thread.add([{ seq: frame.seq, event: frame.event, delivery: null, notice: null }])
    if (frame.event._tag === "CustomerMessageReceived") {
      customerTyping = false
      renderActivity()
    }
    if (frame.row.version >= detail.version) detail = { ...detail, ...frame.row }
    if (frame.event._tag === "TopicDetected") detail = { ...detail, latestTopic: frame.event.topic }
    renderHeader()
    if (frame.event._tag === "CustomerMessageReceived" && document.visibilityState === "visible") {
      const cid = detail.conversationId
      void act(() => Api.markRead(cid))
    }
    if (frame.event._tag !== "ConversationRead" && frame.event._tag !== "ConversationMarkedUnread")
      reloadProfileSoon()
  }

  /** After a reconnect: fetch what frames may have missed. */
  const refresh = () => {
    if (id !== null) void load(id, false)
  }

  const rerender = () => {
    renderHeader()
    profile.render()
    if (id !== null) {
      const cid = id
      id = null
      open(cid)
    }
  }

  replaceChildren(main, [empty()])
  profile.element.hidden = true
  return { element, open, applyFrame, refresh, rerender, current: () => id, focus: () => main.focus() }
}
