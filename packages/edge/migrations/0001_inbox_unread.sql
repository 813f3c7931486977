CREATE TABLE `inbox_unread` (
	`shop_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`status` text NOT NULL,
	`last_activity_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `staff_id`)
);
--> statement-breakpoint
CREATE INDEX `inbox_unread_activity_idx` ON `inbox_unread` (`shop_id`,`staff_id`,`status`,`last_activity_at`,`conversation_id`);--> statement-breakpoint
INSERT INTO `inbox_unread` (`shop_id`, `staff_id`, `conversation_id`, `status`, `last_activity_at`)
SELECT r.`shop_id`, s.`id`, r.`conversation_id`, r.`status`, r.`last_activity_at`
FROM `inbox_rows` r
JOIN `staff` s ON s.`shop_id` = r.`shop_id`
LEFT JOIN `read_cursors` c ON c.`conversation_id` = r.`conversation_id` AND c.`staff_id` = s.`id`
WHERE r.`last_customer_seq` > coalesce(c.`through`, 0);
