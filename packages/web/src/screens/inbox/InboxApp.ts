/**
 * The signed-in inbox: list and conversation side by side on a desktop, as two screens on a phone,
 * kept live by the shop's realtime socket (replayed from the last shop sequence number on reconnect).
 * New customer messages raise a desktop notification and the unread count in the tab title.
 */

import { Conversation } from "@inbox/core"
import * as Wire from "@inbox/core/wire"
import { framesOf, pathOf } from "../../api/client.ts"
import { socketUrl } from "../../api/http.ts"
import type { ListQuery } from "../../api/merchant.ts"
import * as Api from "../../api/merchant.ts"
import type { InboxRow, Session, StaffFrame, StaffSummary } from "../../api/types.ts"
import { setPrimaryStorefront } from "../../components/Cards.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { toast } from "../../components/Toast.ts"
import { errorText, onLocaleChange, ui } from "../../i18n/Locale.ts"
import { connect, type Socket } from "../../realtime/Socket.ts"
import { createConversationView, PHONE } from "../conversation/ConversationView.ts"
import { chime, notificationText } from "../notifications/NotificationSettings.ts"
import { enablePush } from "../notifications/Push.ts"
import { createConversationList } from "./ConversationList.ts"
import * as Route from "./Route.ts"
import { listenShortcuts, openShortcutsHelp } from "./Shortcuts.ts"
import { topBar } from "./TopBar.ts"

const merchantFrames = framesOf(Wire.Api.realtime.merchant)

