/**
 * The merchant's conversation list: Open/Closed/Blocked tabs, filters (unread, mine, unassigned, topic,
 * channel), a name-or-email filter and one row per conversation with its channel, unread marker, Online
 * indicator (R8), up to two topic chips (R12), who holds it (R19) and the last message. On touch screens a
 * horizontal swipe reveals and then does Close or Reopen (R3), with an Undo.
 */
import { Conversation, Platform, Topic } from "@inbox/core"
import type { ListQuery } from "../../api/merchant.ts"
import type { InboxRow, TopicId } from "../../api/types.ts"
import { avatar } from "../../components/Avatar.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { domain, locale, shortTime, ui } from "../../i18n/Locale.ts"
import { unreadCount } from "./UnreadCount.ts"

export interface ListModel {
  readonly rows: ReadonlyArray<InboxRow>
  readonly query: ListQuery
  readonly selectedId: string | null
  readonly loading: boolean
  readonly hasMore: boolean
}

export interface ListActions {
  /** A colleague's name by staff id, for the assignee shown on each row. */
  readonly staffName: (id: string) => string | undefined
  readonly select: (id: string) => void
  readonly query: (q: ListQuery) => void
  readonly toggleStatus: (row: InboxRow) => void
  readonly loadMore: () => void
}

const SWIPE_PX = 80

/** The channel's icon, drawn on every row; its name is said in text beside it. */
export const platformIcon = (platform: Platform.Platform) =>
  ({
    online_store_chat: icons.storefront,
    email: icons.email,
    shop_app: icons.bag,
    messenger: icons.messenger,
    instagram: icons.instagram,
  })[platform]

