/**
 * The metrics page (a wide dialog over the inbox): a date range, the key figures, new conversations per day as a
 * bar chart, and the topics customers wrote about. Figures come from the core via GET /api/metrics.
 */
import "../../styles/tools.css"
import * as Api from "../../api/merchant.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { domain, errorText, locale, ui } from "../../i18n/Locale.ts"
import { barChart } from "./Chart.ts"
import { duration } from "./Duration.ts"

type Range = "today" | "yesterday" | "7d" | "30d" | "last_month" | "custom"

export const fetchMetrics = (range: Range, from?: string, to?: string) => {
  return Api.metrics(range === "custom" && from && to ? { range, from, to } : { range })
}

export const openMetrics = (): void => {
  const t = ui().metrics
  let range: Range = "7d"
  const error = h("p", { class: "dialog__error", role: "alert" })
  const body = h("div", { class: "metrics", "aria-live": "polite", "aria-busy": "true" })
  const from = h("input", { type: "date", class: "input", "aria-label": t.from })
  const to = h("input", { type: "date", class: "input", "aria-label": t.to })
  const custom = h("span", { class: "metrics__custom" }, from, to)
  custom.hidden = true
  const select = h(
    "select",
    {
      class: "select",
      "aria-label": t.range,
      onchange: () => {
        range = select.value as Range
        custom.hidden = range !== "custom"
        if (range !== "custom") void load()
      },
    },
    ...(["today", "yesterday", "7d", "30d", "last_month", "custom"] as const).map((r) =>
      h("option", { value: r, selected: r === range }, t.ranges[r]),
    ),
  )
  for (const input of [from, to])
    input.addEventListener("change", () => from.value && to.value && void load())

  const tile = (label: string, value: string) =>
    h(
      "div",
      { class: "metrics__tile" },
      h("span", { class: "metrics__label" }, label),
      h("strong", { class: "metrics__value" }, value),
    )

  const load = async () => {
    body.setAttribute("aria-busy", "true")
    try {
      const { metrics: m } = await fetchMetrics(range, from.value, to.value)
      error.textContent = ""
      const fmt = new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", timeZone: "UTC" })
      const bars = m.perDay.map((d) => {
        const label = fmt.format(new Date(`${d.day}T00:00:00Z`))
        return { label, value: d.newConversations, title: t.perDayTitle(label, d.newConversations) }
      })
      const topicMax = Math.max(1, ...m.topics.map((x) => x.count))
      const topicName = (id: string) => (domain().topics as Record<string, string>)[id] ?? id
      replaceChildren(body, [
        h(
          "div",
          { class: "metrics__tiles" },
          tile(t.newConversations, String(m.newConversations)),
          tile(t.withReply, String(m.conversationsWithReply)),
          tile(t.averageFirstResponse, duration(m.averageFirstResponseMs)),
          tile(t.medianFirstResponse, duration(m.medianFirstResponseMs)),
          tile(t.withOrder, String(m.conversationsWithOrder)),
        ),
        h("h3", { class: "metrics__heading" }, t.perDay),
        barChart(bars, t.perDay, t.chartDescription(m.newConversations, bars.length)),
        h("h3", { class: "metrics__heading" }, t.topics),
        m.topics.length === 0
          ? h("p", { class: "dialog__hint" }, t.noTopics)
          : h(
              "ul",
              { class: "metrics__topics", "aria-label": t.topics },
              m.topics.map((x) =>
                h(
                  "li",
                  { class: "metrics__topic" },
                  h("span", { class: "metrics__topic-name" }, topicName(x.topic)),
                  h("span", {
                    class: "metrics__topic-bar",
                    style: `inline-size: ${Math.round((x.count / topicMax) * 100)}%`,
                    "aria-hidden": "true",
                  }),
                  h("span", { class: "metrics__topic-count" }, String(x.count)),
                ),
              ),
            ),
      ])
    } catch (e) {
      error.textContent = errorText(e)
    } finally {
      body.setAttribute("aria-busy", "false")
    }
  }

  const dialog = openDialog(t.title, [
    h("div", { class: "metrics__controls" }, select, custom),
    error,
    body,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.close),
    ),
  ])
  dialog.element.classList.add("dialog--wide")
  void load()
}
