-- The topic indexes hold only rows with a topic: a topic filter always asks for one (`topic1 = ?` implies not
-- null, so SQLite still uses them), and a conversation without a topic no longer rewrites two index entries
-- each time its activity moves. drizzle-kit's output.
DROP INDEX `inbox_topic1_activity_idx`;--> statement-breakpoint
DROP INDEX `inbox_topic2_activity_idx`;--> statement-breakpoint
CREATE INDEX `inbox_topic1_activity_idx` ON `inbox_rows` (`shop_id`,`status`,`topic1`,`last_activity_at`,`conversation_id`) WHERE "inbox_rows"."topic1" is not null;--> statement-breakpoint
CREATE INDEX `inbox_topic2_activity_idx` ON `inbox_rows` (`shop_id`,`status`,`topic2`,`last_activity_at`,`conversation_id`) WHERE "inbox_rows"."topic2" is not null;