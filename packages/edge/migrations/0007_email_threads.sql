CREATE TABLE IF NOT EXISTS `email_threads` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`token` text NOT NULL,
	`subject` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `email_threads_token_unique` ON `email_threads` (`shop_id`,`token`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `emails` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`message_id` text NOT NULL,
	`direction` text NOT NULL,
	`references` text NOT NULL,
	`from_address` text,
	`subject` text,
	`seq` integer,
	`raw_key` text,
	`byte_size` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `emails_message_id_unique` ON `emails` (`shop_id`,`message_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `emails_conversation_idx` ON `emails` (`shop_id`,`conversation_id`,`created_at`);