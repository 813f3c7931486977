/**
 * An independent model of the conversation rules and a runner that drives decide + evolve with a
 * generated scenario, step by step, recording what happened for the properties to check.
 */
import { Result } from "effect"
import { canChat, type StaffMember } from "../../src/assignment/Staff.ts"
import type { CartLine } from "../../src/cart/Cart.ts"
import type { DeliveryRoute } from "../../src/channel/DeliveryRoute.ts"
import type { Platform } from "../../src/channel/Platform.ts"
import type { ConversationCommand } from "../../src/conversation/Command.ts"
import type { Conversation } from "../../src/conversation/Conversation.ts"
import { type ConversationError, decide } from "../../src/conversation/decide.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import { evolve } from "../../src/conversation/evolve.ts"
import type { DiscountCode, MessageId, StaffId, VariantId } from "../../src/ids.ts"
import { type Instant, instant } from "../../src/time.ts"
import type { TopicId } from "../../src/topics/Topic.ts"
import type { Intent, Scenario } from "../arbitraries/commands.ts"
import { discountAt } from "../arbitraries/discount.ts"
import { expectedLabel } from "../arbitraries/topics.ts"

/** What the rules say the conversation should look like, written without the core's code. */
export interface Model {
  started: boolean
  platform: Platform
  email: string | null
  startedAt: number
  status: "open" | "closed"
  assignee: StaffId | null
  topics: Array<TopicId>
  latestTopic: TopicId | null
  lines: Array<CartLine>
  online: boolean
  shared: Array<DiscountCode>
  applied: DiscountCode | null
  unread: Map<StaffId, boolean>
  lastCartAt: number | null
  /** When the customer last wrote (Meta's window). */
  lastCustomerAt: number | null
}

export const emptyModel = (): Model => ({
  started: false,
  platform: "online_store_chat",
  email: null,
  startedAt: 0,
  status: "open",
  assignee: null,
  topics: [],
  latestTopic: null,
  lines: [],
  online: false,
  shared: [],
  applied: null,
  unread: new Map(),
  lastCartAt: null,
  lastCustomerAt: null,
})

/** R2 routing, restated from the rule text. */
export const expectedRoute = (platform: Platform, online: boolean, email: string | null): DeliveryRoute => {
  if (platform === "online_store_chat" && online) return { _tag: "chat" }
  if (platform === "online_store_chat" || platform === "email")
    return email === null ? { _tag: "held" } : { _tag: "email", to: email }
  return { _tag: "platform", platform }
}

export interface Step {
  readonly command: ConversationCommand
  readonly now: Instant
  readonly before: Conversation | null
  readonly after: Conversation | null
  readonly result: Result.Result<ReadonlyArray<ConversationEvent>, ConversationError>
  /** The model's prediction: the error tag, or null for success. */
  readonly expectedError: string | null
  readonly model: Model
}

export interface Run {
  readonly steps: ReadonlyArray<Step>
  readonly log: ReadonlyArray<ConversationEvent>
  readonly state: Conversation | null
}

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

const staffError = (home: string, s: StaffMember): string | null =>
  s.shopId !== home ? "StaffNotInShop" : !canChat(s) ? "StaffLacksChatPermission" : null

const textError = (text: string, allowEmpty: boolean): string | null =>
  text.length > 5000 ? "MessageTooLong" : !allowEmpty && text.trim() === "" ? "MessageEmpty" : null

