-- Commerce: store connections (sealed tokens), OAuth nonces, webhook event ids, the store cache, customer links,
-- privacy requests, untracked inventory. IF NOT EXISTS so that replaying it (a database rewound past 0006 in
-- the H2 repair test) changes nothing.
CREATE TABLE IF NOT EXISTS `customer_links` (
	`shop_id` text NOT NULL,
	`source` text NOT NULL,
	`customer_id` text NOT NULL,
	`store_customer_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `source`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_links_store_idx` ON `customer_links` (`shop_id`,`store_customer_id`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`shop_domain` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `privacy_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`topic` text NOT NULL,
	`store_customer_id` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `store_cache` (
	`shop_id` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `kind`, `key`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `store_connections` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`shop_domain` text NOT NULL,
	`api_version` text NOT NULL,
	`scopes` text NOT NULL,
	`store_name` text,
	`currency` text,
	`access_token` text,
	`status` text NOT NULL,
	`connected_at` integer NOT NULL,
	`last_sync_at` integer,
	`last_sync_error` text,
	`last_webhook_at` integer,
	`webhooks_received` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `store_connections_domain_unique` ON `store_connections` (`shop_domain`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `store_events` (
	`shop_domain` text NOT NULL,
	`event_id` text NOT NULL,
	`topic` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`shop_domain`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `untracked_variants` (
	`variant_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL
);
