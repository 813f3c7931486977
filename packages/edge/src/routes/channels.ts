/** Where a reply will go, how the shop's channels are set up, and connecting a Meta page or account. @see R2 */
import type { Api } from "@inbox/core/wire"
import type { HttpHandlers } from "../http/serve.ts"
import * as Channels from "../workflows/Channels.ts"

export const channelHandlers: HttpHandlers<typeof Api.channels> = {
  destination: ({ staff, params, locale }) => Channels.destination(staff, params.id, locale),
  status: ({ staff }) => Channels.status(staff),
  connectMeta: ({ staff, body }) => Channels.connectMeta(staff, body),
  disconnectMeta: ({ staff, params }) => Channels.disconnectMeta(staff, params.platform, params.accountId),
}
