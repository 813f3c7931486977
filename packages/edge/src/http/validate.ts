/**
 * Request validation with the wire Schemas: a mismatch is a 400 InvalidRequest carrying the issue paths. Every
 * input also passes core's one text rule: each string in it is well-formed Unicode (H2).
 */
import { sValidator } from "@hono/standard-validator"
import { Text } from "@inbox/core"
import type { StandardSchemaV1 } from "@standard-schema/spec"
import { Schema } from "effect"
import type { ValidationTargets } from "hono"
import { InvalidRequest } from "./EdgeErrors.ts"

const invalid = <T>(
  result:
    | { success: true; data: T }
    | { success: false; error: ReadonlyArray<StandardSchemaV1.Issue>; data: T },
): void => {
  if (result.success) return
  throw new InvalidRequest({
    issues: result.error.map((i) => ({
      path: (i.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p)),
      message: i.message,
    })),
  })
}

/** `sValidator(target, Schema.toStandardSchemaV1(schema), hook)` with the app's hook. */
export const valid = <Target extends keyof ValidationTargets, S extends Schema.Top & Schema.Decoder<unknown>>(
  target: Target,
  schema: S,
) => sValidator(target, Schema.toStandardSchemaV1(Text.wellFormed(schema)), invalid)
