/**
 * The Pages and Instagram accounts each shop connected. The Send API token is sealed with the SecretBox for
 * its own row (shop, platform, account), so a database dump reveals no token and a token copied to another
 * row does not open. An account belongs to one shop: connecting it again elsewhere is refused. @see R0.1, R2
 */
import type { Ids } from "@inbox/core"
import type { ConnectedMetaAccount, MetaAccountBody, MetaPlatform } from "@inbox/core/wire"
import { and, eq } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { SecretBox } from "../auth/SecretBox.ts"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { MetaAccountTaken } from "../http/EdgeErrors.ts"
import { tryStore } from "./Conversations.ts"

/** A connected account with its token opened, for the Send API only. */
export interface SendingAccount extends ConnectedMetaAccount {
  readonly accessToken: string
}

export class MetaAccounts extends Context.Service<
  MetaAccounts,
  {
    readonly connect: (
      shopId: Ids.ShopId,
      account: MetaAccountBody,
      now: number,
    ) => Effect.Effect<ConnectedMetaAccount, MetaAccountTaken | StoreUnavailable>
    readonly disconnect: (
      shopId: Ids.ShopId,
      platform: MetaPlatform,
      accountId: string,
    ) => Effect.Effect<boolean, StoreUnavailable>
    readonly ofShop: (
      shopId: Ids.ShopId,
    ) => Effect.Effect<ReadonlyArray<ConnectedMetaAccount>, StoreUnavailable>
    /** The shop a webhook entry is for (Meta names the account, not the shop), or null. */
    readonly shopOf: (
      platform: MetaPlatform,
      accountId: string,
    ) => Effect.Effect<Ids.ShopId | null, StoreUnavailable>
    /** The shop's account on a platform with its token, or null when none is connected (or it does not open). */
    readonly sending: (
      shopId: Ids.ShopId,
      platform: MetaPlatform,
      accountId?: string,
    ) => Effect.Effect<SendingAccount | null, StoreUnavailable>
  }
>()("@inbox/edge/repo/MetaAccounts") {}

const context = (shopId: string, platform: string, accountId: string): string =>
  `shop/${shopId}/meta/${platform}/${accountId}`

const toConnected = (r: typeof t.metaAccounts.$inferSelect): ConnectedMetaAccount => ({
  platform: r.platform as MetaPlatform,
  accountId: r.accountId,
  pageId: r.pageId,
  name: r.name,
  connectedAt: r.connectedAt as ConnectedMetaAccount["connectedAt"],
})

export const layer: Layer.Layer<MetaAccounts, never, Database | SecretBox> = Layer.effect(
  MetaAccounts,
  Effect.gen(function* () {
    const { db } = yield* Database
    const box = yield* SecretBox
    const row = (platform: string, accountId: string) =>
      tryStore(() =>
        db
          .select()
          .from(t.metaAccounts)
          .where(and(eq(t.metaAccounts.platform, platform), eq(t.metaAccounts.accountId, accountId))),
      ).pipe(Effect.map((rows) => rows[0] ?? null))
    return MetaAccounts.of({
      connect: Effect.fn("MetaAccounts.connect")(function* (shopId, account, now) {
        const existing = yield* row(account.platform, account.accountId)
        if (existing !== null && existing.shopId !== shopId)
          return yield* Effect.fail(new MetaAccountTaken({ accountId: account.accountId }))
        const sealed = yield* Effect.promise(() =>
          box.seal(account.accessToken, context(shopId, account.platform, account.accountId)),
        )
        const values = {
          platform: account.platform,
          accountId: account.accountId,
          shopId,
          pageId: account.pageId,
          name: account.name,
          accessToken: sealed,
          connectedAt: now,
        }
        // Only this shop's row is replaced: the guard keeps a concurrent connect by another shop out.
        const written = yield* tryStore(() =>
          db
            .insert(t.metaAccounts)
            .values(values)
            .onConflictDoUpdate({
              target: [t.metaAccounts.platform, t.metaAccounts.accountId],
              set: { pageId: values.pageId, name: values.name, accessToken: sealed, connectedAt: now },
              setWhere: eq(t.metaAccounts.shopId, shopId),
            })
            .returning(),
        )
        if (written[0] === undefined)
          return yield* Effect.fail(new MetaAccountTaken({ accountId: account.accountId }))
        return toConnected(written[0])
      }),
      disconnect: Effect.fn("MetaAccounts.disconnect")(function* (shopId, platform, accountId) {
        const gone = yield* tryStore(() =>
          db
            .delete(t.metaAccounts)
            .where(
              and(
                eq(t.metaAccounts.shopId, shopId),
                eq(t.metaAccounts.platform, platform),
                eq(t.metaAccounts.accountId, accountId),
              ),
            )
            .returning({ accountId: t.metaAccounts.accountId }),
        )
        return gone.length > 0
      }),
      ofShop: Effect.fn("MetaAccounts.ofShop")(function* (shopId) {
        const rows = yield* tryStore(() =>
          db.select().from(t.metaAccounts).where(eq(t.metaAccounts.shopId, shopId)),
        )
        return rows.map(toConnected)
      }),
      shopOf: Effect.fn("MetaAccounts.shopOf")(function* (platform, accountId) {
        const r = yield* row(platform, accountId)
        return r === null ? null : (r.shopId as Ids.ShopId)
      }),
      sending: Effect.fn("MetaAccounts.sending")(function* (shopId, platform, accountId) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.metaAccounts)
            .where(
              and(
                eq(t.metaAccounts.shopId, shopId),
                eq(t.metaAccounts.platform, platform),
                ...(accountId === undefined ? [] : [eq(t.metaAccounts.accountId, accountId)]),
              ),
            )
            .limit(1),
        )
        const r = rows[0]
        if (r === undefined) return null
        const token = yield* Effect.promise(() =>
          box.open(r.accessToken, context(shopId, r.platform, r.accountId)),
        )
        return token === null ? null : { ...toConnected(r), accessToken: token }
      }),
    })
  }),
)
