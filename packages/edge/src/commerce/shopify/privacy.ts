/**
 * Shopify's mandatory privacy requests. customers/redact removes or anonymises that customer's personal
 * data in every table, in one atomic batch: conversations stay (they are never deleted, R3) but what the
 * customer wrote, their contact details and every mention of them are gone (the rules are the core's
 * Redaction); shop/redact forgets everything read from the store; customers/data_request is recorded
 * (ids only). @see R3, R20, R21
 * Longer than most modules because one redaction must name every table and column
 * it touches, in one batch.
 */
import { Conversation, type Event, type Ids, Redaction } from "@inbox/core"
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm"
import type { BatchItem } from "drizzle-orm/batch"
import { Effect, Schema } from "effect"
import { Database, type Db } from "../../db/Database.ts"
import * as t from "../../db/schema.ts"
import { tryStore } from "../../repo/Conversations.ts"
import { ImageStore } from "../../repo/Images.ts"
import { indexedText, MESSAGE_TAGS } from "../../repo/Search.ts"

/** Tables and their text columns that hold a shop's rows, read from the database itself (new tables included). */
const shopTextColumns = (db: Db) =>
  tryStore(async () => {
    const tables = await db.all<{ name: string }>(
      sql`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'`,
    )
    const out: Array<{ table: string; columns: Array<string> }> = []
    for (const { name } of tables) {
      const cols = await db.all<{ name: string; type: string; pk: number }>(
        sql`SELECT name, type, pk FROM pragma_table_info(${name})`,
      )
      if (!cols.some((c) => c.name === "shop_id")) continue
      // FTS5 columns have no declared type; drizzle's text and JSON columns are TEXT. Keys and ids are never
      // rewritten (a detail inside an id would corrupt it, and ids identify nobody by themselves).
      const text = cols.filter(
        (c) =>
          c.pk === 0 &&
          c.name !== "id" &&
          !c.name.endsWith("_id") &&
          c.name !== "key" &&
          (c.type === "" || c.type.toUpperCase() === "TEXT"),
      )
      if (text.length > 0) out.push({ table: name, columns: text.map((c) => c.name) })
    }
    return out
  })

export interface RedactRequest {
  readonly shopId: Ids.ShopId
  /** The store's id of the customer (Shopify's numeric id). */
  readonly storeCustomerId: string | null
  readonly email: string | null
  readonly phone: string | null
}

