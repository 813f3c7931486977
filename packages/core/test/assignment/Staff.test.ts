/** Properties of the chat permission and the assignee picker. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { assignable, canChat } from "../../src/assignment/Staff.ts"
import { shopId } from "../arbitraries/ids.ts"
import { staffMember } from "../arbitraries/staff.ts"

describe("staff", () => {
  it("R19 R0.2 the assignee picker offers exactly the staff who hold the chat permission (owners always do)", () => {
    fc.assert(
      fc.property(
        shopId.chain((s) => fc.array(staffMember(s), { maxLength: 10 })),
        (staff) => {
          const offered = assignable(staff)
          assert.deepStrictEqual(
            offered,
            staff.filter((s) => s.isOwner || s.chatPermission),
          )
          for (const s of offered) assert.isTrue(canChat(s))
        },
      ),
    )
  })
})
