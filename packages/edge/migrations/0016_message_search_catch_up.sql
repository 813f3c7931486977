-- The message index is no longer filled by a trigger on every event: a search indexes the events after its
-- shop's mark first (repo/Search.ts), so a message's commit does not pay the index's flush. Everything the
-- trigger indexed so far is marked as read. The table is drizzle-kit's; the rest is hand-written.
CREATE TABLE `message_search_progress` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`indexed_through` integer NOT NULL
);
--> statement-breakpoint
DROP TRIGGER `message_search_insert`;
--> statement-breakpoint
INSERT INTO `message_search_progress` (`shop_id`, `indexed_through`) SELECT `shop_id`, max(`shop_seq`) FROM `conversation_events` GROUP BY `shop_id`;
