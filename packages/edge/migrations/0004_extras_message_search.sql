-- Search by message text: a trigram FTS5 index of every customer message, reply and automatic reply, filled by a
-- trigger on the append-only event log (events are never updated or deleted). It narrows candidates; the shop is
-- checked on every query and highlighting is the core's. Hand-written: drizzle-kit does not model virtual tables.
CREATE VIRTUAL TABLE `message_search` USING fts5(`text`, `shop_id` UNINDEXED, `conversation_id` UNINDEXED, `seq` UNINDEXED, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `message_search` (`text`, `shop_id`, `conversation_id`, `seq`) SELECT json_extract(`payload`, '$.text'), `shop_id`, `conversation_id`, `seq` FROM `conversation_events` WHERE `tag` IN ('CustomerMessageReceived', 'ReplySent', 'AutomaticReplySent') AND json_extract(`payload`, '$.text') <> '';
--> statement-breakpoint
CREATE TRIGGER `message_search_insert` AFTER INSERT ON `conversation_events` WHEN new.`tag` IN ('CustomerMessageReceived', 'ReplySent', 'AutomaticReplySent') AND json_extract(new.`payload`, '$.text') <> '' BEGIN
  INSERT INTO `message_search` (`text`, `shop_id`, `conversation_id`, `seq`) VALUES (json_extract(new.`payload`, '$.text'), new.`shop_id`, new.`conversation_id`, new.`seq`);
END;
