/**
 * The commerce port as the app sees it: each shop's calls go to its connected Shopify store, or to the
 * built-in tables when it has none. The connection is read on every call, so a revoked token (app
 * uninstalled, disconnect) stops Shopify calls at once.
 */
import { Commerce, CommerceErrors, type Ids } from "@inbox/core"
import { Effect, Layer } from "effect"
import { Database } from "../db/Database.ts"
import * as Builtin from "./builtin.ts"
import { shopifyCommerce } from "./shopify/adapter.ts"
import { StoreConnections } from "./shopify/connections.ts"
import { ShopifySettings } from "./shopify/settings.ts"

type Service = Commerce.Commerce["Service"]

export const layer: Layer.Layer<Commerce.Commerce, never, Database | StoreConnections | ShopifySettings> =
  Layer.effect(
    Commerce.Commerce,
    Effect.gen(function* () {
      const builtin = yield* Commerce.Commerce.pipe(Effect.provide(Builtin.layer))
      const { db } = yield* Database
      const connections = yield* StoreConnections
      const settings = yield* ShopifySettings
      const storeOf = (shopId: Ids.ShopId): Effect.Effect<Service, CommerceErrors.CommerceUnavailable> =>
        connections.active(shopId).pipe(
          Effect.mapError(() => new CommerceErrors.CommerceUnavailable({ reason: "unreachable" })),
          Effect.map((active) =>
            active === null
              ? builtin
              : shopifyCommerce({
                  db,
                  settings,
                  shopId,
                  session: active.session,
                  catalogueSyncedAt: active.lastSyncAt,
                }),
          ),
        )
      const via = <A, E>(shopId: Ids.ShopId, f: (s: Service) => Effect.Effect<A, E>) =>
        storeOf(shopId).pipe(Effect.flatMap(f))
      return Commerce.Commerce.of({
        searchProducts: (shopId, term, limit) => via(shopId, (s) => s.searchProducts(shopId, term, limit)),
        productsByIds: (shopId, ids) => via(shopId, (s) => s.productsByIds(shopId, ids)),
        variantsOf: (shopId, ids) => via(shopId, (s) => s.variantsOf(shopId, ids)),
        variant: (shopId, id) => via(shopId, (s) => s.variant(shopId, id)),
        searchDiscounts: (shopId, term) => via(shopId, (s) => s.searchDiscounts(shopId, term)),
        discount: (shopId, code) => via(shopId, (s) => s.discount(shopId, code)),
        customer: (shopId, ref, since) => via(shopId, (s) => s.customer(shopId, ref, since)),
        orders: (shopId, ref, page) => via(shopId, (s) => s.orders(shopId, ref, page)),
        setCustomerNote: (shopId, ref, note) => via(shopId, (s) => s.setCustomerNote(shopId, ref, note)),
      })
    }),
  )
