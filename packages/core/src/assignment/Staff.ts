/** Staff members and the online-store-chat permission. Pure; @see R0.2, R19 */
import { Schema } from "effect"
import { ShopId, StaffId } from "../ids.ts"

export const StaffMember = Schema.Struct({
  id: StaffId,
  shopId: ShopId,
  name: Schema.String,
  isOwner: Schema.Boolean,
  /** Holds the online-store-chat permission. */
  chatPermission: Schema.Boolean,
})
export type StaffMember = typeof StaffMember.Type

/** The shop owner always holds the permission. @see R0.2 */
export const canChat = (s: Pick<StaffMember, "isOwner" | "chatPermission">): boolean =>
  s.isOwner || s.chatPermission

/** Only staff who can chat are offered in the assignee picker. @see R19 */
export const assignable = <S extends Pick<StaffMember, "isOwner" | "chatPermission">>(
  staff: ReadonlyArray<S>,
): ReadonlyArray<S> => staff.filter(canChat)
