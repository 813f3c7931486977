/**
 * Random conversation scenarios: a shop, a pool of staff (some of another shop, some without the
 * chat permission) and a sequence of command intents, valid and invalid. Intents name staff and cart
 * lines by index, and discounts relative to `now`, so the runner can build boundary cases.
 */
import fc from "fast-check"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import type { CartLine } from "../../src/cart/Cart.ts"
import type { Product } from "../../src/catalog/Product.ts"
import { PLATFORMS, type Platform } from "../../src/channel/Platform.ts"
import type { ConversationId, CustomerId, DiscountCode, ShopId } from "../../src/ids.ts"
import type { Currency } from "../../src/money.ts"
import type { TopicProbabilities } from "../../src/topics/Topic.ts"
import { cartLine, product, quantity } from "./catalog.ts"
import { type DiscountShape, discountShape } from "./discount.ts"
import { conversationId, customerId, discountCode, shopId } from "./ids.ts"
import { currency as anyCurrency, CURRENCIES } from "./money.ts"
import { staffPool } from "./staff.ts"
import { messageText } from "./text.ts"
import { classification } from "./topics.ts"

/** Longest message text; mirrors MAX_MESSAGE_LENGTH so the generator hits the boundary. */
export const MAX_TEXT = 5000

export const platform: fc.Arbitrary<Platform> = fc.constantFrom(...PLATFORMS)

/** Emails as a chat form would send them: none, blank, padded or plain. */
export const startEmail: fc.Arbitrary<string | null> = fc.oneof(
  fc.constantFrom(null, "", "  "),
  fc.constantFrom("ana@example.com", "  bo@example.fr ", "zoë@exemple.fr"),
)

export type Intent =
  | { readonly _tag: "start"; readonly platform: Platform; readonly email: string | null }
  | {
      readonly _tag: "customerMessage"
      readonly text: string
      readonly hasImage: boolean
      readonly classification: TopicProbabilities | null
    }
  | {
      readonly _tag: "reply"
      readonly staff: number
      readonly text: string
      readonly products: ReadonlyArray<Product>
      readonly discount: DiscountShape | null
      readonly image: boolean
    }
  | {
      readonly _tag: "addCart"
      readonly line: CartLine
      readonly reuse: number | null
      /** The store's stock of the variant, when it tracks it. @see R7 */
      readonly available: number | null
    }
  | { readonly _tag: "removeCart"; readonly line: number | null; readonly quantity: number }
  | { readonly _tag: "presence"; readonly online: boolean }
  | { readonly _tag: "status"; readonly staff: number; readonly status: "open" | "closed" }
  | { readonly _tag: "read"; readonly staff: number }
  | { readonly _tag: "unread"; readonly staff: number }
  | { readonly _tag: "assign"; readonly staff: number; readonly assignee: number }
  | { readonly _tag: "unassign"; readonly staff: number }
  | { readonly _tag: "applyCode"; readonly shared: number | null; readonly code: DiscountCode }
  | { readonly _tag: "wait"; readonly ms: number }

const index = fc.nat({ max: 7 })

export const intent = (cartCurrency: Currency): fc.Arbitrary<Intent> => {
  // Most lines are in the cart's currency; some are not, to exercise CartCurrencyMismatch.
  const lineCurrency = fc.oneof({ weight: 9, arbitrary: fc.constant(cartCurrency) }, anyCurrency)
  return fc.oneof(
    { weight: 1, arbitrary: fc.record({ _tag: fc.constant("start" as const), platform, email: startEmail }) },
    {
      weight: 6,
      arbitrary: fc.record({
        _tag: fc.constant("customerMessage" as const),
        text: messageText(MAX_TEXT),
        hasImage: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
        classification: fc.option(classification, { nil: null, freq: 4 }),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        _tag: fc.constant("reply" as const),
        staff: index,
        text: messageText(MAX_TEXT),
        products: fc.oneof(
          { weight: 6, arbitrary: fc.array(product(cartCurrency), { maxLength: 3 }) },
          fc.array(product(cartCurrency), { minLength: 4, maxLength: 5 }),
        ),
        discount: fc.option(discountShape, { nil: null, freq: 2 }),
        image: fc.boolean(),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        _tag: fc.constant("addCart" as const),
        line: lineCurrency.chain(cartLine),
        reuse: fc.option(index, { nil: null }),
        available: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 })), { nil: null }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        _tag: fc.constant("removeCart" as const),
        line: fc.option(index, { nil: null, freq: 6 }),
        quantity,
      }),
    },
    { weight: 2, arbitrary: fc.record({ _tag: fc.constant("presence" as const), online: fc.boolean() }) },
    {
      weight: 3,
      arbitrary: fc.record({
        _tag: fc.constant("status" as const),
        staff: index,
        status: fc.constantFrom("open" as const, "closed" as const),
      }),
    },
    { weight: 2, arbitrary: fc.record({ _tag: fc.constant("read" as const), staff: index }) },
    { weight: 2, arbitrary: fc.record({ _tag: fc.constant("unread" as const), staff: index }) },
    {
      weight: 2,
      arbitrary: fc.record({ _tag: fc.constant("assign" as const), staff: index, assignee: index }),
    },
    { weight: 1, arbitrary: fc.record({ _tag: fc.constant("unassign" as const), staff: index }) },
    {
      weight: 2,
      arbitrary: fc.record({
        _tag: fc.constant("applyCode" as const),
        shared: fc.option(index, { nil: null, freq: 4 }),
        code: discountCode,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        _tag: fc.constant("wait" as const),
        // Around Meta's 24 h and 7-day windows too (R2).
        ms: fc.oneof(
          fc.constantFrom(0, 1, 86_400_000, 7 * 86_400_000 - 1, 7 * 86_400_000),
          fc.integer({ min: 0, max: 3 * 86_400_000 }),
        ),
      }),
    },
  )
}

export interface Scenario {
  readonly shopId: ShopId
  readonly customerId: CustomerId
  readonly conversationId: ConversationId
  readonly currency: Currency
  readonly staff: ReadonlyArray<StaffMember>
  /** False now and then: commands then hit a conversation that does not exist yet. */
  readonly startFirst: boolean
  readonly platform: Platform
  readonly email: string | null
  readonly startAt: number
  readonly intents: ReadonlyArray<Intent>
}

export const scenario = (maxLength = 40): fc.Arbitrary<Scenario> =>
  fc
    .record({
      shopId,
      customerId,
      conversationId,
      currency: fc.constantFrom(...CURRENCIES),
      startFirst: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, fc.constant(false)),
      platform,
      email: startEmail,
      startAt: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    })
    .chain((base) =>
      fc
        .record({
          staff: staffPool(base.shopId),
          intents: fc.array(intent(base.currency), { maxLength, size: "max" }),
        })
        .map((rest): Scenario => ({ ...base, ...rest })),
    )
