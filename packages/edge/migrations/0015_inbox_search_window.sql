-- The status list's index also holds the search text, so a search reads its window of the newest rows (and
-- tests the term) from the index alone, without reading the rows themselves.
DROP INDEX `inbox_status_activity_idx`;--> statement-breakpoint
CREATE INDEX `inbox_status_activity_idx` ON `inbox_rows` (`shop_id`,`status`,`last_activity_at`,`conversation_id`,`search_text`);