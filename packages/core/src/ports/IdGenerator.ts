/** Port: fresh identifiers, injected so the core stays deterministic under test. */
import { Context, Effect } from "effect"

export class IdGenerator extends Context.Service<
  IdGenerator,
  {
    /** A new, unique, URL-safe id (e.g. a UUID without dashes). */
    readonly next: Effect.Effect<string>
  }
>()("@inbox/core/ports/IdGenerator") {}

/** A fresh id with a readable prefix: `newId("conv")` → `conv_<id>`. */
export const newId = (prefix: string): Effect.Effect<string, never, IdGenerator> =>
  IdGenerator.use((g) => g.next).pipe(Effect.map((id) => `${prefix}_${id}`))
