/**
 * The staff member's notification settings (new conversation, new message on my conversations, assigned to
 * me), the rule that picks which realtime frames notify (core Notifications), and a short chime when the tab
 * is hidden.
 */
import { Conversation, Notifications } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { InboxRow, StaffFrame } from "../../api/types.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h } from "../../components/element.ts"
import { toast } from "../../components/Toast.ts"
import { errorText, ui } from "../../i18n/Locale.ts"

type Settings = Notifications.NotificationSettings

let settings: Settings = Notifications.DEFAULT_SETTINGS
let loaded: Promise<void> | null = null

const load = (): Promise<void> => {
  loaded ??= Api.notificationSettings().then(
    (s) => {
      settings = s
    },
    () => {
      loaded = null
    },
  )
  return loaded
}

/** The text to show for a committed frame, or null when it should not notify this person. */
export const notificationText = (
  frame: Extract<StaffFrame, { _tag: "Committed" }>,
  previous: InboxRow | undefined,
  me: string,
): string | null => {
  void load()
  const reason = Notifications.notificationFor(
    settings,
    {
      event: frame.event,
      assignee: frame.row.assignee,
      blocked: Conversation.isBlocked(frame.row),
      // New to this person: the row had no message yet, or (not in the list loaded) the log is just starting.
      newConversation: previous === undefined ? frame.seq <= 3 : previous.lastMessage === null,
    },
    me as Parameters<typeof Notifications.notificationFor>[2],
  )
  if (reason === null) return null
  if (frame.event._tag === "CustomerMessageReceived") return frame.event.text
  return ui().notificationSettings.assignedToYou
}

/** A short two-note chime through Web Audio (no sound file to load); silent where audio is unavailable. */
export const chime = (): void => {
  try {
    const audio = new AudioContext()
    const gain = audio.createGain()
    gain.gain.value = 0.08
    gain.connect(audio.destination)
    ;[660, 880].forEach((hz, i) => {
      const tone = audio.createOscillator()
      tone.frequency.value = hz
      tone.connect(gain)
      tone.start(audio.currentTime + i * 0.12)
      tone.stop(audio.currentTime + i * 0.12 + 0.1)
    })
    setTimeout(() => void audio.close(), 600)
  } catch {
    // Autoplay policies or no audio device: the notification itself still shows.
  }
}

export const openNotificationSettings = async (): Promise<void> => {
  const t = ui().notificationSettings
  await load()
  const box = (key: keyof Settings, label: string) => {
    const input = h("input", { type: "checkbox", checked: settings[key], "data-key": key })
    return { key, input, row: h("label", { class: "label" }, input, ` ${label}`) }
  }
  const boxes = {
    newConversation: box("newConversation", t.newConversation),
    newMessageOnMine: box("newMessageOnMine", t.newMessageOnMine),
    assignedToMe: box("assignedToMe", t.assignedToMe),
  } satisfies Record<keyof Settings, ReturnType<typeof box>>
  const error = h("p", { class: "dialog__error", role: "alert" })
  const form = h(
    "form",
    {
      class: "hours-form",
      "aria-label": t.title,
      onsubmit: async (e: Event) => {
        e.preventDefault()
        const next: Settings = {
          newConversation: boxes.newConversation.input.checked,
          newMessageOnMine: boxes.newMessageOnMine.input.checked,
          assignedToMe: boxes.assignedToMe.input.checked,
        }
        try {
          settings = await Api.saveNotificationSettings(next)
          dialog.close()
          toast(t.saved)
        } catch (err) {
          error.textContent = errorText(err)
        }
      },
    },
    error,
    h("p", { class: "dialog__hint" }, t.hint),
    ...Object.values(boxes).map((b) => b.row),
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.cancel),
      h("button", { type: "submit", class: "button button--primary" }, t.save),
    ),
  )
  const dialog = openDialog(t.title, [form])
}
