/** drizzle-kit: generates the committed SQL migrations from src/db/schema.ts. */
import { defineConfig } from "drizzle-kit"

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: process.env.DRIZZLE_OUT ?? "./migrations",
  casing: "snake_case",
})
