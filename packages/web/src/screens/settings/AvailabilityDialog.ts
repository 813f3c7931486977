/**
 * The shop's availability hours per weekday in its time zone (or always available) and its optional automatic
 * first replies inside and outside hours, in English (also for any other language) and in French: the shopper
 * gets the one in their language. Times are chosen on the 24-hour clock and the zone from the known zones.
 */
import "../../styles/tools.css"
import { Availability } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h } from "../../components/element.ts"
import { toast } from "../../components/Toast.ts"
import { errorText, ui } from "../../i18n/Locale.ts"

const DEFAULT_DAY = { from: 9 * 60, to: 18 * 60 }
const STEP = 15

/** Every quarter hour of a day as "HH:MM" (24-hour, whatever the browser's own format), plus `extra`. */
const clockSelect = (label: string, value: number, closing: boolean) => {
  const minutes = Array.from({ length: (24 * 60) / STEP }, (_, i) => i * STEP)
  if (closing) minutes.push(24 * 60)
  if (!minutes.includes(value)) minutes.push(value)
  minutes.sort((a, b) => a - b)
  return h(
    "select",
    { class: "select", "aria-label": label },
    minutes.map((m) =>
      h("option", { value: m, selected: m === value }, m === 24 * 60 ? "24:00" : Availability.formatClock(m)),
    ),
  )
}

/** The zones the browser knows, the shop's own first if it is not among them. */
const zoneSelect = (current: string) => {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []
  const zones = known.includes(current) ? known : [current, ...known]
  return h(
    "select",
    { class: "select", id: "hours-zone" },
    zones.map((z) => h("option", { value: z, selected: z === current }, z.replaceAll("_", " "))),
  )
}

const text = (id: string, value: string | null | undefined) => {
  const area = h("textarea", { class: "input", id, rows: 2 })
  area.value = value ?? ""
  return area
}

export const openAvailabilitySettings = async (): Promise<void> => {
  const t = ui().availability
  let current: Api.AvailabilitySettings
  try {
    current = await Api.availabilitySettings()
  } catch (e) {
    toast(errorText(e), "error")
    return
  }
  const weekly = current.availability._tag === "WeeklyHours" ? current.availability : null
  const error = h("p", { class: "dialog__error", role: "alert" })
  const always = h("input", { type: "checkbox", id: "hours-always", checked: weekly === null })
  const zone = zoneSelect(weekly?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)
  const days = t.days.map((name, i) => {
    const first = weekly?.days[i]?.[0] ?? (weekly === null && i < 5 ? DEFAULT_DAY : null)
    const open = h("input", { type: "checkbox", checked: first !== null, "aria-label": t.closedDay(name) })
    const from = clockSelect(t.from(name), first?.from ?? DEFAULT_DAY.from, false)
    const to = clockSelect(t.to(name), first?.to ?? DEFAULT_DAY.to, true)
    return {
      open,
      from,
      to,
      row: h("div", { class: "hours-form__day" }, h("label", null, open, ` ${name}`), from, to),
    }
  })
  const french = current.byLanguage?.fr
  const replies = {
    en: {
      inside: text("auto-inside", current.insideHours),
      outside: text("auto-outside", current.outsideHours),
    },
    fr: {
      inside: text("auto-inside-fr", french?.insideHours),
      outside: text("auto-outside-fr", french?.outsideHours),
    },
  }
  const hours = h(
    "fieldset",
    null,
    h("legend", null, t.hours),
    h("label", { class: "label", for: "hours-zone" }, t.timeZone),
    zone,
    ...days.map((d) => d.row),
  )
  const sync = () => {
    hours.disabled = always.checked
  }
  always.addEventListener("change", sync)
  sync()
  const language = (lang: "en" | "fr", legend: string) =>
    h(
      "fieldset",
      { lang },
      h("legend", null, legend),
      h("label", { class: "label", for: replies[lang].inside.id }, t.inside),
      replies[lang].inside,
      h("label", { class: "label", for: replies[lang].outside.id }, t.outside),
      replies[lang].outside,
    )
  const value = (area: HTMLTextAreaElement) => area.value.trim() || null

  const form = h(
    "form",
    {
      class: "hours-form",
      "aria-label": t.title,
      onsubmit: async (e: Event) => {
        e.preventDefault()
        const availability: Api.AvailabilitySettings["availability"] = always.checked
          ? { _tag: "AlwaysAvailable" }
          : {
              _tag: "WeeklyHours",
              timeZone: zone.value,
              days: days.map((d) => {
                const from = Number(d.from.value)
                const to = Number(d.to.value)
                if (!d.open.checked) return []
                // A closing time at or before the opening one runs to midnight.
                return [{ from, to: to > from ? to : 1440 }]
              }),
            }
        try {
          await Api.saveAvailabilitySettings({
            availability,
            insideHours: value(replies.en.inside),
            outsideHours: value(replies.en.outside),
            byLanguage: {
              fr: { insideHours: value(replies.fr.inside), outsideHours: value(replies.fr.outside) },
            },
          })
          dialog.close()
          toast(t.saved)
        } catch (err) {
          error.textContent = errorText(err)
        }
      },
    },
    error,
    h("label", { class: "label" }, always, ` ${t.always}`),
    hours,
    h("p", { class: "dialog__hint" }, t.hint),
    language("en", t.english),
    language("fr", t.french),
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.cancel),
      h("button", { type: "submit", class: "button button--primary" }, t.save),
    ),
  )
  const dialog = openDialog(t.title, [form])
}
