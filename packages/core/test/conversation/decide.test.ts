/** Focused properties of single commands applied to arbitrary reachable conversations. */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import { canChat, type StaffMember } from "../../src/assignment/Staff.ts"
import { isShareable, toCard } from "../../src/catalog/Product.ts"
import type { ConversationCommand } from "../../src/conversation/Command.ts"
import type { Conversation } from "../../src/conversation/Conversation.ts"
import { isUnreadFor } from "../../src/conversation/Conversation.ts"
import { decide } from "../../src/conversation/decide.ts"
import { evolve } from "../../src/conversation/evolve.ts"
import { isActive } from "../../src/discount/Discount.ts"
import type { MessageId } from "../../src/ids.ts"
import { instant } from "../../src/time.ts"
import { product } from "../arbitraries/catalog.ts"
import { platform, startEmail } from "../arbitraries/commands.ts"
import { discountAt, discountShape } from "../arbitraries/discount.ts"
import { conversationId, customerId, discountCode, shopId } from "../arbitraries/ids.ts"
import { staffMember } from "../arbitraries/staff.ts"
import { classification } from "../arbitraries/topics.ts"
import { reached, replyable } from "./reached.ts"

const apply = (c: Conversation, cmd: ConversationCommand, now: number) => {
  const r = decide(c, cmd, instant(now))
  if (Result.isFailure(r)) return { error: r.failure, state: c, events: [] as const }
  return { error: null, state: r.success.reduce<Conversation | null>(evolve, c)!, events: r.success }
}

const customerSays = (text: string, hasImage = false): ConversationCommand => ({
  _tag: "ReceiveCustomerMessage",
  messageId: "mx" as MessageId,
  text,
  hasImage,
  classification: null,
})

/** A staff member of the conversation's shop who holds the chat permission. */
const chatter = (c: Conversation): fc.Arbitrary<StaffMember> =>
  staffMember(c.shopId).map((s) => ({ ...s, shopId: c.shopId, chatPermission: true }))

