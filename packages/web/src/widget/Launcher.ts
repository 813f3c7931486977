/**
 * The chat's footprint on the merchant's page: one `<inbox-chat>` element holding, in its shadow root, the
 * bubble and (once needed) the chat frame. The host element's own box is pinned with inline `!important`
 * declarations (they outrank any page rule) and `all: initial`, so page resets, `div { display: none }` or
 * huge z-indexes neither hide nor restyle it; the shadow root keeps our rules off the page. Styles go in
 * through a constructed stylesheet and the CSSOM, which a strict `style-src` does not block.
 */
import { icon } from "../components/element.ts"
import { chatIcon } from "../components/icons.ts"
import type { Locale } from "./protocol.ts"
import { type LauncherStrings, launcherStrings } from "./strings.ts"

const CSS = `
.root{display:flex;flex-direction:column;align-items:flex-end;gap:12px;font:600 15px/1.2 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Arial,sans-serif;color:#fff}
.frame{display:block;width:min(380px,calc(100vw - 40px));height:min(620px,calc(100vh - 110px));border:0;border-radius:16px;background:#fff;box-shadow:0 8px 24px rgba(26,26,26,.18);color-scheme:normal}
.frame[hidden]{display:none}
.bubble{display:inline-flex;align-items:center;gap:8px;margin:0;padding:12px 18px;border:0;border-radius:999px;background:#1a1a1a;color:#fff;font:inherit;cursor:pointer;box-shadow:0 8px 24px rgba(26,26,26,.18)}
.bubble:focus-visible{outline:3px solid #005bd3;outline-offset:2px}
.badge{display:inline-grid;place-items:center;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#e51c00;font-size:12px}
.badge:empty{display:none}
@media (max-width:520px){.open .frame{position:fixed;inset:0;width:100%;height:100%;border-radius:0}.open .bubble{display:none}}
`

/** Declarations no page rule can override on our host element. */
const HOST_STYLE: ReadonlyArray<readonly [string, string]> = [
  ["all", "initial"],
  ["display", "block"],
  ["position", "fixed"],
  ["right", "20px"],
  ["bottom", "20px"],
  ["z-index", "2147483647"],
  ["visibility", "visible"],
  ["opacity", "1"],
  ["transform", "none"],
  ["pointer-events", "auto"],
]

export interface LauncherOptions {
  readonly shopName: string
  readonly frameUrl: string
  readonly locale: Locale
  readonly onToggle: (open: boolean) => void
}

export const mountLauncher = (options: LauncherOptions) => {
  const host = document.createElement("inbox-chat")
  for (const [property, value] of HOST_STYLE) host.style.setProperty(property, value, "important")
  // Open, so assistive technology and test tools reach the bubble; the conversation itself is in the frame.
  const shadow = host.attachShadow({ mode: "open" })
  if ("adoptedStyleSheets" in shadow) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(CSS)
    shadow.adoptedStyleSheets = [sheet]
  } else {
    const style = document.createElement("style")
    style.textContent = CSS
    ;(shadow as ShadowRoot).append(style)
  }
  const root = document.createElement("div")
  root.className = "root"
  const label = document.createElement("span")
  const badge = document.createElement("span")
  badge.className = "badge"
  badge.setAttribute("aria-hidden", "true")
  const bubble = document.createElement("button")
  bubble.type = "button"
  bubble.className = "bubble"
  bubble.setAttribute("aria-expanded", "false")
  bubble.append(icon(chatIcon, 22), label, badge)
  root.append(bubble)
  shadow.append(root)

  let strings: LauncherStrings = launcherStrings[options.locale]
  let open = false
  let unread = 0
  let frame: HTMLIFrameElement | null = null

  const render = () => {
    label.textContent = open ? strings.close : strings.open
    badge.textContent = open || unread === 0 ? "" : String(unread)
    bubble.setAttribute("aria-label", unread > 0 && !open ? `${strings.open}, ${strings.unread(unread)}` : "")
    if (bubble.getAttribute("aria-label") === "") bubble.removeAttribute("aria-label")
    bubble.setAttribute("aria-expanded", String(open))
    root.classList.toggle("open", open)
    if (frame !== null) {
      frame.hidden = !open
      frame.title = strings.frame(options.shopName)
    }
  }

  /** The chat frame, created on first need (the bubble opened, or a conversation to keep live). */
  const ensureFrame = (): HTMLIFrameElement => {
    if (frame !== null) return frame
    frame = document.createElement("iframe")
    frame.className = "frame"
    frame.src = options.frameUrl
    frame.hidden = true
    root.prepend(frame)
    render()
    return frame
  }

  const setOpen = (next: boolean, focus = true) => {
    if (next === open) return
    open = next
    if (open) unread = 0
    const f = open ? ensureFrame() : frame
    render()
    if (open) f?.focus()
    else if (focus) bubble.focus()
    options.onToggle(open)
  }

  bubble.addEventListener("click", () => setOpen(!open))
  render()
  ;(document.body ?? document.documentElement).append(host)

  return {
    host,
    bubble,
    ensureFrame,
    frame: () => frame,
    isOpen: () => open,
    setOpen,
    setUnread: (count: number) => {
      unread = open ? 0 : count
      render()
    },
    setLocale: (locale: Locale) => {
      strings = launcherStrings[locale]
      render()
    },
  }
}

export type Launcher = ReturnType<typeof mountLauncher>
