/** Serves the built web app (packages/web/dist) on Node: its files, and index.html for any other page (SPA). */
import { readFile, stat } from "node:fs/promises"
import { extname, join, normalize, resolve, sep } from "node:path"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
}

const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  )

export const staticAssets = (folder: string) => {
  const root = resolve(folder)
  const fileResponse = async (path: string, immutable: boolean): Promise<Response> =>
    new Response(new Uint8Array(await readFile(path)), {
      headers: {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      },
    })
  return async (request: Request): Promise<Response | null> => {
    if (request.method !== "GET" && request.method !== "HEAD") return null
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(request.url).pathname)
    } catch {
      // The app refuses such paths first (400); a caller without that guard gets "not here", never a throw.
      return null
    }
    const candidate = normalize(join(root, pathname))
    if (candidate.startsWith(root + sep) && (await isFile(candidate)))
      return fileResponse(candidate, pathname.startsWith("/assets/"))
    if (pathname.startsWith("/assets/")) return null
    const fallback = join(root, "index.html")
    return (await isFile(fallback)) ? fileResponse(fallback, false) : null
  }
}
