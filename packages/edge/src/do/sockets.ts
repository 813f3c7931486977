/**
 * The Durable Object's hibernatable sockets: who is behind each (its attachment, which survives hibernation)
 * and the checks on a frame before the room sees it, by the same wire Schemas and limits as the Node host.
 */

import { Text } from "@inbox/core"
import { MerchantClientFrame, ShopperClientFrame } from "@inbox/core/wire"
import { Schema } from "effect"
import { MAX_FRAME_BYTES } from "../realtime/ShopRoom.ts"

/** Who is behind a socket; survives hibernation in the socket's attachment. */
export type Attachment =
  | {
      readonly sid: string
      readonly role: "staff"
      readonly staffId: string
      /** The server-side session of the token that opened it: revoked with it. @see R0.2 */
      readonly session: string
      readonly viewing: string | null
    }
  | {
      readonly sid: string
      readonly role: "shopper"
      readonly customerId: string
      readonly conversationId: string
    }

export const decodeMerchantFrame = Schema.decodeUnknownOption(
  Schema.fromJsonString(Text.wellFormed(MerchantClientFrame)),
)
export const decodeShopperFrame = Schema.decodeUnknownOption(
  Schema.fromJsonString(Text.wellFormed(ShopperClientFrame)),
)
/** A tab's remembered Viewing is replayed into the rebuilt room as the frame it was, encoded by its Schema. */
export const encodeMerchantFrame = Schema.encodeUnknownSync(Schema.fromJsonString(MerchantClientFrame))

/** A frame's size in bytes (a string's UTF-8 length is at most three bytes per UTF-16 unit). */
export const frameBytes = (message: string | ArrayBuffer): number =>
  typeof message !== "string"
    ? message.byteLength
    : message.length * 3 <= MAX_FRAME_BYTES
      ? message.length
      : new TextEncoder().encode(message).byteLength

/** Close codes 1005 and 1006 are never sent on the wire: answer a close that carried none with 1000. */
export const reciprocalCode = (code: number): number => (code === 1005 || code === 1006 ? 1000 : code)