/** Removes the customer's personal data everywhere; answers how many inbox customers it found. */
export const redactCustomer = Effect.fn("Privacy.redactCustomer")(function* (r: RedactRequest) {
  const { db } = yield* Database
  const email = r.email?.trim().toLowerCase() ?? ""
  const phone = r.phone?.trim() ?? ""
  const storeId = r.storeCustomerId
  const linked =
    storeId === null
      ? []
      : yield* tryStore(() =>
          db
            .select({ id: t.customerLinks.customerId })
            .from(t.customerLinks)
            .where(
              and(
                eq(t.customerLinks.shopId, r.shopId),
                eq(t.customerLinks.source, "shopify"),
                eq(t.customerLinks.storeCustomerId, storeId),
              ),
            )
            .union(
              // The storefront's signed-in customer: the theme signs Shopify's own customer id.
              db
                .select({ id: t.customerIdentities.customerId })
                .from(t.customerIdentities)
                .where(
                  and(
                    eq(t.customerIdentities.shopId, r.shopId),
                    eq(t.customerIdentities.externalId, storeId),
                  ),
                ),
            ),
        )
  const matches = [
    ...(email === "" ? [] : [eq(sql`lower(${t.customers.email})`, email)]),
    ...(phone === "" ? [] : [eq(t.customers.phone, phone)]),
    ...(linked.length === 0
      ? []
      : [
          inArray(
            t.customers.id,
            linked.map((l) => l.id),
          ),
        ]),
  ]
  const people =
    matches.length === 0
      ? []
      : yield* tryStore(() =>
          db
            .select()
            .from(t.customers)
            .where(and(eq(t.customers.shopId, r.shopId), or(...matches))),
        )
  const ids = people.map((p) => p.id)
  const conversations =
    ids.length === 0
      ? []
      : yield* tryStore(() =>
          db
            .select()
            .from(t.conversations)
            .where(and(eq(t.conversations.shopId, r.shopId), inArray(t.conversations.customerId, ids))),
        )
  const conversationIds = conversations.map((c) => c.id)
  const events =
    conversationIds.length === 0
      ? []
      : yield* tryStore(() =>
          db
            .select()
            .from(t.conversationEvents)
            .where(inArray(t.conversationEvents.conversationId, conversationIds)),
        )
  const written = events.flatMap((e) =>
    e.tag === "CustomerMessageReceived" ? [String((e.payload as { text?: unknown }).text ?? "")] : [],
  )
  // Contact details are searched for everywhere; what they wrote only where it is theirs (their events,
  // replay answers), since a short message ("where is my order?") can be anyone's words too.
  const details = Redaction.needles([
    r.email,
    r.phone,
    ...people.flatMap((p) => [p.name === Redaction.REDACTED_NAME ? null : p.name, p.email, p.phone]),
  ])
  // In their own conversations, a part of their name ("Hello Ana!") is theirs too.
  const nameParts = people.flatMap((p) => (p.name === Redaction.REDACTED_NAME ? [] : p.name.split(/\s+/)))
  const theirWords = Redaction.needles([...details, ...nameParts, ...written])

  const statements: Array<BatchItem<"sqlite">> = []
  /** Originals of their emails in the blob store, emptied once the batch has committed. */
  const rawKeys: Array<string> = []
  for (const e of events) {
    const redacted = Redaction.redactEvent(e.payload as Event.ConversationEvent, theirWords)
    if (JSON.stringify(redacted) !== JSON.stringify(e.payload))
      statements.push(
        db
          .update(t.conversationEvents)
          .set({ payload: redacted })
          .where(
            and(
              eq(t.conversationEvents.conversationId, e.conversationId),
              eq(t.conversationEvents.seq, e.seq),
            ),
          ),
      )
  }
  for (const c of conversations) {
    const state = Schema.decodeUnknownOption(Conversation.Conversation)(c.state)
    statements.push(
      db
        .update(t.conversations)
        .set({
          customerEmail: null,
          ...(state._tag === "Some" ? { state: Redaction.redactConversation(state.value, theirWords) } : {}),
        })
        .where(eq(t.conversations.id, c.id)),
    )
  }
  if (conversationIds.length > 0) {
    const rows = yield* tryStore(() =>
      db.select().from(t.inboxRows).where(inArray(t.inboxRows.conversationId, conversationIds)),
    )
    for (const row of rows) {
      const last = row.lastMessage as { author: string; text: string } | null
      statements.push(
        db
          .update(t.inboxRows)
          .set({
            customerName: Redaction.REDACTED_NAME,
            searchText: Redaction.REDACTED_NAME.toLowerCase(),
            customerEmail: null,
            lastMessage:
              last === null
                ? null
                : { ...last, text: last.author === "customer" ? "" : Redaction.scrub(last.text, theirWords) },
          })
          .where(eq(t.inboxRows.conversationId, row.conversationId)),
      )
    }
    // The message index is rebuilt from the redacted log, for the events it had already indexed (a search
    // indexes the later ones from the log itself, see repo/Search.ts).
    const list = sql.join(
      conversationIds.map((id) => sql`${id}`),
      sql`, `,
    )
    const tags = sql.join(
      MESSAGE_TAGS.map((x) => sql`${x}`),
      sql`, `,
    )
    statements.push(
      db.run(sql`DELETE FROM message_search WHERE conversation_id IN (${list})`),
      db.run(
        sql`INSERT INTO message_search (text, shop_id, conversation_id, seq) SELECT ${sql.raw(indexedText("payload"))}, shop_id, conversation_id, seq FROM conversation_events e WHERE conversation_id IN (${list}) AND tag IN (${tags}) AND json_extract(payload, '$.text') <> '' AND shop_seq <= coalesce((SELECT indexed_through FROM message_search_progress p WHERE p.shop_id = e.shop_id), 0)`,
      ),
      // Replies still queued for the customer's address have nowhere to go now.
      db
        .update(t.outbox)
        .set({ recipient: null, status: "failed", reason: "redacted" })
        .where(
          and(
            inArray(t.outbox.conversationId, conversationIds),
            inArray(t.outbox.status, ["queued", "held"]),
          ),
        ),
      db.update(t.outbox).set({ recipient: null }).where(inArray(t.outbox.conversationId, conversationIds)),
      // Their emails stay as records of the thread, without who sent them, their subject or the original.
      db
        .update(t.emails)
        .set({ fromAddress: null, subject: null, rawKey: null, byteSize: null })
        .where(inArray(t.emails.conversationId, conversationIds)),
    )
    // A queued reply's payload carries the reply event (their words quoted, their name in it).
    const queued = yield* tryStore(() =>
      db
        .select({ id: t.outbox.id, payload: t.outbox.payload })
        .from(t.outbox)
        .where(inArray(t.outbox.conversationId, conversationIds)),
    )
    for (const q of queued) {
      const payload = q.payload as { event?: Event.ConversationEvent } & Record<string, unknown>
      const redacted = {
        ...payload,
        ...(payload.event === undefined ? {} : { event: Redaction.redactEvent(payload.event, theirWords) }),
        ...("customerName" in payload ? { customerName: Redaction.REDACTED_NAME } : {}),
      }
      statements.push(db.update(t.outbox).set({ payload: redacted }).where(eq(t.outbox.id, q.id)))
    }
    const originals = yield* tryStore(() =>
      db
        .select({ rawKey: t.emails.rawKey })
        .from(t.emails)
        .where(and(inArray(t.emails.conversationId, conversationIds), isNotNull(t.emails.rawKey))),
    )
    rawKeys.push(...originals.flatMap((o) => (o.rawKey === null ? [] : [o.rawKey])))
  }
  for (const p of people)
    statements.push(
      db
        .update(t.customers)
        .set({
          name: Redaction.REDACTED_NAME,
          email: null,
          phone: null,
          city: null,
          province: null,
          country: null,
          timeZone: null,
          note: "",
          adminUrl: null,
          // The browser's anonymous id would let a returning visitor resume this record: it goes too.
          clientId: p.clientId === null ? null : `redacted-${p.id}`,
        })
        .where(eq(t.customers.id, p.id)),
    )
  if (ids.length > 0)
    statements.push(
      db
        .delete(t.customerLinks)
        .where(and(eq(t.customerLinks.shopId, r.shopId), inArray(t.customerLinks.customerId, ids))),
      // A later sign-in with the same store id starts afresh instead of resuming the redacted record.
      db
        .delete(t.customerIdentities)
        .where(and(eq(t.customerIdentities.shopId, r.shopId), inArray(t.customerIdentities.customerId, ids))),
    )
  if (storeId !== null)
    statements.push(
      db
        .delete(t.storeCache)
        .where(
          and(
            eq(t.storeCache.shopId, r.shopId),
            inArray(t.storeCache.kind, ["customer", "orders"]),
            eq(t.storeCache.key, storeId),
          ),
        ),
    )
  const emails = [
    ...new Set([email, ...people.map((p) => p.email?.toLowerCase() ?? "")].filter((e) => e !== "")),
  ]
  if (emails.length > 0)
    statements.push(
      db
        .delete(t.storeCache)
        .where(
          and(
            eq(t.storeCache.shopId, r.shopId),
            eq(t.storeCache.kind, "email"),
            inArray(t.storeCache.key, emails),
          ),
        ),
    )
  // Whatever else still mentions them, in any table of the shop (answers kept for replays, other features'
  // tables): each detail replaced where it appears, and replayable answers that held one are forgotten.
  for (const d of theirWords)
    statements.push(
      db
        .delete(t.idempotencyKeys)
        .where(
          and(
            eq(t.idempotencyKeys.shopId, r.shopId),
            sql`instr(lower(${t.idempotencyKeys.response}), lower(${d})) > 0`,
          ),
        ),
    )
  if (details.length > 0) {
    const forms = [...new Set(details.flatMap((d) => [d, d.toLowerCase(), d.toUpperCase()]))]
    for (const { table, columns } of yield* shopTextColumns(db))
      for (const column of columns) {
        const col = sql.identifier(column)
        // One statement per column: every form replaced in turn, on the shop's rows that hold one.
        const replaced = forms.reduce(
          (expr, f) => sql`replace(${expr}, ${f}, ${Redaction.REDACTED})`,
          sql`${col}`,
        )
        const holds = sql.join(
          forms.map((f) => sql`instr(${col}, ${f}) > 0`),
          sql` OR `,
        )
        statements.push(
          db.run(
            sql`UPDATE ${sql.identifier(table)} SET ${col} = ${replaced} WHERE shop_id = ${r.shopId} AND (${holds})`,
          ),
        )
      }
  }
  if (statements.length > 0)
    yield* tryStore(() => db.batch(statements as [BatchItem<"sqlite">, ...Array<BatchItem<"sqlite">>]))
  // The blob store has no delete: an original is overwritten with nothing (no row points at it any more).
  const blobs = yield* ImageStore
  for (const key of rawKeys) yield* blobs.put(key, new Uint8Array())
  return { customers: people.length, conversations: conversations.length }
})

