/** Merchant image upload (type by magic bytes, size-limited) and download with the right headers. @see R18 */
import { type Ids, Time } from "@inbox/core"
import { ImagePath, type ImageUploaded, MAX_IMAGE_BYTES } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { Hono } from "hono"
import { ImageNotFound, ImageTooLarge, ImageTypeNotAllowed } from "../http/EdgeErrors.ts"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
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

export const imageRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .get("/:id", valid("param", ImagePath), async (c) => {
      const { id } = c.req.valid("param")
      const found = await run(
        Effect.gen(function* () {
          const record = yield* (yield* Images).find(id)
          const bytes = record === null ? null : yield* (yield* ImageStore).get(imageKey(record.shopId, id))
          if (record === null || bytes === null) return yield* Effect.fail(new ImageNotFound({ imageId: id }))
          return { image: record.image, bytes }
        }),
      )
      return c.body(found.bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": found.image.contentType,
        "content-length": String(found.image.byteSize),
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
        "content-disposition": "inline",
      })
    })
    .use(chatStaff(runtime))
    .post("/", async (c) => {
      const staff = c.get("staff")
      const bytes = await readLimited(c.req.raw, MAX_IMAGE_BYTES)
      const body: ImageUploaded = await run(
        Effect.gen(function* () {
          if (bytes === null)
            return yield* Effect.fail(
              new ImageTooLarge({ byteSize: MAX_IMAGE_BYTES + 1, max: MAX_IMAGE_BYTES }),
            )
          const contentType = sniffImageType(bytes)
          if (contentType === null) return yield* Effect.fail(new ImageTypeNotAllowed())
          const id = `img_${crypto.randomUUID().replaceAll("-", "")}` as Ids.ImageId
          yield* (yield* ImageStore).put(imageKey(staff.shopId, id), bytes)
          const image = { id, contentType, byteSize: bytes.byteLength }
          yield* (yield* Images).add(
            staff.shopId,
            image,
            staff.id,
            Time.instant(yield* Clock.currentTimeMillis),
          )
          return { image, url: `/api/images/${id}` }
        }),
      )
      return c.json(body, 201)
    })
}
