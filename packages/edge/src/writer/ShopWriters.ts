/**
 * The writers of one runtime: one per shop, over the runtime's Database, sharing one memory budget for hot
 * conversations and recent answers. Node has one runtime per process (so one writer per shop); a shop's Durable
 * Object has its own runtime, with the one writer of its shop.
 */
import { Context, Effect, Layer } from "effect"
import { Database } from "../db/Database.ts"
import { advanceShopSeq, shopSeqOf } from "../repo/ConversationWrites.ts"
import { isConstraintViolation } from "../repo/UnitOfWork.ts"
import type { GroupStore } from "./Group.ts"
import { HotSet } from "./HotSet.ts"
import { ShopWriter } from "./ShopWriter.ts"

export class ShopWriters extends Context.Service<
  ShopWriters,
  {
    /** The shop's writer (made on first use). */
    readonly of: (shopId: string) => ShopWriter
    readonly hot: HotSet
  }
>()("@inbox/edge/writer/ShopWriters") {}

/** Some thousands of conversations (sized by their JSON, see Conversations), whatever the number of shops. */
export const DEFAULT_HOT_BYTES = 16 * 1024 * 1024

export const layerWith = (hotBytes: number): Layer.Layer<ShopWriters, never, Database> =>
  Layer.effect(
    ShopWriters,
    Effect.gen(function* () {
      const { client } = yield* Database
      const store: GroupStore = {
        commit: (statements) =>
          client.batch([...statements], "write").then(
            (results) => results,
            (cause: unknown) => {
              if (isConstraintViolation(cause)) return null
              throw cause
            },
          ),
        advance: advanceShopSeq,
        counterOf: shopSeqOf,
      }
      const hot = new HotSet(hotBytes)
      const writers = new Map<string, ShopWriter>()
      return ShopWriters.of({
        of: (shopId) => {
          let writer = writers.get(shopId)
          if (writer === undefined) {
            writer = new ShopWriter(shopId, store, hot)
            writers.set(shopId, writer)
          }
          return writer
        },
        hot,
      })
    }),
  )

export const layer: Layer.Layer<ShopWriters, never, Database> = layerWith(DEFAULT_HOT_BYTES)
