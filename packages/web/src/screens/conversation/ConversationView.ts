/**
 * One conversation: the header (name, Online or the offline email notice R8/R9, cart subtotal and
 * quantities R7, status R3, mark unread R4, assignee R19), the live thread, the composer and the
 * customer profile panel.
 * Longer than most modules because the header, thread,
 * composer and panel all redraw from the one open conversation's state kept here.
 */
import { Presence } from "@inbox/core"
import { initialDelivery } from "@inbox/core/wire"
import * as Api from "../../api/merchant.ts"
import type { ConversationDetail, InboxRow, StaffFrame, StaffSummary, ThreadItem } from "../../api/types.ts"
import { avatar } from "../../components/Avatar.ts"
import { formatMoney } from "../../components/Cards.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { menuButton } from "../../components/Menu.ts"
import { toast } from "../../components/Toast.ts"
import { domain, errorText, ui } from "../../i18n/Locale.ts"
import { openAssignDialog } from "../assignment/AssignDialog.ts"
import { createProfilePanel } from "../profile/ProfilePanel.ts"
import { openChannelSettings } from "../settings/ChannelsDialog.ts"
import { blockItem } from "./BlockSender.ts"
import { createComposer } from "./Composer.ts"
import { createThread } from "./Thread.ts"
import { viewingAvatars } from "./ViewingAvatars.ts"

export interface ConversationViewOptions {
  readonly me: StaffSummary
  readonly staff: () => ReadonlyArray<StaffSummary>
  /** A fresher row of this conversation (after an action or a frame), for the list. */
  readonly onRow: (row: InboxRow) => void
  readonly onBack: () => void
  /** The person asked to open or close the customer profile (the inbox owns the address). */
  readonly onProfile: (open: boolean) => void
  readonly sendViewing: (conversationId: string | null) => void
  readonly sendTyping: (conversationId: string) => void
}

/** One screen at a time below this width: list, conversation or profile. */
export const PHONE = "(max-width: 900px)"

