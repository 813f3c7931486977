/**
 * Block or unblock the sender of the open conversation. A blocked sender's messages are kept but land closed,
 * silently, in the Blocked list; unblocking brings the conversation back to Open. Blocking asks first, in an
 * in-app dialog.
 */
import { Conversation } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { InboxRow } from "../../api/types.ts"
import { confirmDialog } from "../../components/Confirm.ts"
import type { MenuItem } from "../../components/Menu.ts"
import { ui } from "../../i18n/Locale.ts"

/** The row as answered, with `blocked` spelled out so merging it into a view also clears it. */
const answer = async (p: Promise<{ conversation: InboxRow }>) => {
  const r = await p
  return { conversation: { ...r.conversation, blocked: Conversation.isBlocked(r.conversation) } }
}

export const blockSender = (id: string) => answer(Api.block(id))
export const unblockSender = (id: string) => answer(Api.unblock(id))

/** The ⋯ menu's Block / Unblock entry. */
export const blockItem = (
  row: Pick<InboxRow, "conversationId" | "blocked" | "customerName">,
  act: (f: () => Promise<{ conversation: InboxRow }>, message?: string) => Promise<void>,
): MenuItem => {
  const t = ui().block
  const blocked = Conversation.isBlocked(row)
  return {
    label: blocked ? t.unblock : t.block,
    critical: !blocked,
    run: async () => {
      if (blocked) {
        void act(() => unblockSender(row.conversationId), t.unblocked)
        return
      }
      const sure = await confirmDialog({
        title: t.confirmTitle(row.customerName),
        body: t.confirm,
        confirm: t.block,
        cancel: t.cancel,
        critical: true,
      })
      if (sure) void act(() => blockSender(row.conversationId), t.blocked)
    },
  }
}
