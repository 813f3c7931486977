-- Fewer B-trees written per message (#17). The event log becomes a WITHOUT ROWID table keyed by (shop, shop seq):
-- an event appends at its shop's right edge of the table and writes one index, the (conversation, seq) unique key
-- (still the concurrency guard), instead of a rowid table, its primary-key index and the shop-seq index. The
-- outbox's id keeps its rowid without AUTOINCREMENT, so a reply no longer writes sqlite_sequence: outbox rows
-- are never deleted, so the next rowid is always past every id given. drizzle-kit's rebuilds, edited by hand:
-- WITHOUT ROWID (which drizzle-kit cannot express), the copy in key order, and no PRAGMA foreign_keys lines
-- (no other table references either one, so copy, drop and rename are valid with foreign keys on, and a
-- Durable Object's SQLite does not let a migration turn them off).
CREATE TABLE `__new_conversation_events` (
	`shop_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`shop_seq` integer NOT NULL,
	`tag` text NOT NULL,
	`payload` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `shop_seq`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_conversation_events`("shop_id", "conversation_id", "seq", "shop_seq", "tag", "payload", "at") SELECT "shop_id", "conversation_id", "seq", "shop_seq", "tag", "payload", "at" FROM `conversation_events` ORDER BY "shop_id", "shop_seq";--> statement-breakpoint
DROP TABLE `conversation_events`;--> statement-breakpoint
ALTER TABLE `__new_conversation_events` RENAME TO `conversation_events`;--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_events_conversation_seq_unique` ON `conversation_events` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE INDEX `conversation_events_surrogate_escape_idx` ON `conversation_events` (`conversation_id`,`seq`) WHERE instr("conversation_events"."payload", '\ud') > 0;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`channel` text NOT NULL,
	`recipient` text,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "shop_id", "conversation_id", "seq", "channel", "recipient", "payload", "status", "attempts", "next_attempt_at", "reason", "created_at", "updated_at") SELECT "id", "shop_id", "conversation_id", "seq", "channel", "recipient", "payload", "status", "attempts", "next_attempt_at", "reason", "created_at", "updated_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_event_unique` ON `outbox` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);