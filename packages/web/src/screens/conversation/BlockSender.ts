/**
 * Block or unblock the sender of the open conversation. A blocked sender's messages are kept but land closed,
 * silently, in the Blocked list; unblocking brings the conversation back to Open.
 */
import { Conversation } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { InboxRow } from "../../api/types.ts"
import { h } from "../../components/element.ts"
import { ui } from "../../i18n/Locale.ts"

/** The row as answered, with `blocked` spelled out so merging it into a view also clears it. */
const answer = async (p: Promise<{ conversation: InboxRow }>) => {
  const r = await p
  return { conversation: { ...r.conversation, blocked: Conversation.isBlocked(r.conversation) } }
}

export const blockSender = (id: string) => answer(Api.block(id))
export const unblockSender = (id: string) => answer(Api.unblock(id))

export const blockToggle = (
  row: Pick<InboxRow, "conversationId" | "blocked">,
  act: (f: () => Promise<{ conversation: InboxRow }>, message?: string) => Promise<void>,
): HTMLElement => {
  const t = ui().block
  const blocked = Conversation.isBlocked(row)
  return h(
    "button",
    {
      type: "button",
      class: `button${blocked ? "" : " button--critical"}`,
      "data-focus-key": "block",
      onclick: () => {
        if (!blocked && !confirm(t.confirm)) return
        void act(
          () => (blocked ? unblockSender(row.conversationId) : blockSender(row.conversationId)),
          blocked ? t.unblocked : t.blocked,
        )
      },
    },
    blocked ? t.unblock : t.block,
  )
}
