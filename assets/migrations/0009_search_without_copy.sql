-- The search index keeps no copy of the text. Until now `search_fts` held every entry's words
-- twice: in its index and, whole, in its own content table, although the entries' tables
-- already hold the text. Now the text is read from the entries through the view
-- `search_text`, the one place that says what text of an entry is searchable: the index is
-- filled from it, deletes find the words to remove through it, and search reads it to rank
-- the best few hundred and cut their snippets.

CREATE VIEW search_text (id, body) AS
SELECT d.rowid, CASE d.kind
    WHEN 'meeting' THEN (SELECT agenda || ' ' || notes || ' ' || outcomes || ' '
                                || replace(replace(replace(replace(topics, '[', ''), ']', ''), '"', ''), ',', ' ')
                         FROM meeting WHERE id = d.entry_id)
    WHEN 'reflection' THEN (SELECT body || ' '
                                   || replace(replace(replace(replace(tags, '[', ''), ']', ''), '"', ''), ',', ' ')
                            FROM reflection WHERE id = d.entry_id)
    WHEN 'goal' THEN (SELECT title || ' ' || why || ' ' || success FROM goal WHERE id = d.entry_id)
    WHEN 'milestone' THEN (SELECT text FROM milestone WHERE id = d.entry_id)
    WHEN 'action_item' THEN (SELECT text FROM action_item WHERE id = d.entry_id)
    WHEN 'answer' THEN (SELECT json_extract(value, '$.text') FROM answer
                        WHERE relationship_id = d.relationship_id AND question_id = d.parent)
END
FROM search_doc d;

