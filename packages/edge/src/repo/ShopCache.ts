/**
 * What a shop's settings read from the store, kept in this runtime's memory: every customer message needs
 * them, and they change rarely. Forgotten when this runtime saves them; read again after `freshMs` in case
 * another process did (a Durable Object is its shop's only writer, so there it is exact).
 */
import { Clock, Effect } from "effect"

export interface ShopCache<A> {
  /** The value known for the shop if still fresh, else what `load` reads (then kept). */
  readonly get: <E, R>(shopId: string, load: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  readonly forget: (shopId: string) => void
}

export const make = <A>(freshMs: number): ShopCache<A> => {
  const known = new Map<string, { readonly value: A; readonly at: number }>()
  // A save bumps the generation, so a read that started before it does not put the old value back.
  const generation = new Map<string, number>()
  return {
    get: (shopId, load) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const hit = known.get(shopId)
        if (hit !== undefined && now - hit.at < freshMs && now >= hit.at) return Effect.succeed(hit.value)
        const before = generation.get(shopId) ?? 0
        return Effect.tap(load, (value) =>
          Effect.sync(() => {
            if ((generation.get(shopId) ?? 0) === before) known.set(shopId, { value, at: now })
          }),
        )
      }),
    forget: (shopId) => {
      known.delete(shopId)
      generation.set(shopId, (generation.get(shopId) ?? 0) + 1)
    },
  }
}
