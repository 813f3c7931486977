/**
 * `window.Inbox`, the storefront bridge any platform can call: who the signed-in customer is, what is in the
 * cart, and what to do when the shopper applies a code the merchant shared. It keeps the page's side of the
 * state and hands it to the chat frame over a private MessagePort once the frame asks for it.
 */
import {
  type CartLine,
  cartLine,
  cartLines,
  identity as decodeIdentity,
  type FrameMessage,
  frameMessage,
  type HostMessage,
  type Identity,
  type Locale,
  READY,
} from "./protocol.ts"

export type DiscountHandler = (discount: { readonly code: string }) => unknown
type Events = { discount: DiscountHandler; discountShared: DiscountHandler }

export interface InboxApi {
  /** The store's signed-in customer (signed by your server), or null when they sign out. */
  readonly identify: (customer: unknown) => void
  readonly cart: {
    /** The whole cart: `[{ variantId, quantity }]`. */
    readonly set: (lines: unknown) => void
    /** A line was added (`quantity` defaults to 1). */
    readonly added: (line: unknown) => void
    /** A line was removed (`quantity` defaults to all of it). */
    readonly removed: (line: unknown) => void
  }
  /**
   * `discount`: the shopper applied a code the merchant shared; put it in the cart (a rejected promise shows
   * "enter the code at checkout" in the chat). `discountShared`: the merchant just shared a code.
   */
  readonly on: <E extends keyof Events>(event: E, handler: Events[E]) => () => void
  readonly open: () => void
  readonly close: () => void
  /**
   * A queued call, `["cart.set", lines]` or `["on", "discount", handler]`: pages that load before widget.js
   * write `window.Inbox = window.Inbox || []; Inbox.push([...])`, which works before and after it loads.
   */
  readonly push: (call: readonly [string, ...unknown[]]) => void
}

/** Runs one queued call on the API (`"cart.set"` is `api.cart.set`); unknown names are ignored. */
export const invoke = (api: InboxApi, [method, ...args]: readonly [string, ...unknown[]]): void => {
  const [group, name] = String(method).split(".")
  // By name, as the page wrote it: Reflect reads a property of any object without claiming its type.
  const target: unknown = name === undefined ? api : Reflect.get(api, group ?? "")
  const f: unknown =
    typeof target === "object" && target !== null ? Reflect.get(target, name ?? group ?? "") : undefined
  if (typeof f === "function") f(...args)
  else console.warn(`Inbox: no ${method}`)
}

export interface BridgeHost {
  /** The inbox's origin: the only origin the frame may speak from. */
  readonly inboxOrigin: string
  readonly frame: () => HTMLIFrameElement | null
  readonly isOpen: () => boolean
  readonly setOpen: (open: boolean) => void
  readonly locale: () => Locale
  readonly onFrame: (message: FrameMessage) => void
}

export const createBridge = (host: BridgeHost, initialIdentity: Identity | null) => {
  let lines: CartLine[] | null = null
  let who = initialIdentity
  let port: MessagePort | null = null
  const handlers: { [E in keyof Events]: Set<Events[E]> } = { discount: new Set(), discountShared: new Set() }

  const send = (message: HostMessage) => port?.postMessage(message)
  const cartChanged = () => {
    if (lines !== null) send({ _tag: "Cart", lines })
  }
  const change = (raw: unknown, sign: 1 | -1) => {
    const counted = typeof raw === "object" && raw !== null && "quantity" in raw
    const line = cartLine({ quantity: 1, ...(raw as object) })
    if (line === null) return console.warn("Inbox: a cart line needs a variantId and a whole quantity", raw)
    const next = new Map((lines ?? []).map((l) => [l.variantId, l.quantity]))
    const current = next.get(line.variantId) ?? 0
    // A removed line without a quantity leaves the cart entirely.
    const quantity = sign === 1 ? current + line.quantity : counted ? Math.max(0, current - line.quantity) : 0
    if (quantity === 0) next.delete(line.variantId)
    else next.set(line.variantId, quantity)
    lines = [...next].map(([variantId, q]) => ({ variantId, quantity: q }))
    cartChanged()
  }

  const api: InboxApi = {
    identify: (customer) => {
      who = customer === null ? null : decodeIdentity(customer)
      if (customer !== null && who === null)
        console.warn("Inbox: identify needs { id, email, signature } (see the README)")
      send({ _tag: "Identify", identity: who })
    },
    cart: {
      set: (raw) => {
        const next = cartLines(raw)
        if (next === null) return console.warn("Inbox: cart.set needs [{ variantId, quantity }]", raw)
        lines = next.filter((l) => l.quantity > 0)
        cartChanged()
      },
      added: (line) => change(line, 1),
      removed: (line) => change(line, -1),
    },
    on: (event, handler) => {
      handlers[event].add(handler)
      return () => handlers[event].delete(handler)
    },
    open: () => host.setOpen(true),
    close: () => host.setOpen(false),
    push: (call) => invoke(api, call),
  }

  const applyDiscount = async (id: string, code: string) => {
    const all = [...handlers.discount]
    const ok =
      all.length > 0 &&
      (await Promise.all(all.map((h) => h({ code }))).then(
        () => true,
        () => false,
      ))
    send({ _tag: "DiscountResult", id, ok })
  }

  const fromFrame = (raw: unknown) => {
    const message = frameMessage(raw)
    if (message === null) return
    if (message._tag === "ApplyDiscount") void applyDiscount(message.id, message.code)
    if (message._tag === "DiscountShared") for (const h of handlers.discountShared) h({ code: message.code })
    host.onFrame(message)
  }

  // The frame announces itself to its parent; only our own frame, from the inbox's origin, gets the port.
  addEventListener("message", (event) => {
    const frame = host.frame()
    if (event.data !== READY || frame === null || event.source !== frame.contentWindow) return
    if (event.origin !== host.inboxOrigin) return
    const channel = new MessageChannel()
    port?.close()
    port = channel.port1
    port.onmessage = (m) => fromFrame(m.data)
    frame.contentWindow?.postMessage(READY, host.inboxOrigin, [channel.port2])
    send({ _tag: "Init", cart: lines, identity: who, locale: host.locale(), open: host.isOpen() })
  })

  return {
    api,
    send,
    hasDiscountHandler: () => handlers.discount.size > 0,
  }
}

export type Bridge = ReturnType<typeof createBridge>
