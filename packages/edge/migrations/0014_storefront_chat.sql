CREATE TABLE `customer_identities` (
	`shop_id` text NOT NULL,
	`external_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `external_id`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `storefront_settings` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`allowed_origins` text NOT NULL,
	`identity_secret` text,
	`identity_secret_created_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
