/** Applies the committed drizzle-kit migrations (idempotent: already applied ones are skipped). */
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { migrate } from "drizzle-orm/libsql/migrator"
import type { Db } from "./Database.ts"

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations")

export const applyMigrations = (db: Db): Promise<void> => migrate(db, { migrationsFolder })
