/** Opens the libSQL client on Node: a local file by default (WAL), or a remote `libsql://`/`http://` URL. */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { type Client, createClient } from "@libsql/client"

/** The repository root (this file is packages/edge/src/db/client.node.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..")

export const defaultDbUrl = (): string => `file:${resolve(repoRoot, ".data", "inbox.db")}`

export interface DbConfig {
  readonly url: string
  readonly authToken?: string | undefined
}

export const dbConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): DbConfig => ({
  url: env.INBOX_DB_URL && env.INBOX_DB_URL !== "" ? env.INBOX_DB_URL : defaultDbUrl(),
  authToken: env.INBOX_DB_AUTH_TOKEN,
})

/** Creates the folder of a `file:` database on first start, and turns on WAL for it. */
export const openClient = async (config: DbConfig): Promise<Client> => {
  const isFile = config.url.startsWith("file:")
  if (isFile) {
    const path = config.url.slice("file:".length).split("?")[0]!
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true })
  }
  const client = createClient(
    config.authToken === undefined ? { url: config.url } : { url: config.url, authToken: config.authToken },
  )
  if (isFile) {
    // WAL lets readers run beside the single writer; the busy timeout covers a second process.
    await client.execute("PRAGMA journal_mode = WAL")
    await client.execute("PRAGMA busy_timeout = 5000")
    await client.execute("PRAGMA foreign_keys = ON")
  }
  return client
}
