/** The shopper's API: the demo store, the chat, the cart and shared codes. @see R0.3, R6, R7, R17 */
import {
  ApplyDiscountBody,
  CartChangeBody,
  ChatMessageBody,
  type ChatMessageSent,
  ShopPath,
  StartChatBody,
} from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, shopper } from "../http/middleware/auth.ts"
import { clientAddress, DEFAULT_RATE_LIMITS, rateLimit } from "../http/middleware/rateLimit.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Shopper from "../workflows/Shopper.ts"

export const storefrontRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  const limits = runtime.rateLimits ?? DEFAULT_RATE_LIMITS
  // One bucket per chat session for the chat, one per address for the public store and chat starts.
  const perAddress = rateLimit(limits.storefront, clientAddress)
  const chat = new Hono<AppEnv>()
    .use(shopper(runtime))
    .use(rateLimit(limits.chat, (c) => `${c.get("chat").shopId}/${c.get("chat").conversationId}`))
    .get("/", async (c) => c.json(await run(Shopper.chatView(c.get("chat"))), 200))
    .post("/messages", valid("json", ChatMessageBody), async (c) => {
      const answer = await run(Shopper.sendMessage(c.get("chat"), c.req.valid("json")))
      return c.json(answer.body as ChatMessageSent, 201)
    })
    .post("/cart", valid("json", CartChangeBody), async (c) => {
      const { variantId, quantity, clientActionId } = c.req.valid("json")
      return c.json(await run(Shopper.addToCart(c.get("chat"), variantId, quantity, clientActionId)), 200)
    })
    .post("/cart/remove", valid("json", CartChangeBody), async (c) => {
      const { variantId, quantity, clientActionId } = c.req.valid("json")
      return c.json(
        await run(Shopper.removeFromCart(c.get("chat"), variantId, quantity, clientActionId)),
        200,
      )
    })
    .post("/discount", valid("json", ApplyDiscountBody), async (c) =>
      c.json(await run(Shopper.applyDiscount(c.get("chat"), c.req.valid("json").code)), 200),
    )
  return new Hono<AppEnv>()
    .route("/chat", chat)
    .get("/:shopId", perAddress, valid("param", ShopPath), async (c) =>
      c.json(await run(Shopper.store(c.req.valid("param").shopId)), 200),
    )
    .post("/:shopId/chat", perAddress, valid("param", ShopPath), valid("json", StartChatBody), async (c) =>
      c.json(await run(Shopper.startChat(c.req.valid("param").shopId, c.req.valid("json"))), 201),
    )
}
