CREATE TABLE IF NOT EXISTS `meta_accounts` (
	`platform` text NOT NULL,
	`account_id` text NOT NULL,
	`shop_id` text NOT NULL,
	`page_id` text NOT NULL,
	`name` text NOT NULL,
	`access_token` text NOT NULL,
	`connected_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `account_id`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `meta_accounts_shop_idx` ON `meta_accounts` (`shop_id`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `meta_messages` (
	`shop_id` text NOT NULL,
	`mid` text NOT NULL,
	`conversation_id` text NOT NULL,
	`direction` text NOT NULL,
	`seq` integer NOT NULL,
	`part` integer DEFAULT 0 NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `mid`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `meta_messages_part_unique` ON `meta_messages` (`conversation_id`,`seq`,`direction`,`part`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `meta_messages_conversation_idx` ON `meta_messages` (`shop_id`,`conversation_id`,`at`);