CREATE TABLE `saved_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`shortcut` text NOT NULL,
	`text` text NOT NULL,
	`product_ids` text NOT NULL,
	`discount_code` text,
	`updated_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_replies_shortcut_unique` ON `saved_replies` (`shop_id`,`shortcut`);--> statement-breakpoint
CREATE TABLE `shop_settings` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`automatic_replies` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