export const createConversationList = (actions: ListActions) => {
  const element = h("section", { class: "list", "aria-labelledby": "list-title" })
  let model: ListModel | null = null
  let searchTimer: ReturnType<typeof setTimeout> | undefined

  const chip = (topic: TopicId) => h("span", { class: "chip" }, domain().topics[topic])

  const rowView = (row: InboxRow, selected: boolean) => {
    const t = ui().list
    const online = row.presence._tag === "online"
    const author = row.lastMessage?.author
    const preview = row.lastMessage
      ? `${author === "merchant" ? t.you : author === "automatic" ? t.automatic : ""}${row.lastMessage.text}`
      : ""
    const holder =
      row.assignee === null || row.assignedToMe ? null : (actions.staffName(row.assignee) ?? null)
    const button = h(
      "button",
      {
        type: "button",
        class: `row${row.unread ? " row--unread" : ""}${selected ? " row--selected" : ""}`,
        "aria-current": selected ? "true" : null,
        "data-focus-key": `row-${row.conversationId}`,
        "data-conversation-id": row.conversationId,
        onclick: () => actions.select(row.conversationId),
      },
      h(
        "span",
        { class: "row__top" },
        h(
          "span",
          { class: `row__channel row__channel--${row.platform}`, title: domain().platforms[row.platform] },
          icon(platformIcon(row.platform), 14),
          h("span", { class: "visually-hidden" }, `${domain().platforms[row.platform]}: `),
        ),
        h("span", { class: "row__name" }, row.customerName),
        row.unread
          ? h("span", { class: "row__unread" }, h("span", { class: "visually-hidden" }, t.unreadMarker))
          : null,
        h(
          "time",
          { class: "row__time", datetime: new Date(row.lastActivityAt).toISOString() },
          shortTime(row.lastActivityAt),
        ),
      ),
      online ? h("span", { class: "presence presence--online" }, domain().presence.online) : null,
      h("span", { class: "row__preview" }, preview),
      row.topics.length > 0 || row.assignee !== null
        ? h(
            "span",
            { class: "row__meta" },
            row.topics.slice(0, Topic.MAX_TOPICS_SHOWN).map(chip),
            row.assignedToMe ? h("span", { class: "badge badge--mine" }, t.assignedToMe) : null,
            holder === null
              ? null
              : h(
                  "span",
                  { class: "row__assignee" },
                  avatar(holder, "small"),
                  h("span", { class: "visually-hidden" }, t.assignedTo),
                  h("span", null, holder),
                ),
          )
        : null,
    )
    // What a swipe does is drawn behind the row and uncovered as it moves.
    const closing = row.status === "open"
    const behind = h(
      "span",
      { class: `row__behind${closing ? "" : " row__behind--reopen"}`, "aria-hidden": "true" },
      icon(closing ? icons.checkCircle : icons.undo, 18),
      closing ? t.swipeClose : t.swipeReopen,
    )
    const item = h("li", { class: "list__item" }, behind, button)
    attachSwipe(button, item, () => actions.toggleStatus(row))
    return item
  }

  // Rows are kept while unchanged, so a frame for one conversation does not rebuild (and interrupt a
  // touch or hover on) every other row.
  const kept = new Map<string, { key: string; view: HTMLLIElement }>()
  const keptRow = (row: InboxRow, selected: boolean): HTMLLIElement => {
    const key = `${locale()}|${selected}|${JSON.stringify(row)}`
    const found = kept.get(row.conversationId)
    if (found !== undefined && found.key === key) return found.view
    const view = rowView(row, selected)
    kept.set(row.conversationId, { key, view })
    return view
  }

  const render = (next: ListModel) => {
    const previous = model
    model = next
    const t = ui().list
    const q = next.query
    const tabs = ["open", "closed", "blocked"] as const
    // The Open tab counts what this person has unread among the conversations loaded.
    const unreadOpen =
      q.status === "open" ? next.rows.filter((r) => r.unread && Conversation.listOf(r) === "open").length : 0
    const tab = (status: (typeof tabs)[number], label: string) =>
      h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `tab-${status}`,
          "aria-selected": q.status === status ? "true" : "false",
          "aria-controls": "conversation-rows",
          tabindex: q.status === status ? 0 : -1,
          "data-focus-key": `tab-${status}`,
          class: "tabs__tab",
          onclick: () => actions.query({ ...q, status, cursor: null }),
          onkeydown: (e: KeyboardEvent) => {
            if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
              e.preventDefault()
              const step = e.key === "ArrowRight" ? 1 : tabs.length - 1
              const next = tabs[(tabs.indexOf(status) + step) % tabs.length] ?? "open"
              actions.query({ ...q, status: next, cursor: null })
            }
          },
        },
        label,
        status === "open" && unreadOpen > 0 ? unreadCount(unreadOpen) : null,
      )
    const filter = (value: "unread" | "mine" | "unassigned", label: string) =>
      h(
        "button",
        {
          type: "button",
          class: "filter",
          "aria-pressed": q.filter === value ? "true" : "false",
          "data-focus-key": `filter-${value}`,
          onclick: () => actions.query({ ...q, filter: q.filter === value ? null : value, cursor: null }),
        },
        label,
      )
    /** A select that narrows the list to one value of `ids`, or to all with the empty choice. */
    const choose = <Id extends string>(
      key: string,
      label: string,
      any: string,
      ids: ReadonlyArray<Id>,
      name: (id: Id) => string,
      current: Id | null,
      set: (id: Id | null) => ListQuery,
    ) =>
      h(
        "select",
        {
          class: "filter-select",
          "aria-label": label,
          "data-focus-key": key,
          onchange: (e: Event) => {
            const v = (e.target as HTMLSelectElement).value
            actions.query(set(ids.find((id) => id === v) ?? null))
          },
        },
        h("option", { value: "" }, any),
        ids.map((id) => h("option", { value: id, selected: current === id }, name(id))),
      )
    const channelSelect = choose(
      "channel",
      t.channel,
      t.anyChannel,
      Platform.PLATFORMS,
      (p) => domain().platforms[p],
      q.platform,
      (platform) => ({ ...q, platform, cursor: null }),
    )
    const topicSelect = choose(
      "topic",
      t.topic,
      t.anyTopic,
      Topic.TOPIC_IDS,
      (id) => domain().topics[id],
      q.topic,
      (topic) => ({ ...q, topic, cursor: null }),
    )
    const search = h("input", {
      type: "search",
      class: "search__input",
      "aria-label": t.search,
      placeholder: t.search,
      value: q.q,
      "data-focus-key": "search",
      oninput: (e: Event) => {
        const value = (e.target as HTMLInputElement).value
        clearTimeout(searchTimer)
        searchTimer = setTimeout(() => actions.query({ ...q, q: value, cursor: null }), 250)
      },
    })
    const filtered = q.filter !== null || q.topic !== null || q.platform !== null || q.q.trim() !== ""
    const rows = next.rows.filter((r) => Conversation.listOf(r) === q.status)
    const list =
      rows.length === 0 && !next.loading
        ? h("p", { class: "list__empty" }, filtered ? t.emptyFiltered : t.empty)
        : h(
            "ul",
            { class: "list__rows", role: "list", "aria-busy": next.loading ? "true" : "false" },
            rows.map((r) => keptRow(r, r.conversationId === next.selectedId)),
          )
    // The search box keeps its own value while typing: re-rendering it would move the caret.
    const keepSearch = previous !== null && element.querySelector(".search__input") === document.activeElement
    replaceChildren(element, [
      h(
        "header",
        { class: "list__header" },
        h("h1", { id: "list-title", class: "list__title" }, t.title),
        h(
          "div",
          { class: "tabs", role: "tablist", "aria-label": t.tabs },
          tab("open", t.open),
          tab("closed", t.closed),
          tab("blocked", ui().block.tab),
        ),
        h(
          "div",
          { class: "search" },
          icon(icons.search, 16),
          keepSearch ? element.querySelector(".search__input")! : search,
        ),
        h(
          "div",
          { class: "filters", role: "group", "aria-label": t.filters },
          filter("unread", t.unread),
          filter("mine", t.mine),
          filter("unassigned", t.unassigned),
          topicSelect,
          channelSelect,
        ),
      ),
      h(
        "div",
        {
          id: "conversation-rows",
          role: "tabpanel",
          "aria-labelledby": `tab-${q.status}`,
          class: "list__panel",
        },
        list,
        next.hasMore
          ? h(
              "button",
              { type: "button", class: "button button--plain list__more", onclick: actions.loadMore },
              t.loadMore,
            )
          : null,
        h("p", { class: "list__hint" }, t.swipeHint),
      ),
    ])
    if (keepSearch) (element.querySelector(".search__input") as HTMLInputElement | null)?.focus()
  }

  return { element, render }
}

