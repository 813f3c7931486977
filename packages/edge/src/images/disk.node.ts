/** ImageStore on Node: one file per image under a folder (default `.data/images`). @see R18 */
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { dirname, join, resolve } from "node:path"
import { Effect, Layer } from "effect"
import { tryStore } from "../repo/Conversations.ts"
import { ImageStore } from "../repo/Images.ts"

/** Keys are `<shopId>/<imageId>` built from validated ids; anything else is refused, so no path escapes. */
const SAFE_KEY = /^[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/

export const layerDisk = (folder: string): Layer.Layer<ImageStore> =>
  Layer.succeed(ImageStore, {
    put: (key, bytes) =>
      SAFE_KEY.test(key)
        ? tryStore(async () => {
            const path = resolve(folder, key)
            await mkdir(dirname(path), { recursive: true })
            await writeFile(path, bytes)
          })
        : Effect.die(new Error(`unsafe image key ${key}`)),
    get: (key) =>
      SAFE_KEY.test(key)
        ? tryStore(() =>
            readFile(join(folder, key)).then(
              (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
              (e: NodeJS.ErrnoException) => {
                if (e.code === "ENOENT") return null
                throw e
              },
            ),
          )
        : Effect.succeed(null),
  })
