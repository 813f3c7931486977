-- A lone UTF-16 surrogate in a message ("\ud800" is valid JSON) came out of json_extract as bytes that are not
-- UTF-8 (ED A0 80), and reading them back aborted the libSQL driver, so one shopper message could stop the server
-- on every search. Input is now refused at the boundary (core Text.wellFormed); this trigger also indexes a copy
-- in which each surrogate escape of the JSON text (JSON.stringify writes only lone ones, in lower case) becomes a
-- plain letter ("\ud8" -> "\u01", U+0100-U+01FF; still valid JSON after an escaped backslash), and the index rows
-- of events already stored with one are written again the same way. Search reads hit texts from the events.
DROP TRIGGER IF EXISTS `message_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `message_search_insert` AFTER INSERT ON `conversation_events` WHEN new.`tag` IN ('CustomerMessageReceived', 'ReplySent', 'AutomaticReplySent') AND json_extract(new.`payload`, '$.text') <> '' BEGIN
  INSERT INTO `message_search` (`text`, `shop_id`, `conversation_id`, `seq`) VALUES (json_extract(replace(replace(replace(replace(replace(replace(replace(replace(new.`payload`, '\ud8', '\u01'), '\ud9', '\u01'), '\uda', '\u01'), '\udb', '\u01'), '\udc', '\u01'), '\udd', '\u01'), '\ude', '\u01'), '\udf', '\u01'), '$.text'), new.`shop_id`, new.`conversation_id`, new.`seq`);
END;
--> statement-breakpoint
DELETE FROM `message_search` WHERE rowid IN (SELECT m.rowid FROM `message_search` m JOIN `conversation_events` e ON e.`conversation_id` = m.`conversation_id` AND e.`seq` = m.`seq` WHERE instr(e.`payload`, '\ud') > 0);
--> statement-breakpoint
INSERT INTO `message_search` (`text`, `shop_id`, `conversation_id`, `seq`) SELECT json_extract(replace(replace(replace(replace(replace(replace(replace(replace(`payload`, '\ud8', '\u01'), '\ud9', '\u01'), '\uda', '\u01'), '\udb', '\u01'), '\udc', '\u01'), '\udd', '\u01'), '\ude', '\u01'), '\udf', '\u01'), '$.text'), `shop_id`, `conversation_id`, `seq` FROM `conversation_events` WHERE `tag` IN ('CustomerMessageReceived', 'ReplySent', 'AutomaticReplySent') AND instr(`payload`, '\ud') > 0 AND json_extract(`payload`, '$.text') <> '';
