/**
 * The shop's availability hours per weekday in its time zone (or always available) and its two optional
 * automatic first replies, edited in one dialog.
 */
import "../../styles/tools.css"
import { Availability } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h } from "../../components/element.ts"
import { toast } from "../../components/Toast.ts"
import { errorText, ui } from "../../i18n/Locale.ts"

const DEFAULT_DAY = { from: 9 * 60, to: 18 * 60 }

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
  const zone = h("input", {
    class: "input",
    id: "hours-zone",
    value: weekly?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  })
  const days = t.days.map((name, i) => {
    const first = weekly?.days[i]?.[0] ?? (weekly === null && i < 5 ? DEFAULT_DAY : null)
    const open = h("input", { type: "checkbox", checked: first !== null, "aria-label": t.closedDay(name) })
    const from = h("input", {
      type: "time",
      class: "input",
      value: Availability.formatClock(first?.from ?? DEFAULT_DAY.from),
      "aria-label": t.from(name),
    })
    const to = h("input", {
      type: "time",
      class: "input",
      value: Availability.formatClock(Math.min(first?.to ?? DEFAULT_DAY.to, 1439)),
      "aria-label": t.to(name),
    })
    return {
      open,
      from,
      to,
      row: h("div", { class: "hours-form__day" }, h("label", null, open, ` ${name}`), from, to),
    }
  })
  const inside = h("textarea", { class: "input", id: "auto-inside", rows: 2 })
  inside.value = current.insideHours ?? ""
  const outside = h("textarea", { class: "input", id: "auto-outside", rows: 2 })
  outside.value = current.outsideHours ?? ""
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
              timeZone: zone.value.trim(),
              days: days.map((d) => {
                const from = Availability.parseClock(d.from.value)
                const to = Availability.parseClock(d.to.value)
                if (!d.open.checked || from === null || to === null) return []
                // A closing time at or before the opening one runs to midnight.
                return [{ from, to: to > from ? to : 1440 }]
              }),
            }
        try {
          await Api.saveAvailabilitySettings({
            availability,
            insideHours: inside.value.trim() || null,
            outsideHours: outside.value.trim() || null,
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
    h("label", { class: "label", for: "auto-inside" }, t.inside),
    inside,
    h("label", { class: "label", for: "auto-outside" }, t.outside),
    outside,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.cancel),
      h("button", { type: "submit", class: "button button--primary" }, t.save),
    ),
  )
  const dialog = openDialog(t.title, [form])
}
