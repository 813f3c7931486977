/**
 * The reply composer: text, up to three products (R15), one active discount (R16), one image (R18).
 * With a keyboard Enter sends and Shift+Enter breaks the line; on a touch screen Enter breaks the line and the
 * Send button sends, and no key is mentioned. A failed send stays in the composer with a retry, and the
 * retry reuses the same client message id, so the server never writes the reply twice.
 */
import * as Api from "../../api/merchant.ts"
import type { DiscountOption, ReplyDestination, ShareableProduct } from "../../api/types.ts"
import { describeDiscount } from "../../components/Cards.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { channels } from "../../i18n/channels.ts"
import { errorText, ui } from "../../i18n/Locale.ts"
import { savedReplyMenu } from "../replies/SavedReplyMenu.ts"
import { canSend, destinationLine } from "./Destination.ts"
import { pickDiscount } from "./DiscountPicker.ts"
import { pickProducts } from "./ProductPicker.ts"

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"]
const MAX_IMAGE_BYTES = 5 * 1024 * 1024

export interface ComposerOptions {
  readonly send: (body: Api.ReplyInput) => Promise<void>
  /** The conversation's customer name, for saved replies' `{{customer.first_name}}`. */
  readonly customerName?: () => string | null
  /** Tells the customer the merchant is typing (at most every few seconds). */
  readonly typing?: () => void
  /** Opens the channel settings (from a "not connected" line). */
  readonly openChannels?: () => void
}

/** A touch screen's keyboard has no Shift+Enter habit: its Enter is a new line. */
const touch = () => window.matchMedia("(pointer: coarse)").matches