/**
 * A horizontal swipe on a touch screen toggles the conversation's status; a tap still opens it. The row slides
 * over `track`, which shows what letting go will do once the swipe is far enough.
 */
const attachSwipe = (el: HTMLElement, track: HTMLElement, onSwipe: () => void) => {
  let startX = 0
  let startY = 0
  let dx = 0
  el.addEventListener(
    "touchstart",
    (e) => {
      const t = e.touches[0]
      if (!t) return
      startX = t.clientX
      startY = t.clientY
      dx = 0
    },
    { passive: true },
  )
  el.addEventListener(
    "touchmove",
    (e) => {
      const t = e.touches[0]
      if (!t) return
      dx = t.clientX - startX
      if (Math.abs(dx) > Math.abs(t.clientY - startY)) {
        // A horizontal swipe is ours: the browser must not start a scroll (and a fling) with it.
        e.preventDefault()
        el.style.transform = `translateX(${dx}px)`
        track.classList.toggle("list__item--swiping", dx !== 0)
        track.classList.toggle("list__item--armed", Math.abs(dx) >= SWIPE_PX)
      }
    },
    { passive: false },
  )
  el.addEventListener("touchend", (e) => {
    el.style.transform = ""
    track.classList.remove("list__item--swiping", "list__item--armed")
    if (Math.abs(dx) >= SWIPE_PX) {
      e.preventDefault()
      onSwipe()
    }
    dx = 0
  })
}
