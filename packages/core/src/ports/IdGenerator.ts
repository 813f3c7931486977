/** Port: fresh identifiers, injected so the core stays deterministic under test. */
import { Context, type Effect } from "effect"

export class IdGenerator extends Context.Service<
  IdGenerator,
  {
    /** A new, unique, URL-safe id (e.g. a UUID without dashes). */
    readonly next: Effect.Effect<string>
  }
>()("@inbox/core/ports/IdGenerator") {}
