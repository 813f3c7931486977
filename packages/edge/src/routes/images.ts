/** Merchant image upload (type by magic bytes, size-limited) and download with the right headers. @see R18 */
import { type Ids, newId, Time } from "@inbox/core"
import { type Api, MAX_IMAGE_BYTES } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { ImageNotFound, ImageTooLarge, ImageTypeNotAllowed } from "../http/EdgeErrors.ts"
import type { HttpHandlers } from "../http/serve.ts"
import { sniffImageType } from "../images/MagicBytes.ts"
import { ImageStore, Images, imageKey } from "../repo/Images.ts"

/** Reads at most `max + 1` bytes, so an oversized upload is refused without buffering all of it. */
const readLimited = async (request: Request, max: number): Promise<Uint8Array | null> => {
  const declared = Number(request.headers.get("content-length") ?? "0")
  if (declared > max) return null
  if (request.body === null) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Array<Uint8Array> = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > max) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out
}

export const imageHandlers: HttpHandlers<typeof Api.images> = {
  upload: ({ staff, body }) =>
    Effect.gen(function* () {
      const bytes = yield* Effect.promise(() => readLimited(body, MAX_IMAGE_BYTES))
      if (bytes === null)
        return yield* Effect.fail(new ImageTooLarge({ byteSize: MAX_IMAGE_BYTES + 1, max: MAX_IMAGE_BYTES }))
      const contentType = sniffImageType(bytes)
      if (contentType === null) return yield* Effect.fail(new ImageTypeNotAllowed())
      const id = (yield* newId("img")) as Ids.ImageId
      yield* (yield* ImageStore).put(imageKey(staff.shopId, id), bytes)
      const image = { id, contentType, byteSize: bytes.byteLength }
      yield* (yield* Images).add(staff.shopId, image, staff.id, Time.instant(yield* Clock.currentTimeMillis))
      return { image, url: `/api/images/${id}` }
    }),
  image: ({ params: { id } }) =>
    Effect.gen(function* () {
      const record = yield* (yield* Images).find(id)
      const bytes = record === null ? null : yield* (yield* ImageStore).get(imageKey(record.shopId, id))
      if (record === null || bytes === null) return yield* Effect.fail(new ImageNotFound({ imageId: id }))
      return {
        bytes,
        contentType: record.image.contentType,
        headers: { "cache-control": "private, max-age=31536000, immutable", "content-disposition": "inline" },
      }
    }),
}
