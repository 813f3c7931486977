/** The merchant inbox: list, thread, replies, status, read state, assignment, blocking, retries. @see R2–R5, R15–R19 */
import type { Api } from "@inbox/core/wire"
import type { HttpHandlers } from "../http/serve.ts"
import * as Blocking from "../workflows/Blocking.ts"
import * as Deliveries from "../workflows/Deliveries.ts"
import * as Merchant from "../workflows/Merchant.ts"

export const conversationHandlers: HttpHandlers<typeof Api.conversations> = {
  list: ({ staff, query }) => Merchant.listInbox(staff, query),
  detail: ({ staff, params, locale }) => Merchant.conversationDetail(staff, params.id, locale),
  reply: ({ staff, params, body, locale }) => Merchant.reply(staff, params.id, body, locale),
  setStatus: ({ staff, params, body }) => Merchant.setStatus(staff, params.id, body.status),
  markRead: ({ staff, params }) => Merchant.markRead(staff, params.id),
  markUnread: ({ staff, params }) => Merchant.markUnread(staff, params.id),
  assign: ({ staff, params, body }) => Merchant.assign(staff, params.id, body.staffId),
  unassign: ({ staff, params }) => Merchant.unassign(staff, params.id),
  block: ({ staff, params }) => Blocking.block(staff, params.id),
  unblock: ({ staff, params }) => Blocking.unblock(staff, params.id),
}

export const deliveryHandlers: HttpHandlers<typeof Api.deliveries> = {
  retry: ({ staff, params }) => Deliveries.retry(staff, params.id, params.seq),
}
