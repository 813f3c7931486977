/** Opens the libSQL client on Node: a local file by default (WAL), or a remote `libsql://`/`http://` URL. */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { type Client, createClient } from "@libsql/client"
import type { Settings } from "../config/Settings.ts"
import { openFileClient } from "./client.file.ts"

/** The repository root (this file is packages/edge/src/db/client.node.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..")

export const defaultDbUrl = (): string => `file:${resolve(repoRoot, ".data", "inbox.db")}`

export interface DbConfig {
  readonly url: string
  readonly authToken?: string | undefined
}

/** The database of the settings (config/Settings.ts), the file beside the repository by default. */
export const dbConfigOf = (settings: Settings): DbConfig => ({
  url: settings.dbUrl ?? defaultDbUrl(),
  authToken: settings.dbAuthToken ?? undefined,
})

/**
 * A `file:` database opens in process with its prepared statements kept (client.file.ts), in WAL mode (readers
 * beside the one writer; a busy timeout covers a second process), its folder created on first start; any other
 * URL through @libsql/client.
 */
export const openClient = async (config: DbConfig): Promise<Client> => {
  if (config.url.startsWith("file:")) {
    const path = config.url.slice("file:".length).split("?")[0]!
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true })
    return openFileClient(path)
  }
  return createClient(
    config.authToken === undefined ? { url: config.url } : { url: config.url, authToken: config.authToken },
  )
}