export const createComposer = (options: ComposerOptions) => {
  const t = ui().composer
  let products: ReadonlyArray<ShareableProduct> = []
  let discount: DiscountOption | null = null
  let image: { preview: string; id: string | null; name: string } | null = null
  let sending = false
  let pending: { key: string; id: string } | null = null
  let lastTyping = 0

  const textarea = h("textarea", {
    class: "composer__input",
    rows: 2,
    "aria-label": t.label,
    placeholder: touch() ? t.placeholderTouch : t.placeholder,
    onkeydown: (e: KeyboardEvent) => {
      // While the saved-reply menu is open, arrows, Enter, Tab and Escape are its keys.
      if (menu.onKey(e)) return
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && !touch()) {
        e.preventDefault()
        void send()
      }
    },
    oninput: () => {
      update()
      menu.onInput()
      if (options.typing && Date.now() - lastTyping > 3000) {
        lastTyping = Date.now()
        options.typing()
      }
    },
  })
  const menu = savedReplyMenu({
    textarea,
    customerName: () => options.customerName?.() ?? null,
    currentProducts: () => products,
    insert: (inserted) => {
      textarea.value = inserted.text
      if (inserted.products.length > 0) products = inserted.products
      if (inserted.discount !== null) discount = inserted.discount
      error.replaceChildren()
      if (inserted.warning !== null) showError(inserted.warning, false)
      update()
    },
  })
  const tray = h("div", { class: "composer__tray", role: "group", "aria-label": t.attachments })
  // Where the reply will go, said before sending (R2); a reply that cannot leave now cannot be sent.
  let destination: ReplyDestination | null = null
  const where = h("p", { class: "composer__destination", "aria-live": "polite", hidden: true })
  const error = h("div", { class: "composer__error", role: "alert" })
  const fileInput = h("input", {
    type: "file",
    accept: IMAGE_TYPES.join(","),
    class: "visually-hidden",
    tabindex: -1,
    "aria-hidden": "true",
    onchange: () => {
      const file = fileInput.files?.[0]
      fileInput.value = ""
      if (file) void attachImage(file)
    },
  })
  const sendButton = h(
    "button",
    { type: "button", class: "button button--primary composer__send", onclick: () => void send() },
    icon(icons.send, 16),
    h("span", null, t.send),
  )

  const tool = (label: string, path: string, onclick: () => void) =>
    h(
      "button",
      { type: "button", class: "icon-button", "aria-label": label, title: label, onclick },
      icon(path),
    )

  const element = h(
    "form",
    {
      class: "composer",
      "aria-label": t.label,
      onsubmit: (e: Event) => {
        e.preventDefault()
        void send()
      },
    },
    where,
    error,
    tray,
    menu.element,
    textarea,
    h(
      "div",
      { class: "composer__bar" },
      tool(t.addProducts, icons.bag, () =>
        pickProducts(products, (p) => {
          products = p
          update()
          textarea.focus()
        }),
      ),
      tool(t.addDiscount, icons.tag, () =>
        pickDiscount((d) => {
          discount = d
          update()
          textarea.focus()
        }),
      ),
      tool(t.addImage, icons.image, () => fileInput.click()),
      tool(ui().savedReplies.open, icons.chat, () => void menu.openPicker()),
      fileInput,
      h("span", { class: "composer__spacer" }),
      sendButton,
    ),
  )

  const chip = (label: string, removeLabel: string, onRemove: () => void, extra?: Node) =>
    h(
      "span",
      { class: "attachment" },
      extra ?? null,
      h("span", { class: "attachment__label" }, label),
      h(
        "button",
        { type: "button", class: "attachment__remove", "aria-label": removeLabel, onclick: onRemove },
        icon(icons.close, 14),
      ),
    )

  const isEmpty = () =>
    textarea.value.trim() === "" && products.length === 0 && discount === null && image === null

  const update = () => {
    replaceChildren(tray, [
      ...products.map((p) =>
        chip(p.title, t.remove(p.title), () => {
          products = products.filter((x) => x.id !== p.id)
          update()
        }),
      ),
      discount
        ? chip(`${discount.code} · ${describeDiscount(discount.value)}`, t.remove(discount.code), () => {
            discount = null
            update()
          })
        : null,
      image
        ? chip(
            image.id === null ? t.uploading : image.name,
            t.remove(image.name),
            () => {
              if (image) URL.revokeObjectURL(image.preview)
              image = null
              update()
            },
            h("img", { class: "attachment__preview", src: image.preview, alt: t.imagePreview }),
          )
        : null,
    ])
    tray.hidden = tray.childElementCount === 0
    const uploading = image !== null && image.id === null
    sendButton.disabled = sending || uploading || isEmpty() || !canSend(destination)
    sendButton.lastElementChild!.textContent = sending ? t.sending : t.send
    element.setAttribute("aria-busy", sending ? "true" : "false")
  }

  const attachImage = async (file: File) => {
    if (!IMAGE_TYPES.includes(file.type) || file.size > MAX_IMAGE_BYTES) {
      showError(t.imageTooBig, false)
      return
    }
    if (image) URL.revokeObjectURL(image.preview)
    const mine = { preview: URL.createObjectURL(file), id: null as string | null, name: file.name }
    image = mine
    update()
    try {
      const uploaded = await Api.uploadImage(file)
      if (image === mine) mine.id = uploaded.image.id
    } catch (e) {
      if (image === mine) image = null
      showError(errorText(e), false)
    }
    update()
  }

  const showError = (message: string, retry: boolean) => {
    replaceChildren(error, [
      h("span", null, message),
      retry
        ? h("button", { type: "button", class: "button button--small", onclick: () => void send() }, t.retry)
        : null,
    ])
  }

  const setDestination = (d: ReplyDestination | null) => {
    destination = d
    where.hidden = d === null
    replaceChildren(
      where,
      d === null
        ? []
        : [
            h("span", { class: "visually-hidden" }, `${channels().destination.label}: `),
            ...destinationLine(d, options.openChannels),
          ],
    )
    update()
  }

  const send = async () => {
    if (sending || isEmpty() || (image !== null && image.id === null) || !canSend(destination)) return
    const body = {
      text: textarea.value.trim(),
      productIds: products.map((p) => p.id as string),
      discountCode: discount?.code ?? null,
      imageId: image?.id ?? null,
    }
    const key = JSON.stringify(body)
    // The same content retried keeps its id: the server answers the first write again, never a second one.
    if (pending === null || pending.key !== key) pending = { key, id: Api.clientId() }
    sending = true
    error.replaceChildren()
    update()
    try {
      await options.send({ ...body, clientMessageId: pending.id })
      pending = null
      textarea.value = ""
      products = []
      discount = null
      if (image) URL.revokeObjectURL(image.preview)
      image = null
    } catch (e) {
      showError(`${t.failed} ${errorText(e)}`, true)
    } finally {
      sending = false
      update()
    }
  }

  update()
  return { element, focus: () => textarea.focus(), setDestination }
}
