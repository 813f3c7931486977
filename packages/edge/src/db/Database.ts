/** The Database service: one drizzle handle over a libSQL client, whatever the runtime or URL. */
import type { Client } from "@libsql/client"
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql"
import { Context, Layer, Schema } from "effect"
import * as schema from "./schema.ts"

export type Db = LibSQLDatabase<typeof schema>

export class Database extends Context.Service<Database, { readonly db: Db; readonly client: Client }>()(
  "@inbox/edge/db/Database",
) {}

/** The store did not answer (I/O, lock, network). Never a 4xx: the client may retry. */
export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  message: Schema.String,
}) {}

export const makeDb = (client: Client): Db => drizzle(client, { schema, casing: "snake_case" })

/** A layer over an already open client (tests and runtimes open it their own way). */
export const layerClient = (client: Client): Layer.Layer<Database> =>
  Layer.succeed(Database, { db: makeDb(client), client })
