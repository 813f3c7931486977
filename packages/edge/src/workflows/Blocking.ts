/** Block and unblock the sender of a conversation (rules in core decide: BlockSender, UnblockSender). */
import { ConversationErrors, type Ids } from "@inbox/core"
import type { ConversationResponse } from "@inbox/core/wire"
import { Effect } from "effect"
import { Conversations, rowFor } from "../repo/Conversations.ts"
import type { StaffRecord } from "../repo/Directory.ts"
import { member, publish } from "./Merchant.ts"

const run = (staff: StaffRecord, id: Ids.ConversationId, tag: "BlockSender" | "UnblockSender") =>
  Effect.gen(function* () {
    const committed = yield* (yield* Conversations).execute({
      shopId: staff.shopId,
      conversationId: id,
      command: (state) =>
        state === null
          ? Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: id }))
          : Effect.succeed({ _tag: tag, staff: member(staff) }),
      onCommitted: publish(staff.shopId),
    })
    const body: ConversationResponse = { conversation: rowFor(committed, staff.id) }
    return body
  })

export const block = (staff: StaffRecord, id: Ids.ConversationId) => run(staff, id, "BlockSender")
export const unblock = (staff: StaffRecord, id: Ids.ConversationId) => run(staff, id, "UnblockSender")