/**
 * shop/redact: everything read from the store, the connection and the links (to store customers, and the
 * storefront's signed-in customers) go; the inbox's own data stays.
 */
export const redactShop = Effect.fn("Privacy.redactShop")(function* (shopId: Ids.ShopId, shopDomain: string) {
  const { db } = yield* Database
  yield* tryStore(() =>
    db.batch([
      db.delete(t.storeCache).where(eq(t.storeCache.shopId, shopId)),
      db
        .delete(t.customerLinks)
        .where(and(eq(t.customerLinks.shopId, shopId), eq(t.customerLinks.source, "shopify"))),
      db.delete(t.customerIdentities).where(eq(t.customerIdentities.shopId, shopId)),
      db.delete(t.oauthStates).where(eq(t.oauthStates.shopId, shopId)),
      db.delete(t.storeConnections).where(eq(t.storeConnections.shopId, shopId)),
      db.delete(t.storeEvents).where(eq(t.storeEvents.shopDomain, shopDomain.toLowerCase())),
    ]),
  )
})

/** customers/data_request: recorded by ids (the request id and the store's customer id), never the data itself. */
export const recordDataRequest = Effect.fn("Privacy.recordDataRequest")(function* (
  shopId: Ids.ShopId,
  requestId: string,
  storeCustomerId: string,
  at: number,
) {
  const { db } = yield* Database
  yield* tryStore(() =>
    db
      .insert(t.privacyRequests)
      .values({
        id: `${shopId}:${requestId}`,
        shopId,
        topic: "customers/data_request",
        storeCustomerId,
        receivedAt: at,
      })
      .onConflictDoNothing(),
  )
})
