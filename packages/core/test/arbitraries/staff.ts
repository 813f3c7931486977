/** Staff of the conversation's shop or of another one, with or without the chat permission. */
import fc from "fast-check"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import type { ShopId } from "../../src/ids.ts"
import { shopId as anyShopId, staffId } from "./ids.ts"

export const staffMember = (home: ShopId): fc.Arbitrary<StaffMember> =>
  fc.record({
    id: staffId,
    shopId: fc.oneof(
      { weight: 4, arbitrary: fc.constant(home) },
      { weight: 1, arbitrary: anyShopId.filter((s) => s !== home) },
    ),
    name: fc.constantFrom("Alice", "Bérénice", "陈", "Zoë"),
    isOwner: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
    chatPermission: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
  })

/** A few distinct staff members (distinct ids, so one id never means two people). */
export const staffPool = (home: ShopId): fc.Arbitrary<ReadonlyArray<StaffMember>> =>
  fc.uniqueArray(staffMember(home), { minLength: 1, maxLength: 4, selector: (s) => s.id })
