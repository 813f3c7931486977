/**
 * Request validation with the wire Schemas: a mismatch is a 400 InvalidRequest carrying the issue paths. Every
 * input also passes core's one text rule: each string in it is well-formed Unicode (H2).
 */
import { Text } from "@inbox/core"
import type { StandardSchemaV1 } from "@standard-schema/spec"
import { Effect, Schema } from "effect"
import { InvalidRequest } from "./EdgeErrors.ts"

const issuesOf = (issues: ReadonlyArray<StandardSchemaV1.Issue>) =>
  issues.map((i) => ({
    path: (i.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p)),
    message: i.message,
  }))

/** Each Schema's validator, built on its first request (building it is most of a small body's cost). */
const validators = new WeakMap<object, StandardSchemaV1<unknown, unknown>>()

const validate = async <S extends Schema.Codec<unknown, unknown>>(schema: S, value: unknown) => {
  let validator = validators.get(schema)
  if (validator === undefined) {
    validator = Schema.toStandardSchemaV1(Text.wellFormed(schema)) as StandardSchemaV1<unknown, unknown>
    validators.set(schema, validator)
  }
  return validator["~standard"].validate(value) as
    | StandardSchemaV1.Result<S["Type"]>
    | Promise<StandardSchemaV1.Result<S["Type"]>>
}

/** The decoded value, or a 400 InvalidRequest naming each issue's path. */
export const decodeOrInvalid = async <S extends Schema.Codec<unknown, unknown>>(
  schema: S,
  value: unknown,
): Promise<S["Type"]> => {
  const result = await validate(schema, value)
  if (result.issues !== undefined) throw new InvalidRequest({ issues: issuesOf(result.issues) })
  return result.value
}

const settle = <A>(result: StandardSchemaV1.Result<A>): Effect.Effect<A, InvalidRequest> =>
  result.issues === undefined
    ? Effect.succeed(result.value)
    : Effect.fail(new InvalidRequest({ issues: issuesOf(result.issues) }))

/**
 * `decodeOrInvalid` as an effect. A synchronous Schema (all of the wire's) is decoded in place: an async step
 * would suspend the request's fiber for nothing.
 */
export const decodeOrInvalidEffect = <S extends Schema.Codec<unknown, unknown>>(
  schema: S,
  value: unknown,
): Effect.Effect<S["Type"], InvalidRequest> =>
  Effect.suspend(() => {
    const result = validate(schema, value)
    return result instanceof Promise
      ? Effect.flatMap(
          Effect.promise(() => result),
          settle,
        )
      : settle(result)
  })
