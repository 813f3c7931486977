/** Where a conversation started, which is also where replies leave. @see R1, R2 */
import { Schema } from "effect"

export const PLATFORMS = ["online_store_chat", "email", "shop_app", "messenger", "instagram"] as const
export const Platform = Schema.Literals(PLATFORMS)
export type Platform = typeof Platform.Type