/** Turns an intent into a concrete command and predicts its outcome, updating the model on success. */
const step = (
  sc: Scenario,
  m: Model,
  it: Intent,
  n: number,
  now: Instant,
): { command: ConversationCommand; expectedError: string | null; apply: () => void } | null => {
  const staff = (i: number): StaffMember => sc.staff[i % sc.staff.length]!
  const messageId = `m${n}` as MessageId
  const notStarted = (command: ConversationCommand) => ({
    command,
    expectedError: "ConversationNotFound",
    apply: () => {},
  })
  const ok = (command: ConversationCommand, apply: () => void = () => {}) => ({
    command,
    expectedError: null,
    apply,
  })
  const fail = (command: ConversationCommand, expectedError: string) => ({
    command,
    expectedError,
    apply: () => {},
  })

  switch (it._tag) {
    case "wait":
      return null
    case "start": {
      const command: ConversationCommand = {
        _tag: "StartConversation",
        conversationId: sc.conversationId,
        shopId: sc.shopId,
        customerId: sc.customerId,
        platform: it.platform,
        customerEmail: it.email,
        currency: sc.currency,
      }
      if (m.started) return fail(command, "ConversationAlreadyStarted")
      const email = it.email === null || it.email.trim() === "" ? null : it.email.trim()
      if (it.platform === "email" && email === null) return fail(command, "CustomerEmailRequired")
      return ok(command, () => {
        Object.assign(m, emptyModel(), {
          started: true,
          platform: it.platform,
          email,
          startedAt: now,
          online: it.platform === "online_store_chat",
          unread: new Map(),
        })
      })
    }
    case "customerMessage": {
      const command: ConversationCommand = {
        _tag: "ReceiveCustomerMessage",
        messageId,
        text: it.text,
        hasImage: it.hasImage,
        classification: it.classification,
      }
      if (!m.started) return notStarted(command)
      if (it.hasImage) return fail(command, "CustomerCannotSendImages")
      const bad = textError(it.text, false)
      if (bad !== null) return fail(command, bad)
      return ok(command, () => {
        m.status = "open"
        m.lastCustomerAt = now
        for (const s of sc.staff) m.unread.set(s.id, true)
        const label = it.classification === null ? null : expectedLabel(it.classification)
        if (label !== null) {
          m.topics = [label.topic, ...m.topics.filter((t) => t !== label.topic)].slice(0, 2)
          m.latestTopic = label.topic
        }
      })
    }
    case "reply": {
      const s = staff(it.staff)
      const discount = it.discount === null ? null : discountAt(it.discount, now)
      const command: ConversationCommand = {
        _tag: "SendReply",
        messageId,
        staff: s,
        text: it.text,
        products: it.products,
        discount,
        image: it.image ? { id: `img${n}` as never, contentType: "image/png", byteSize: 10 } : null,
      }
      if (!m.started) return notStarted(command)
      const denied = staffError(sc.shopId, s)
      if (denied !== null) return fail(command, denied)
      // Meta's window, restated: a person may answer up to (not at) 7 days after the customer last wrote.
      if (
        (m.platform === "messenger" || m.platform === "instagram") &&
        (m.lastCustomerAt === null || now - m.lastCustomerAt >= 7 * 86_400_000)
      )
        return fail(command, "OutsideMessagingWindow")
      const bad = textError(it.text, it.products.length > 0 || discount !== null || it.image)
      if (bad !== null) return fail(command, bad)
      if (it.products.length > 3) return fail(command, "TooManyProducts")
      if (it.products.some((p) => p.status !== "active" || !p.onlineStore))
        return fail(command, "ProductNotShareable")
      if (discount !== null) {
        const inactive =
          !discount.enabled ||
          now < discount.startsAt ||
          (discount.endsAt !== null && now >= discount.endsAt) ||
          (discount.usageLimit !== null && discount.usageCount >= discount.usageLimit)
        if (inactive) return fail(command, "DiscountInactive")
      }
      return ok(command, () => {
        if (discount !== null && !m.shared.includes(discount.code)) m.shared.push(discount.code)
        m.unread.set(s.id, false)
      })
    }
    case "addCart": {
      const reused = it.reuse === null ? undefined : m.lines[it.reuse % Math.max(1, m.lines.length)]
      const line: CartLine =
        reused === undefined
          ? it.line
          : { ...it.line, variantId: reused.variantId, productId: reused.productId }
      const command: ConversationCommand =
        it.available === null
          ? { _tag: "AddCartItem", line }
          : { _tag: "AddCartItem", line, available: it.available }
      if (!m.started) return notStarted(command)
      if (line.unitPrice.currency !== sc.currency) return fail(command, "CartCurrencyMismatch")
      // R7: never more than the store has, nor more than 999 of one item, nor more than 50 items.
      const held = m.lines.find((l) => l.variantId === line.variantId)?.quantity ?? 0
      if (it.available !== null && held + line.quantity > it.available)
        return fail(command, "CartItemOutOfStock")
      if (held + line.quantity > 999) return fail(command, "CartLineTooLarge")
      if (held === 0 && m.lines.length >= 50) return fail(command, "CartFull")
      return ok(command, () => {
        const i = m.lines.findIndex((l) => l.variantId === line.variantId)
        if (i < 0) m.lines.push(line)
        else m.lines[i] = { ...line, quantity: m.lines[i]!.quantity + line.quantity }
        m.lastCartAt = now
      })
    }
    case "removeCart": {
      const target = it.line === null ? undefined : m.lines[it.line % Math.max(1, m.lines.length)]
      const variantId = target?.variantId ?? (`gone${n}` as VariantId)
      const command: ConversationCommand = { _tag: "RemoveCartItem", variantId, quantity: it.quantity }
      if (!m.started) return notStarted(command)
      if (target === undefined) return fail(command, "CartItemNotInCart")
      return ok(command, () => {
        m.lines = m.lines.flatMap((l) =>
          l.variantId !== variantId
            ? [l]
            : l.quantity > it.quantity
              ? [{ ...l, quantity: l.quantity - it.quantity }]
              : [],
        )
        m.lastCartAt = now
      })
    }
    case "presence": {
      const command: ConversationCommand = { _tag: "ChangePresence", online: it.online }
      if (!m.started) return notStarted(command)
      return ok(command, () => {
        m.online = it.online
      })
    }
    case "status": {
      const s = staff(it.staff)
      const command: ConversationCommand = { _tag: "SetStatus", staff: s, status: it.status }
      if (!m.started) return notStarted(command)
      const denied = staffError(sc.shopId, s)
      if (denied !== null) return fail(command, denied)
      return ok(command, () => {
        m.status = it.status
      })
    }
    case "read":
    case "unread": {
      const s = staff(it.staff)
      const command: ConversationCommand = { _tag: it._tag === "read" ? "MarkRead" : "MarkUnread", staff: s }
      if (!m.started) return notStarted(command)
      const denied = staffError(sc.shopId, s)
      if (denied !== null) return fail(command, denied)
      return ok(command, () => {
        m.unread.set(s.id, it._tag === "unread")
      })
    }
    case "assign": {
      const s = staff(it.staff)
      const a = staff(it.assignee)
      const command: ConversationCommand = { _tag: "AssignConversation", staff: s, assignee: a }
      if (!m.started) return notStarted(command)
      const denied = staffError(sc.shopId, s)
      if (denied !== null) return fail(command, denied)
      if (a.shopId !== sc.shopId) return fail(command, "StaffNotInShop")
      if (!canChat(a)) return fail(command, "AssigneeLacksChatPermission")
      return ok(command, () => {
        m.assignee = a.id
      })
    }
    case "unassign": {
      const s = staff(it.staff)
      const command: ConversationCommand = { _tag: "UnassignConversation", staff: s }
      if (!m.started) return notStarted(command)
      const denied = staffError(sc.shopId, s)
      if (denied !== null) return fail(command, denied)
      return ok(command, () => {
        m.assignee = null
      })
    }
    case "applyCode": {
      const code =
        it.shared === null || m.shared.length === 0 ? it.code : m.shared[it.shared % m.shared.length]!
      const command: ConversationCommand = { _tag: "ApplySharedDiscount", code }
      if (!m.started) return notStarted(command)
      if (!m.shared.includes(code)) return fail(command, "DiscountNotShared")
      return ok(command, () => {
        m.applied = code
      })
    }
  }
}

/** Runs a scenario: start (usually), then every intent, folding accepted events with evolve. */
export const runScenario = (sc: Scenario): Run => {
  const model = emptyModel()
  const log: Array<ConversationEvent> = []
  const steps: Array<Step> = []
  let state: Conversation | null = null
  let clock = sc.startAt
  const intents: ReadonlyArray<Intent> = sc.startFirst
    ? [{ _tag: "start", platform: sc.platform, email: sc.email }, ...sc.intents]
    : sc.intents
  for (const [n, it] of intents.entries()) {
    if (it._tag === "wait") {
      clock += it.ms
      continue
    }
    const now = instant(clock)
    const planned = step(sc, model, it, n, now)
    if (planned === null) continue
    const before = state
    const result = decide(deepFreeze(state), deepFreeze(planned.command), now)
    if (Result.isSuccess(result)) {
      for (const e of result.success) {
        log.push(deepFreeze(e))
        state = evolve(state, e)
      }
      if (planned.expectedError === null) planned.apply()
    }
    steps.push({
      command: planned.command,
      now,
      before,
      after: state,
      result,
      expectedError: planned.expectedError,
      model: structuredClone(model),
    })
  }
  return { steps, log, state }
}
