/** Image metadata per shop; the bytes sit behind the ImageStore port. @see R18 */
import type { Event, Ids } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export class Images extends Context.Service<
  Images,
  {
    readonly add: (
      shopId: Ids.ShopId,
      image: Event.ImageRef,
      uploadedBy: string,
      now: number,
    ) => Effect.Effect<void, StoreUnavailable>
    readonly get: (shopId: Ids.ShopId, id: string) => Effect.Effect<Event.ImageRef | null, StoreUnavailable>
    /** By id alone: image URLs are capabilities (128 random bits), so shoppers' <img> tags can load them. */
    readonly find: (
      id: string,
    ) => Effect.Effect<
      { readonly shopId: Ids.ShopId; readonly image: Event.ImageRef } | null,
      StoreUnavailable
    >
  }
>()("@inbox/edge/repo/Images") {}

/** Where image bytes live: a folder on Node, R2 on Workers. */
export class ImageStore extends Context.Service<
  ImageStore,
  {
    readonly put: (key: string, bytes: Uint8Array) => Effect.Effect<void, StoreUnavailable>
    readonly get: (key: string) => Effect.Effect<Uint8Array | null, StoreUnavailable>
  }
>()("@inbox/edge/repo/ImageStore") {}

export const imageKey = (shopId: string, id: string): string => `${shopId}/${id}`

export const layer: Layer.Layer<Images, never, Database> = Layer.effect(
  Images,
  Effect.gen(function* () {
    const { db } = yield* Database
    const toRef = (r: typeof t.images.$inferSelect): Event.ImageRef => ({
      id: r.id as Ids.ImageId,
      contentType: r.contentType as Event.ImageRef["contentType"],
      byteSize: r.byteSize,
    })
    return Images.of({
      find: Effect.fn("Images.find")(function* (id: string) {
        const rows = yield* tryStore(() => db.select().from(t.images).where(eq(t.images.id, id)))
        const r = rows[0]
        return r === undefined ? null : { shopId: r.shopId as Ids.ShopId, image: toRef(r) }
      }),
      add: Effect.fn("Images.add")(function* (shopId, image, uploadedBy, now) {
        yield* tryStore(() =>
          db.insert(t.images).values({
            id: image.id,
            shopId,
            contentType: image.contentType,
            byteSize: image.byteSize,
            uploadedBy,
            createdAt: now,
          }),
        )
      }),
      get: Effect.fn("Images.get")(function* (shopId: Ids.ShopId, id: string) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.images)
            .where(and(eq(t.images.shopId, shopId), eq(t.images.id, id))),
        )
        const r = rows[0]
        return r === undefined ? null : toRef(r)
      }),
    })
  }),
)