/** Starts the inbox; the returned function stops its socket and listeners (on sign-out). */
export const startInbox = (root: HTMLElement, session: Session, onSignedOut: () => void): (() => void) => {
  const me = session.staff
  // Catalogue paths (`/products/linen-shirt`) open on the shop's primary storefront, once it is known.
  void Api.storefrontSettings().then(
    (s) => setPrimaryStorefront(s.allowedOrigins[0] ?? null),
    () => {},
  )
  let staff: ReadonlyArray<StaffSummary> = [me]
  let rows: InboxRow[] = []
  let query: ListQuery = { status: "open", filter: null, topic: null, platform: null, q: "" }
  let nextCursor: string | null = null
  let loading = true
  // Links from before the inbox had paths (`#c=<id>`) still open their conversation.
  const legacy = new URLSearchParams(location.hash.slice(1)).get("c")
  let route: Route.Route =
    legacy === null ? Route.parse(location.pathname) : { view: "conversation", id: legacy }
  Route.replace(route)
  let selectedId: string | null = route.view === "list" ? null : route.id
  /** On a desktop the profile is a side panel the person keeps open or closed; wide screens start with it open. */
  let profileBeside = window.matchMedia("(min-width: 1200px)").matches
  /** The shop sequence number seen last; null until the first Ready, so the first connect replays nothing. */
  let lastShopSeq: number | null = null
  let socket: Socket<typeof Wire.MerchantClientFrame.Encoded> | null = null
  let refreshTimer: ReturnType<typeof setTimeout> | undefined
  let listRequest = 0

  const list = createConversationList({
    staffName: (id) => staff.find((s) => s.id === id)?.name,
    select: (id) => select(id),
    query: (q) => {
      query = q
      void loadList()
    },
    toggleStatus: (row) => swipeStatus(row, row.status === "open" ? "closed" : "open"),
    loadMore: () => void loadList(nextCursor),
  })

  const view = createConversationView({
    me,
    staff: () => staff,
    onRow: (row) => upsert(row),
    onBack: () => back({ view: "list" }),
    onProfile: (open) => {
      if (selectedId === null) return
      const id = selectedId
      if (window.matchMedia(PHONE).matches) {
        // On a phone the profile is a screen of its own: opening it is a step Back undoes.
        if (open) navigate({ view: "profile", id }, "push")
        else back({ view: "conversation", id })
        return
      }
      profileBeside = open
      navigate({ view: open ? "profile" : "conversation", id }, "replace")
    },
    sendViewing: (conversationId) => socket?.send({ _tag: "Viewing", conversationId }),
    sendTyping: (conversationId) => socket?.send({ _tag: "Typing", conversationId }),
  })

  const shell = h("div", { class: "inbox", "data-screen": route.view })
  // Shown only while the live connection is down; frames missed meanwhile are replayed on return.
  const connection = h("p", { class: "connection", role: "status", hidden: true })

  const renderShell = () => {
    replaceChildren(root, [
      h("a", { class: "skip-link", href: "#conversation-rows" }, ui().list.title),
      topBar(session, signOut, (id) => select(id)),
      connection,
      shell,
    ])
    replaceChildren(shell, [list.element, h("main", { class: "inbox__main" }, view.element)])
  }

  const renderList = () => list.render({ rows, query, selectedId, loading, hasMore: nextCursor !== null })

  const updateTitle = () => {
    const unread = rows.filter((r) => r.unread && r.status === "open").length
    document.title = `${unread > 0 ? `(${unread}) ` : ""}${ui().appName} · ${session.shop.name}`
  }

  const sortRows = () => rows.sort((a, b) => b.lastActivityAt - a.lastActivityAt)

  const upsert = (row: InboxRow) => {
    const i = rows.findIndex((r) => r.conversationId === row.conversationId)
    // Answers and frames can arrive out of order: an older version of a row never replaces a newer one.
    if (i >= 0 && rows[i]!.version > row.version) return
    if (i >= 0) rows[i] = row
    else rows.push(row)
    sortRows()
    renderList()
    updateTitle()
  }

  const loadList = async (cursor: string | null = null) => {
    const mine = ++listRequest
    loading = true
    renderList()
    try {
      const page = await Api.listConversations({ ...query, cursor })
      if (mine !== listRequest) return
      // A page requested before a change committed must not undo it: keep whichever row is newer.
      const known = new Map(rows.map((r) => [r.conversationId as string, r]))
      const fresh = page.rows.map((r) => {
        const local = known.get(r.conversationId)
        return local !== undefined && local.version > r.version ? local : r
      })
      rows = cursor ? [...rows, ...fresh] : fresh
      nextCursor = page.nextCursor
    } catch (e) {
      if ((e as { status?: number }).status === 401) {
        onSignedOut()
        return
      }
      toast(errorText(e), "error")
    } finally {
      if (mine === listRequest) {
        loading = false
        renderList()
        updateTitle()
      }
    }
  }

  /** A swipe closes or reopens at once and offers to undo it. @see R3 */
  const swipeStatus = (row: InboxRow, status: "open" | "closed") => {
    const t = ui().list
    void Api.setStatus(row.conversationId, status)
      .then((r) => {
        upsert(r.conversation)
        toast(
          status === "closed" ? t.closedToast(row.customerName) : t.reopenedToast(row.customerName),
          "info",
          {
            label: t.undo,
            run: () =>
              void Api.setStatus(row.conversationId, status === "closed" ? "open" : "closed")
                .then((back) => upsert(back.conversation))
                .catch((e) => toast(errorText(e), "error")),
          },
        )
      })
      .catch((e) => toast(errorText(e), "error"))
  }

  const refreshSoon = () => {
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => void loadList(), 400)
  }

  /** Shows a route; `push` makes it a step of the tab's history, `replace` rewrites the current one. */
  const navigate = (next: Route.Route, how: "push" | "replace" | "none") => {
    if (how === "push" && !Route.sameRoute(next, route)) Route.push(next)
    else if (how === "replace") Route.replace(next)
    apply(next)
  }

  /** Back within the inbox when this tab came from there; otherwise to `fallback` without leaving the inbox. */
  const back = (fallback: Route.Route) => {
    if (Route.depth() > 0) history.back()
    else navigate(fallback, "replace")
  }

  const apply = (next: Route.Route) => {
    const id = next.view === "list" ? null : next.id
    const changed = id !== selectedId
    route = next
    selectedId = id
    shell.dataset.screen = next.view
    if (changed) {
      const row = rows.find((r) => r.conversationId === id)
      if (row?.unread) upsert({ ...row, unread: false })
      renderList()
      view.open(id)
    }
    view.setProfile(next.view === "profile")
    // On a phone the list is hidden now: focus follows the screen the person is on.
    if (changed && id !== null && window.matchMedia(PHONE).matches) view.focus()
    if (id === null) {
      const again = list.element.querySelector<HTMLElement>(".row--selected, .row")
      again?.focus()
    }
  }

  /** A conversation chosen in the list, a notification or a search result. */
  const select = (id: string) => {
    const wide = !window.matchMedia(PHONE).matches
    navigate({ view: wide && profileBeside ? "profile" : "conversation", id }, "push")
  }

  /** The visible list, in order, for next/previous. */
  const visibleRows = () => [...list.element.querySelectorAll<HTMLElement>("[data-conversation-id]")]
  const stopShortcuts = listenShortcuts((action) => {
    if (action === "help") return openShortcutsHelp()
    if (action === "filter") return list.element.querySelector<HTMLElement>(".search__input")?.focus()
    if (action === "next" || action === "previous") {
      const ids = visibleRows().map((r) => r.dataset.conversationId ?? "")
      const at = selectedId === null ? -1 : ids.indexOf(selectedId)
      const next = ids[action === "next" ? at + 1 : at <= 0 ? 0 : at - 1]
      if (next) {
        select(next)
        list.element.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(next)}"]`)?.focus()
      }
      return
    }
    if (selectedId === null) return
    if (action === "reply") view.focusComposer()
    else view.press(action === "status" ? "status" : "assignee")
  })

  const onPopState = () => apply(Route.parse(location.pathname))
  window.addEventListener("popstate", onPopState)

  const notify = (conversationId: string, text: string) => {
    if (!("Notification" in window) || Notification.permission !== "granted") return
    if (!document.hidden && conversationId === selectedId) return
    const name = rows.find((r) => r.conversationId === conversationId)?.customerName ?? ""
    const n = new Notification(ui().newMessage(name), { body: text, tag: conversationId })
    n.onclick = () => {
      window.focus()
      select(conversationId)
    }
  }

  const onFrame = (frame: StaffFrame) => {
    if (frame._tag === "Ready") {
      lastShopSeq = Math.max(lastShopSeq ?? 0, frame.shopSeq)
    } else if (frame._tag === "Committed") {
      lastShopSeq = Math.max(lastShopSeq ?? 0, frame.shopSeq)
      // The frame's row is already as this staff member sees it; the open conversation is being read.
      const reading = frame.conversationId === selectedId && !document.hidden
      const previous = rows.find((r) => r.conversationId === frame.conversationId)
      const known = previous !== undefined
      const unfiltered =
        query.filter === null && query.topic === null && query.platform === null && query.q.trim() === ""
      const listStatus = Conversation.listOf(frame.row)
      if (known || (unfiltered && listStatus === query.status))
        upsert(reading ? { ...frame.row, unread: false } : frame.row)
      // The person's notification settings decide (a blocked sender's messages never notify).
      const text = notificationText(frame, previous, session.staff.id)
      if (text !== null) {
        if (document.hidden) chime()
        notify(frame.conversationId, text)
      }
      // Filters and search are the server's to apply: the list is re-read shortly after a burst of frames.
      if (!unfiltered || !known) refreshSoon()
    } else if (frame._tag === "Presence") {
      const existing = rows.find((r) => r.conversationId === frame.conversationId)
      if (existing && frame.online) upsert({ ...existing, presence: { _tag: "online" } })
      else refreshSoon()
    }
    view.applyFrame(frame)
  }

  const signOut = async () => {
    await Api.logout().catch(() => undefined)
    onSignedOut()
  }

  renderShell()
  renderList()
  updateTitle()
  // A browser that already allowed notifications keeps its push subscription current (keys, language).
  void enablePush()
  view.open(selectedId)
  view.setProfile(route.view === "profile")
  void loadList()
  void Api.assignableStaff()
    .then((r) => {
      staff = r.staff
      // Rows name who holds each conversation once the names are known.
      renderList()
      view.rerender()
    })
    .catch(() => undefined)
  socket = connect({
    url: () =>
      socketUrl(
        pathOf(Wire.Api.realtime.merchant, {}, lastShopSeq === null ? {} : { since: String(lastShopSeq) }),
      ),
    frames: merchantFrames,
    onFrame,
    // The room learns which conversation this tab has open on every (re)connect.
    onStatus: (status) => {
      if (status === "open") socket?.send({ _tag: "Viewing", conversationId: view.current() })
      // A first connection attempt is not news; a lost one is.
      connection.hidden = status !== "closed"
      connection.textContent = status === "closed" ? ui().errors.reconnecting : ""
    },
    onReconnect: () => {
      void loadList()
      view.refresh()
    },
  })
  const unsubscribe = onLocaleChange(() => {
    renderShell()
    renderList()
    updateTitle()
    view.rerender()
  })
  return () => {
    window.removeEventListener("popstate", onPopState)
    stopShortcuts()
    unsubscribe()
    socket?.close()
    socket = null
  }
}