-- The index again, reading its text from `search_text` (same words, same prefixes). With
-- secure-delete, removing an entry removes its words from the index at once; FTS5 finds them
-- by reading the entry's text, so an entry leaves the index before its row changes or goes.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(body, content = 'search_text', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
INSERT INTO search_fts (search_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');

-- The triggers: before an entry changes or goes, its words leave the index; after it is
-- written, its words are indexed from `search_text`.
DROP TRIGGER meeting_search_insert;
DROP TRIGGER meeting_search_update;
DROP TRIGGER meeting_search_delete;
DROP TRIGGER reflection_search_insert;
DROP TRIGGER reflection_search_update;
DROP TRIGGER reflection_search_delete;
DROP TRIGGER goal_search_insert;
DROP TRIGGER goal_search_update;
DROP TRIGGER goal_search_delete;
DROP TRIGGER milestone_search_insert;
DROP TRIGGER milestone_search_update;
DROP TRIGGER milestone_search_delete;
DROP TRIGGER action_item_search_insert;
DROP TRIGGER action_item_search_update;
DROP TRIGGER action_item_search_delete;
DROP TRIGGER answer_search_insert;
DROP TRIGGER answer_search_update;
DROP TRIGGER answer_search_delete;

CREATE TRIGGER meeting_search_insert AFTER INSERT ON meeting BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('meeting', new.id, new.relationship_id, new.held_at, new.private, new.deleted_at IS NOT NULL, NULL);
    INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_text WHERE id = last_insert_rowid();
END;

CREATE TRIGGER meeting_search_unindex BEFORE UPDATE ON meeting BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
END;

CREATE TRIGGER meeting_search_update AFTER UPDATE ON meeting BEGIN
    UPDATE search_doc SET entry_id = new.id, relationship_id = new.relationship_id, at = new.held_at,
        private = new.private, deleted = new.deleted_at IS NOT NULL, parent = NULL
    WHERE entry_id = old.id;
    INSERT INTO search_fts (rowid, body)
        SELECT id, body FROM search_text WHERE id = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
END;

CREATE TRIGGER meeting_search_delete BEFORE DELETE ON meeting BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER reflection_search_insert AFTER INSERT ON reflection BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('reflection', new.id, new.relationship_id, new.written_at, new.private, new.deleted_at IS NOT NULL, new.meeting_id);
    INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_text WHERE id = last_insert_rowid();
END;

CREATE TRIGGER reflection_search_unindex BEFORE UPDATE ON reflection BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
END;

CREATE TRIGGER reflection_search_update AFTER UPDATE ON reflection BEGIN
    UPDATE search_doc SET entry_id = new.id, relationship_id = new.relationship_id, at = new.written_at,
        private = new.private, deleted = new.deleted_at IS NOT NULL, parent = new.meeting_id
    WHERE entry_id = old.id;
    INSERT INTO search_fts (rowid, body)
        SELECT id, body FROM search_text WHERE id = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
END;

CREATE TRIGGER reflection_search_delete BEFORE DELETE ON reflection BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER goal_search_insert AFTER INSERT ON goal BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('goal', new.id, new.relationship_id, new.created_at, 0, new.deleted_at IS NOT NULL, NULL);
    INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_text WHERE id = last_insert_rowid();
END;

CREATE TRIGGER goal_search_unindex BEFORE UPDATE ON goal BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
END;

CREATE TRIGGER goal_search_update AFTER UPDATE ON goal BEGIN
    UPDATE search_doc SET entry_id = new.id, relationship_id = new.relationship_id, at = new.created_at,
        private = 0, deleted = new.deleted_at IS NOT NULL, parent = NULL
    WHERE entry_id = old.id;
    INSERT INTO search_fts (rowid, body)
        SELECT id, body FROM search_text WHERE id = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
END;

CREATE TRIGGER goal_search_delete BEFORE DELETE ON goal BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER milestone_search_insert AFTER INSERT ON milestone BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('milestone', new.id, (SELECT relationship_id FROM goal WHERE id = new.goal_id), coalesce(new.done_at, (SELECT created_at FROM goal WHERE id = new.goal_id)), 0, 0, new.goal_id);
    INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_text WHERE id = last_insert_rowid();
END;

CREATE TRIGGER milestone_search_unindex BEFORE UPDATE ON milestone BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
END;

CREATE TRIGGER milestone_search_update AFTER UPDATE ON milestone BEGIN
    UPDATE search_doc SET entry_id = new.id, relationship_id = (SELECT relationship_id FROM goal WHERE id = new.goal_id),
        at = coalesce(new.done_at, (SELECT created_at FROM goal WHERE id = new.goal_id)), private = 0,
        deleted = 0, parent = new.goal_id
    WHERE entry_id = old.id;
    INSERT INTO search_fts (rowid, body)
        SELECT id, body FROM search_text WHERE id = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
END;

CREATE TRIGGER milestone_search_delete BEFORE DELETE ON milestone BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER action_item_search_insert AFTER INSERT ON action_item BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('action_item', new.id, new.relationship_id, new.created_at, coalesce((SELECT private FROM meeting WHERE id = new.meeting_id), 0), new.deleted_at IS NOT NULL, new.meeting_id);
    INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_text WHERE id = last_insert_rowid();
END;

CREATE TRIGGER action_item_search_unindex BEFORE UPDATE ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
END;

CREATE TRIGGER action_item_search_update AFTER UPDATE ON action_item BEGIN
    UPDATE search_doc SET entry_id = new.id, relationship_id = new.relationship_id, at = new.created_at,
        private = coalesce((SELECT private FROM meeting WHERE id = new.meeting_id), 0),
        deleted = new.deleted_at IS NOT NULL, parent = new.meeting_id
    WHERE entry_id = old.id;
    INSERT INTO search_fts (rowid, body)
        SELECT id, body FROM search_text WHERE id = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
END;

CREATE TRIGGER action_item_search_delete BEFORE DELETE ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

-- Agreement answers: the text ones are searchable; their id is relationship:question.
CREATE TRIGGER answer_search_insert AFTER INSERT ON answer
WHEN json_extract(new.value, '$.text') IS NOT NULL BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('answer', new.relationship_id || ':' || new.question_id, new.relationship_id,
            new.updated_at, new.private, 0, new.question_id);
    INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_text WHERE id = last_insert_rowid();
END;

CREATE TRIGGER answer_search_unindex BEFORE UPDATE ON answer BEGIN
    DELETE FROM search_fts WHERE rowid =
        (SELECT rowid FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id);
END;

CREATE TRIGGER answer_search_update AFTER UPDATE ON answer BEGIN
    DELETE FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id;
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'answer', new.relationship_id || ':' || new.question_id, new.relationship_id,
           new.updated_at, new.private, 0, new.question_id
    WHERE json_extract(new.value, '$.text') IS NOT NULL;
    INSERT INTO search_fts (rowid, body)
    SELECT id, body FROM search_text
    WHERE id = (SELECT rowid FROM search_doc WHERE entry_id = new.relationship_id || ':' || new.question_id)
      AND body IS NOT NULL;
END;

CREATE TRIGGER answer_search_delete BEFORE DELETE ON answer BEGIN
    DELETE FROM search_fts WHERE rowid =
        (SELECT rowid FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id);
    DELETE FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id;
END;