describe("decide", () => {
  it("R1 a started conversation records its shop, customer, platform and start time", () => {
    fc.assert(
      fc.property(
        shopId,
        customerId,
        conversationId,
        platform,
        startEmail,
        fc.nat(),
        (shop, cust, id, p, email, t) => {
          const r = decide(
            null,
            {
              _tag: "StartConversation",
              conversationId: id,
              shopId: shop,
              customerId: cust,
              platform: p,
              customerEmail: email,
              currency: "EUR",
            },
            instant(t),
          )
          const blank = email === null || email.trim() === ""
          if (p === "email" && blank) {
            assert.isTrue(Result.isFailure(r) && r.failure._tag === "CustomerEmailRequired")
            return
          }
          assert.isTrue(Result.isSuccess(r))
          const c = Result.isSuccess(r) ? r.success.reduce<Conversation | null>(evolve, null) : null
          assert.isNotNull(c)
          assert.deepInclude(c!, {
            id,
            shopId: shop,
            customerId: cust,
            platform: p,
            startedAt: instant(t),
            status: "open",
          })
          assert.strictEqual(c!.customerEmail, blank ? null : email!.trim())
        },
      ),
    )
  })

  it("R5 a customer message reopens a closed conversation, and a merchant action never does", () => {
    fc.assert(
      fc.property(
        reached(),
        fc.string({ minLength: 1 }).filter((t) => t.trim() !== ""),
        (r, text) => {
          const closer = r.staff.find((s) => s.shopId === r.state.shopId && canChat(s))
          const closed =
            closer === undefined
              ? r.state
              : apply(r.state, { _tag: "SetStatus", staff: closer, status: "closed" }, r.now).state
          const after = apply(closed, customerSays(text), r.now)
          assert.isNull(after.error)
          assert.strictEqual(after.state.status, "open")
          assert.strictEqual(
            after.events.some((e) => e._tag === "ConversationReopened" && e.by === null),
            closed.status === "closed",
          )
          if (closer !== undefined) {
            const reply = apply(
              closed,
              {
                _tag: "SendReply",
                messageId: "my" as MessageId,
                staff: closer,
                text,
                products: [],
                discount: null,
                image: null,
              },
              r.now,
            )
            assert.strictEqual(reply.state.status, closed.status)
          }
        },
      ),
    )
  })

  it("R4 read state is a per-staff cursor: a customer message makes it unread for everyone, reading clears it for the reader only", () => {
    fc.assert(
      fc.property(
        reached(),
        fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 2, maxLength: 2 }),
        (r, [i, j]) => {
          const home = r.staff.filter((s) => s.shopId === r.state.shopId && canChat(s))
          const a = home[i! % Math.max(1, home.length)]
          const b = home[j! % Math.max(1, home.length)]
          fc.pre(a !== undefined && b !== undefined && a.id !== b.id)
          const afterMessage = apply(r.state, customerSays("hello"), r.now).state
          assert.isTrue(isUnreadFor(afterMessage, a!.id))
          assert.isTrue(isUnreadFor(afterMessage, b!.id))
          const readByA = apply(afterMessage, { _tag: "MarkRead", staff: a! }, r.now).state
          assert.isFalse(isUnreadFor(readByA, a!.id))
          assert.isTrue(isUnreadFor(readByA, b!.id))
          const unreadAgain = apply(readByA, { _tag: "MarkUnread", staff: a! }, r.now).state
          assert.isTrue(isUnreadFor(unreadAgain, a!.id))
          // Marking read is idempotent: a second open appends nothing.
          assert.lengthOf(apply(readByA, { _tag: "MarkRead", staff: a! }, r.now).events, 0)
        },
      ),
    )
  })

  it("R18 a customer message with an image is always refused; a merchant may send one", () => {
    fc.assert(
      fc.property(replyable(), fc.string(), classification, (r, text, cls) => {
        const out = decide(
          r.state,
          {
            _tag: "ReceiveCustomerMessage",
            messageId: "mi" as MessageId,
            text,
            hasImage: true,
            classification: cls,
          },
          r.now,
        )
        assert.isTrue(Result.isFailure(out) && out.failure._tag === "CustomerCannotSendImages")
        const staff = r.staff.find((s) => s.shopId === r.state.shopId && canChat(s))
        if (staff !== undefined) {
          const reply = decide(
            r.state,
            {
              _tag: "SendReply",
              messageId: "mj" as MessageId,
              staff,
              text: "",
              products: [],
              discount: null,
              image: { id: "i1" as never, contentType: "image/jpeg", byteSize: 1 },
            },
            r.now,
          )
          assert.isTrue(Result.isSuccess(reply))
        }
      }),
    )
  })

  it("R15 a reply shares at most three products, all published on the online store, as cards", () => {
    fc.assert(
      fc.property(
        replyable().chain((r) =>
          fc.tuple(
            fc.constant(r),
            chatter(r.state),
            fc.array(product(r.state.cart.currency), { maxLength: 5 }),
          ),
        ),
        ([r, staff, products]) => {
          const out = decide(
            r.state,
            {
              _tag: "SendReply",
              messageId: "mp" as MessageId,
              staff,
              text: "Voici",
              products,
              discount: null,
              image: null,
            },
            r.now,
          )
          if (products.length > 3)
            assert.isTrue(Result.isFailure(out) && out.failure._tag === "TooManyProducts")
          else if (!products.every(isShareable))
            assert.isTrue(Result.isFailure(out) && out.failure._tag === "ProductNotShareable")
          else {
            assert.isTrue(Result.isSuccess(out))
            const sent = Result.isSuccess(out) ? out.success[0] : undefined
            assert.deepStrictEqual(sent?._tag === "ReplySent" ? sent.products : null, products.map(toCard))
          }
        },
      ),
    )
  })

  it("R16 a reply shares a discount code only while it is active, else says why", () => {
    fc.assert(
      fc.property(
        replyable().chain((r) => fc.tuple(fc.constant(r), chatter(r.state), discountShape)),
        ([r, staff, shape]) => {
          const discount = discountAt(shape, r.now)
          const out = decide(
            r.state,
            {
              _tag: "SendReply",
              messageId: "md" as MessageId,
              staff,
              text: "",
              products: [],
              discount,
              image: null,
            },
            r.now,
          )
          assert.strictEqual(Result.isSuccess(out), isActive(discount, r.now))
          if (Result.isFailure(out)) assert.strictEqual(out.failure._tag, "DiscountInactive")
        },
      ),
    )
  })

  it("R17 a code is applicable from the chat only once shared in it, and stays saved in the session", () => {
    fc.assert(
      fc.property(
        replyable().chain((r) => fc.tuple(fc.constant(r), chatter(r.state), discountShape, discountCode)),
        ([r, staff, shape, other]) => {
          const discount = {
            ...discountAt(shape, r.now),
            enabled: true,
            startsAt: instant(0),
            endsAt: null,
            usageLimit: null,
          }
          const before = apply(r.state, { _tag: "ApplySharedDiscount", code: discount.code }, r.now)
          assert.strictEqual(before.error === null, r.state.sharedDiscounts.includes(discount.code))
          const shared = apply(
            r.state,
            {
              _tag: "SendReply",
              messageId: "ms" as MessageId,
              staff,
              text: "",
              products: [],
              discount,
              image: null,
            },
            r.now,
          )
          assert.isNull(shared.error)
          assert.include(shared.state.sharedDiscounts, discount.code)
          const applied = apply(shared.state, { _tag: "ApplySharedDiscount", code: discount.code }, r.now)
          assert.isNull(applied.error)
          assert.strictEqual(applied.state.appliedDiscount, discount.code)
          // Saved: later activity does not forget it.
          const later = apply(applied.state, customerSays("merci"), r.now + 1)
          assert.include(later.state.sharedDiscounts, discount.code)
          const unknown = apply(shared.state, { _tag: "ApplySharedDiscount", code: other }, r.now)
          assert.strictEqual(unknown.error === null, shared.state.sharedDiscounts.includes(other))
        },
      ),
    )
  })

  it("R19 only a staff member of the shop with the chat permission can be assigned; unassigning empties it", () => {
    fc.assert(
      fc.property(
        reached().chain((r) => fc.tuple(fc.constant(r), chatter(r.state), staffMember(r.state.shopId))),
        ([r, actor, assignee]) => {
          const out = apply(r.state, { _tag: "AssignConversation", staff: actor, assignee }, r.now)
          const allowed = assignee.shopId === r.state.shopId && canChat(assignee)
          assert.strictEqual(out.error === null, allowed)
          if (!allowed) assert.include(["StaffNotInShop", "AssigneeLacksChatPermission"], out.error?._tag)
          assert.strictEqual(out.state.assignee, allowed ? assignee.id : r.state.assignee)
          const un = apply(out.state, { _tag: "UnassignConversation", staff: actor }, r.now)
          assert.isNull(un.state.assignee)
        },
      ),
    )
  })
})