export const createConversationView = (options: ConversationViewOptions) => {
  const { me } = options
  let detail: ConversationDetail | null = null
  let id: string | null = null
  let profileOpen = false
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
  const profile = createProfilePanel(() => options.onProfile(false))
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
  // Escape closes the profile: anywhere on a phone (it is the whole screen), from inside it on a desktop.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || e.defaultPrevented || !profileOpen || id === null) return
    if (document.querySelector("dialog[open]") !== null) return
    if (!window.matchMedia(PHONE).matches && !profile.element.contains(document.activeElement)) return
    e.preventDefault()
    options.onProfile(false)
  })

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
        : null
    const notice =
      presence._tag === "offline_email"
        ? h("p", { class: "offline-notice" }, domain().presence.offlineEmail(presence.email))
        : presence._tag === "offline_no_email"
          ? h("p", { class: "offline-notice" }, domain().presence.offlineNoEmail)
          : null
    const closed = d.status === "closed"
    const assignee = d.assignee === null ? null : options.staff().find((s) => s.id === d.assignee)
    const assigneeName =
      d.assignee === null ? null : d.assignee === me.id ? t.you : (assignee?.name ?? t.staff)
    const assign = () =>
      openAssignDialog({
        staff: options.staff(),
        me,
        current: d.assignee,
        onPick: (staffId) => {
          const cid = d.conversationId
          void act(() => (staffId === null ? Api.unassign(cid) : Api.assign(cid, staffId)))
        },
      })
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
          // The name is the way to the customer's profile, as in the product.
          h(
            "h2",
            { id: "convo-title", class: "convo__name" },
            h(
              "button",
              {
                type: "button",
                class: "convo__name-button",
                "aria-expanded": profileOpen ? "true" : "false",
                "aria-controls": "profile-panel",
                "aria-describedby": "convo-name-hint",
                "data-focus-key": "name",
                onclick: () => options.onProfile(!profileOpen),
              },
              d.customerName,
            ),
          ),
          h("span", { id: "convo-name-hint", class: "visually-hidden" }, t.nameOpensProfile),
          presenceView,
          closed
            ? h("span", { class: "badge badge--closed" }, icon(icons.check, 14), domain().status.closed)
            : null,
        ),
        h(
          "div",
          { class: "convo__actions" },
          h(
            "button",
            {
              type: "button",
              class: `assignee-button${d.assignee === null ? " assignee-button--none" : ""}`,
              "aria-label": assigneeName === null ? t.assignNobody : t.assignedTo(assigneeName),
              title: assigneeName === null ? t.assignNobody : t.assignedTo(assigneeName),
              "data-focus-key": "assignee",
              "aria-haspopup": "dialog",
              onclick: assign,
            },
            assignee
              ? avatar(assignee.name, "small")
              : h(
                  "span",
                  { class: "avatar avatar--small avatar--none", "aria-hidden": "true" },
                  icon(icons.person, 14),
                ),
            h("span", { class: "assignee-button__name" }, assigneeName ?? t.assign),
          ),
          h(
            "button",
            {
              type: "button",
              class: `button status-button${closed ? " status-button--closed" : ""}`,
              "aria-label": closed ? t.reopen : t.close,
              "data-focus-key": "status",
              onclick: () => void act(() => Api.setStatus(d.conversationId, closed ? "open" : "closed")),
            },
            // Open: an empty circle to tick; closed: the tick, and the word to undo it.
            closed ? icon(icons.circle, 16) : icon(icons.checkCircle, 16),
            h("span", { class: "status-button__label" }, closed ? t.reopenShort : t.closeShort),
          ),
          menuButton(t.more, icon(icons.more), () => [
            {
              label: t.markUnread,
              run: () => void act(() => Api.markUnread(d.conversationId), t.markedUnread),
            },
            {
              label: profileOpen ? t.hideProfile : t.showProfile,
              run: () => options.onProfile(!profileOpen),
            },
            { label: t.assignMenu, run: assign },
            blockItem(d, act),
          ]),
        ),
      ),
      notice,
      d.cart ? cartLine(d.cart) : null,
    ])
  }

  /** The cart as one line (subtotal and quantities) that opens on the items; open by default on a desktop. */
  const cartLine = (cart: NonNullable<ConversationDetail["cart"]>) => {
    const t = ui().conversation
    const count = cart.items.reduce((n, i) => n + i.quantity, 0)
    const wasOpen = header.querySelector<HTMLDetailsElement>(".cart-header")?.open
    return h(
      "details",
      {
        class: "cart-header",
        open: wasOpen ?? !window.matchMedia(PHONE).matches,
        role: "group",
        "aria-label": t.cart,
      },
      h(
        "summary",
        { class: "cart-header__summary" },
        h("span", { class: "cart-header__total" }, t.cartSubtotal(formatMoney(cart.subtotal))),
        h("span", { class: "cart-header__count" }, t.cartItems(count)),
      ),
      h(
        "ul",
        { class: "cart-header__items" },
        cart.items.map((i) => h("li", null, `${i.quantity} × ${i.title}`)),
      ),
    )
  }

  const reloadProfileSoon = () => {
    clearTimeout(profileTimer)
    profileTimer = setTimeout(() => {
      if (detail) void profile.load(detail.customerId, detail.conversationId)
    }, 300)
  }

  let composer: ReturnType<typeof createComposer> | null = null

  /** Asks where a reply would go now (R2); a failure leaves the line out rather than blocking the reply. */
  const refreshDestination = async (conversationId: string) => {
    try {
      const d = await Api.destination(conversationId)
      if (id === conversationId) composer?.setDestination(d)
    } catch {
      if (id === conversationId) composer?.setDestination(null)
    }
  }

  const load = async (conversationId: string, reset: boolean) => {
    void refreshDestination(conversationId)
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
    composer = createComposer({
      typing: () => options.sendTyping(conversationId),
      openChannels: () => void openChannelSettings(),
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
      void refreshDestination(detail.conversationId)
      return
    }
    if (frame._tag !== "Committed") return
    if (frame.seq > thread.lastSeq() + 1 && thread.lastSeq() > 0) {
      // A gap (missed frames): the server's thread is the truth.
      void load(detail.conversationId, true)
      return
    }
    // A new reply starts where the server's thread starts it: an email or platform reply is queued (Sending…)
    // until its delivery frame says sent, so nothing reads as sent before it is.
    thread.add([{ seq: frame.seq, event: frame.event, delivery: initialDelivery(frame.event), notice: null }])
    // A customer message (Meta's window) or presence change moves where the next reply goes.
    if (frame.event._tag.startsWith("Customer")) void refreshDestination(detail.conversationId)
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

  /** Shows or hides the profile; on a phone focus moves to the screen that is now shown. */
  const setProfile = (open: boolean) => {
    if (open === profileOpen) return
    profileOpen = open
    element.classList.toggle("convo-wrap--profile", profileOpen && id !== null)
    renderHeader()
    if (window.matchMedia(PHONE).matches) {
      if (open) profile.focus()
      else header.querySelector<HTMLElement>(".convo__name-button")?.focus()
    }
  }

  replaceChildren(main, [empty()])
  profile.element.hidden = true
  return {
    element,
    open,
    setProfile,
    applyFrame,
    refresh,
    rerender,
    current: () => id,
    focus: () => main.focus(),
    /** The reply box, for the keyboard shortcut. */
    focusComposer: () => composerSlot.querySelector<HTMLElement>("textarea")?.focus(),
    /** Runs a header action by its focus key (keyboard shortcuts): status, assignee. */
    press: (key: "status" | "assignee") =>
      header.querySelector<HTMLElement>(`[data-focus-key="${key}"]`)?.click(),
  }
}
