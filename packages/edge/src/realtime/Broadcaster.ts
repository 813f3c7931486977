/** Port: tell the shop's live sockets what was just committed. Node hosts it in process; Workers in the shop's DO. */
import type { Ids } from "@inbox/core"
import type { Delivery } from "@inbox/core/wire"
import { Context, Effect, Layer } from "effect"
import type { Committed } from "../repo/Conversations.ts"

export class Broadcaster extends Context.Service<
  Broadcaster,
  {
    /** Called after the commit only, so a socket never sees an event the store does not hold. */
    readonly committed: (shopId: Ids.ShopId, committed: Committed) => Effect.Effect<void>
    readonly deliveryUpdated: (
      shopId: Ids.ShopId,
      conversationId: string,
      seq: number,
      delivery: Delivery,
    ) => Effect.Effect<void>
    /** A session ended or a permission changed: open merchant sockets are re-checked now. @see R0.2 */
    readonly staffChanged: (shopId: Ids.ShopId) => Effect.Effect<void>
  }
>()("@inbox/edge/realtime/Broadcaster") {}

/** No sockets (scripts, the seed). */
export const layerSilent: Layer.Layer<Broadcaster> = Layer.succeed(Broadcaster, {
  committed: () => Effect.void,
  deliveryUpdated: () => Effect.void,
  staffChanged: () => Effect.void,
})
