-- Search by customer name or email (substring): a trigram FTS5 index of inbox_rows.search_text, kept in step by
-- triggers. It only narrows candidates; the list query still checks search_text itself, so the index can never
-- add a wrong row. Hand-written: drizzle-kit does not model virtual tables or triggers.
CREATE VIRTUAL TABLE `inbox_search` USING fts5(`search_text`, `conversation_id` UNINDEXED, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `inbox_search` (`rowid`, `search_text`, `conversation_id`) SELECT `rowid`, `search_text`, `conversation_id` FROM `inbox_rows`;
--> statement-breakpoint
CREATE TRIGGER `inbox_search_insert` AFTER INSERT ON `inbox_rows` BEGIN
  INSERT INTO `inbox_search` (`rowid`, `search_text`, `conversation_id`) VALUES (new.`rowid`, new.`search_text`, new.`conversation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `inbox_search_update` AFTER UPDATE OF `search_text` ON `inbox_rows` WHEN old.`search_text` IS NOT new.`search_text` BEGIN
  DELETE FROM `inbox_search` WHERE `rowid` = old.`rowid`;
  INSERT INTO `inbox_search` (`rowid`, `search_text`, `conversation_id`) VALUES (new.`rowid`, new.`search_text`, new.`conversation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `inbox_search_delete` AFTER DELETE ON `inbox_rows` BEGIN
  DELETE FROM `inbox_search` WHERE `rowid` = old.`rowid`;
END;
