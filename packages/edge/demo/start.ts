/** `npm start`: the Node server with the demo shop "Maison Lumière" seeded into an empty database. */
import { serveFromEnv } from "../src/runtime/node.ts"
import { seedDemoIfEmpty } from "./seed.ts"

await serveFromEnv(seedDemoIfEmpty())
