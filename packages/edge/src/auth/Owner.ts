/** The shop owner's settings (store connection, channels, storefront origins, imports): the one check. */
import { Effect } from "effect"
import { StaffNotOwner } from "../http/EdgeErrors.ts"
import type { StaffRecord } from "../repo/Directory.ts"

export const requireOwner = (staff: StaffRecord): Effect.Effect<void, StaffNotOwner> =>
  staff.isOwner ? Effect.void : Effect.fail(new StaffNotOwner())
