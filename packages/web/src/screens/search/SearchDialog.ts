/**
 * Conversation search across customer names, emails and message texts, with the matching words marked.
 * Matches are rendered as text nodes inside <mark>: nothing a customer wrote is ever parsed as HTML.
 */
import "../../styles/tools.css"
import type { SearchResult } from "@inbox/core/wire"
import * as Api from "../../api/merchant.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { searchInput } from "../../components/SearchInput.ts"
import { errorText, shortTime, ui } from "../../i18n/Locale.ts"

type Highlighted = SearchResult["customerName"]

export const searchConversations = (q: string, signal?: AbortSignal) => Api.search(q, signal)

/** Plain parts as text, matching parts in <mark>, with an ellipsis where the text was clipped. */
export const marked = (x: Highlighted): ReadonlyArray<Node | string> => [
  x.clippedStart ? "…" : "",
  ...x.parts.map((p) => (p.hit ? h("mark", null, p.text) : p.text)),
  x.clippedEnd ? "…" : "",
]

export const openSearch = (onOpen: (conversationId: string) => void): void => {
  const t = ui().search
  let controller: AbortController | null = null
  const status = h("p", { class: "dialog__hint", role: "status", "aria-live": "polite" })
  const results = h("ul", { class: "search-results", "aria-label": t.results })

  const render = (found: ReadonlyArray<SearchResult>) => {
    status.textContent = t.count(found.length)
    replaceChildren(
      results,
      found.map((r) =>
        h(
          "li",
          null,
          h(
            "button",
            {
              type: "button",
              class: "search-result",
              onclick: () => {
                dialog.close()
                onOpen(r.conversationId)
              },
            },
            h(
              "span",
              { class: "search-result__who" },
              h("strong", null, ...marked(r.customerName)),
              r.email ? h("span", { class: "search-result__email" }, ...marked(r.email)) : null,
              r.status === "open" ? null : h("span", { class: "badge" }, t.status[r.status]),
              h("time", { class: "search-result__time" }, shortTime(r.lastActivityAt)),
            ),
            ...r.messages.map((m) =>
              h(
                "span",
                { class: "search-result__message" },
                h("span", { class: "visually-hidden" }, `${t.author[m.author]}: `),
                ...marked(m.text),
              ),
            ),
          ),
        ),
      ),
    )
  }

  const run = async (q: string) => {
    controller?.abort()
    if (q.trim() === "") {
      status.textContent = ""
      results.replaceChildren()
      return
    }
    controller = new AbortController()
    try {
      render((await searchConversations(q.trim(), controller.signal)).results)
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") return
      status.textContent = errorText(e)
    }
  }

  const input = searchInput(t.label, (term) => void run(term))
  const dialog = openDialog(t.title, [
    input,
    status,
    results,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.close),
    ),
  ])
  input.focus()
}
