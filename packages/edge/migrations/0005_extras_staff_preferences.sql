CREATE TABLE `staff_preferences` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`notifications` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
