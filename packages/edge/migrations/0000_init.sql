CREATE TABLE `cart_lines` (
	`conversation_id` text NOT NULL,
	`shop_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`product_id` text NOT NULL,
	`title` text NOT NULL,
	`variant_title` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `variant_id`)
);
--> statement-breakpoint
CREATE TABLE `carts` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`applied_discount` text,
	`updated_at` integer,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `conversation_events` (
	`shop_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`shop_seq` integer NOT NULL,
	`tag` text NOT NULL,
	`payload` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `seq`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_events_shop_seq_unique` ON `conversation_events` (`shop_id`,`shop_seq`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`platform` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`customer_email` text,
	`version` integer NOT NULL,
	`state` text NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversations_customer_idx` ON `conversations` (`shop_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`city` text,
	`province` text,
	`country` text,
	`time_zone` text,
	`email_marketing` integer DEFAULT false NOT NULL,
	`sms_marketing` integer DEFAULT false NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`admin_url` text,
	`client_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customers_shop_idx` ON `customers` (`shop_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_client_unique` ON `customers` (`shop_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `discount_codes` (
	`shop_id` text NOT NULL,
	`code` text NOT NULL,
	`value` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`enabled` integer NOT NULL,
	`usage_count` integer DEFAULT 0 NOT NULL,
	`usage_limit` integer,
	PRIMARY KEY(`shop_id`, `code`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`shop_id` text NOT NULL,
	`key` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`shop_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `images` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `images_shop_idx` ON `images` (`shop_id`);--> statement-breakpoint
CREATE TABLE `inbox_rows` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`customer_name` text NOT NULL,
	`search_text` text NOT NULL,
	`platform` text NOT NULL,
	`status` text NOT NULL,
	`assignee` text,
	`topics` text NOT NULL,
	`topic1` text,
	`topic2` text,
	`latest_topic` text,
	`customer_online` integer NOT NULL,
	`customer_email` text,
	`started_at` integer NOT NULL,
	`cart` text,
	`last_message` text,
	`last_activity_at` integer NOT NULL,
	`last_customer_seq` integer NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbox_status_activity_idx` ON `inbox_rows` (`shop_id`,`status`,`last_activity_at`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `inbox_assignee_activity_idx` ON `inbox_rows` (`shop_id`,`status`,`assignee`,`last_activity_at`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `inbox_topic1_activity_idx` ON `inbox_rows` (`shop_id`,`status`,`topic1`,`last_activity_at`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `inbox_topic2_activity_idx` ON `inbox_rows` (`shop_id`,`status`,`topic2`,`last_activity_at`,`conversation_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`reference` text NOT NULL,
	`placed_at` integer NOT NULL,
	`total_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`admin_url` text,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`shop_id`,`customer_id`,`placed_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
CREATE UNIQUE INDEX `outbox_event_unique` ON `outbox` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`title` text NOT NULL,
	`price_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`image_url` text,
	`url` text NOT NULL,
	`status` text NOT NULL,
	`online_store` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `products_shop_idx` ON `products` (`shop_id`,`title`);--> statement-breakpoint
CREATE TABLE `read_cursors` (
	`shop_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`through` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `staff_id`)
);
--> statement-breakpoint
CREATE TABLE `shops` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`event_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_owner` integer DEFAULT false NOT NULL,
	`chat_permission` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_unique` ON `staff` (`email`);--> statement-breakpoint
CREATE INDEX `staff_shop_idx` ON `staff` (`shop_id`);--> statement-breakpoint
CREATE TABLE `variants` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`product_id` text NOT NULL,
	`title` text NOT NULL,
	`price_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`stock` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `variants_product_idx` ON `variants` (`shop_id`,`product_id`);