-- Search: one row per searchable thing in `search_doc` (what it is, whose, when, private or
-- not) and its words in the FTS5 table `search_fts` (same rowid). Triggers keep both in step
-- with meetings, reflections, goals, milestones, action items and agreement answers, so a
-- search narrows candidates in SQLite and only ranks the best few thousand.
CREATE TABLE search_doc (
    rowid           INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    entry_id        TEXT NOT NULL UNIQUE,
    relationship_id TEXT,
    at              TEXT NOT NULL,
    private         INTEGER NOT NULL,
    deleted         INTEGER NOT NULL,
    -- The goal of a milestone, the meeting of an action item or a reflection.
    parent          TEXT
);

CREATE INDEX search_doc_recent ON search_doc (at DESC) WHERE deleted = 0;

CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');

CREATE TRIGGER meeting_search_insert AFTER INSERT ON meeting BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('meeting', new.id, new.relationship_id, new.held_at, new.private, new.deleted_at IS NOT NULL, NULL);
    INSERT INTO search_fts (rowid, body) VALUES (last_insert_rowid(), new.agenda || ' ' || new.notes || ' ' || new.outcomes || ' ' || replace(replace(replace(replace(new.topics, '[', ''), ']', ''), '"', ''), ',', ' '));
END;

CREATE TRIGGER meeting_search_update AFTER UPDATE ON meeting BEGIN
    UPDATE search_doc SET relationship_id = new.relationship_id, at = new.held_at, private = new.private,
        deleted = new.deleted_at IS NOT NULL, parent = NULL
    WHERE entry_id = new.id;
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
    INSERT INTO search_fts (rowid, body)
        SELECT rowid, new.agenda || ' ' || new.notes || ' ' || new.outcomes || ' ' || replace(replace(replace(replace(new.topics, '[', ''), ']', ''), '"', ''), ',', ' ') FROM search_doc WHERE entry_id = new.id;
END;

CREATE TRIGGER meeting_search_delete AFTER DELETE ON meeting BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER reflection_search_insert AFTER INSERT ON reflection BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('reflection', new.id, new.relationship_id, new.written_at, new.private, new.deleted_at IS NOT NULL, new.meeting_id);
    INSERT INTO search_fts (rowid, body) VALUES (last_insert_rowid(), new.body || ' ' || replace(replace(replace(replace(new.tags, '[', ''), ']', ''), '"', ''), ',', ' '));
END;

CREATE TRIGGER reflection_search_update AFTER UPDATE ON reflection BEGIN
    UPDATE search_doc SET relationship_id = new.relationship_id, at = new.written_at, private = new.private,
        deleted = new.deleted_at IS NOT NULL, parent = new.meeting_id
    WHERE entry_id = new.id;
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
    INSERT INTO search_fts (rowid, body)
        SELECT rowid, new.body || ' ' || replace(replace(replace(replace(new.tags, '[', ''), ']', ''), '"', ''), ',', ' ') FROM search_doc WHERE entry_id = new.id;
END;

CREATE TRIGGER reflection_search_delete AFTER DELETE ON reflection BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER goal_search_insert AFTER INSERT ON goal BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('goal', new.id, new.relationship_id, new.created_at, 0, new.deleted_at IS NOT NULL, NULL);
    INSERT INTO search_fts (rowid, body) VALUES (last_insert_rowid(), new.title || ' ' || new.why || ' ' || new.success);
END;

CREATE TRIGGER goal_search_update AFTER UPDATE ON goal BEGIN
    UPDATE search_doc SET relationship_id = new.relationship_id, at = new.created_at, private = 0,
        deleted = new.deleted_at IS NOT NULL, parent = NULL
    WHERE entry_id = new.id;
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
    INSERT INTO search_fts (rowid, body)
        SELECT rowid, new.title || ' ' || new.why || ' ' || new.success FROM search_doc WHERE entry_id = new.id;
END;

CREATE TRIGGER goal_search_delete AFTER DELETE ON goal BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER milestone_search_insert AFTER INSERT ON milestone BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('milestone', new.id, (SELECT relationship_id FROM goal WHERE id = new.goal_id), coalesce(new.done_at, (SELECT created_at FROM goal WHERE id = new.goal_id)), 0, 0, new.goal_id);
    INSERT INTO search_fts (rowid, body) VALUES (last_insert_rowid(), new.text);
END;

CREATE TRIGGER milestone_search_update AFTER UPDATE ON milestone BEGIN
    UPDATE search_doc SET relationship_id = (SELECT relationship_id FROM goal WHERE id = new.goal_id), at = coalesce(new.done_at, (SELECT created_at FROM goal WHERE id = new.goal_id)), private = 0,
        deleted = 0, parent = new.goal_id
    WHERE entry_id = new.id;
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
    INSERT INTO search_fts (rowid, body)
        SELECT rowid, new.text FROM search_doc WHERE entry_id = new.id;
END;

CREATE TRIGGER milestone_search_delete AFTER DELETE ON milestone BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

CREATE TRIGGER action_item_search_insert AFTER INSERT ON action_item BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('action_item', new.id, new.relationship_id, new.created_at, coalesce((SELECT private FROM meeting WHERE id = new.meeting_id), 0), new.deleted_at IS NOT NULL, new.meeting_id);
    INSERT INTO search_fts (rowid, body) VALUES (last_insert_rowid(), new.text);
END;

CREATE TRIGGER action_item_search_update AFTER UPDATE ON action_item BEGIN
    UPDATE search_doc SET relationship_id = new.relationship_id, at = new.created_at, private = coalesce((SELECT private FROM meeting WHERE id = new.meeting_id), 0),
        deleted = new.deleted_at IS NOT NULL, parent = new.meeting_id
    WHERE entry_id = new.id;
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
    INSERT INTO search_fts (rowid, body)
        SELECT rowid, new.text FROM search_doc WHERE entry_id = new.id;
END;

CREATE TRIGGER action_item_search_delete AFTER DELETE ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;

-- An action item is as private as its meeting.
CREATE TRIGGER meeting_search_privacy AFTER UPDATE OF private ON meeting BEGIN
    UPDATE search_doc SET private = new.private
    WHERE kind = 'action_item' AND parent = new.id;
END;

-- Agreement answers: the text ones are searchable; their id is relationship:question.
CREATE TRIGGER answer_search_insert AFTER INSERT ON answer
WHEN json_extract(new.value, '$.text') IS NOT NULL BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('answer', new.relationship_id || ':' || new.question_id, new.relationship_id,
            new.updated_at, new.private, 0, new.question_id);
    INSERT INTO search_fts (rowid, body)
    VALUES (last_insert_rowid(), json_extract(new.value, '$.text'));
END;

CREATE TRIGGER answer_search_update AFTER UPDATE ON answer BEGIN
    DELETE FROM search_fts WHERE rowid =
        (SELECT rowid FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id);
    DELETE FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id;
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'answer', new.relationship_id || ':' || new.question_id, new.relationship_id,
           new.updated_at, new.private, 0, new.question_id
    WHERE json_extract(new.value, '$.text') IS NOT NULL;
    INSERT INTO search_fts (rowid, body)
    SELECT rowid, json_extract(new.value, '$.text') FROM search_doc
    WHERE entry_id = new.relationship_id || ':' || new.question_id
      AND json_extract(new.value, '$.text') IS NOT NULL;
END;

CREATE TRIGGER answer_search_delete AFTER DELETE ON answer BEGIN
    DELETE FROM search_fts WHERE rowid =
        (SELECT rowid FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id);
    DELETE FROM search_doc WHERE entry_id = old.relationship_id || ':' || old.question_id;
END;

-- What is already in the journal.
INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'meeting', id, relationship_id, held_at, private, deleted_at IS NOT NULL, NULL FROM meeting;
INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'reflection', id, relationship_id, written_at, private, deleted_at IS NOT NULL, meeting_id
    FROM reflection;
INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'goal', id, relationship_id, created_at, 0, deleted_at IS NOT NULL, NULL FROM goal;
INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'milestone', m.id, g.relationship_id, coalesce(m.done_at, g.created_at), 0, 0, m.goal_id
    FROM milestone m JOIN goal g ON g.id = m.goal_id;
INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'action_item', a.id, a.relationship_id, a.created_at, coalesce(m.private, 0),
           a.deleted_at IS NOT NULL, a.meeting_id
    FROM action_item a LEFT JOIN meeting m ON m.id = a.meeting_id;
INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    SELECT 'answer', relationship_id || ':' || question_id, relationship_id, updated_at, private, 0,
           question_id
    FROM answer WHERE json_extract(value, '$.text') IS NOT NULL;
INSERT INTO search_fts (rowid, body)
    SELECT d.rowid, CASE d.kind
        WHEN 'meeting' THEN (SELECT agenda || ' ' || notes || ' ' || outcomes || ' ' || replace(replace(replace(replace(topics, '[', ''), ']', ''), '"', ''), ',', ' ')
                             FROM meeting WHERE id = d.entry_id)
        WHEN 'reflection' THEN (SELECT body || ' ' || replace(replace(replace(replace(tags, '[', ''), ']', ''), '"', ''), ',', ' ') FROM reflection WHERE id = d.entry_id)
        WHEN 'goal' THEN (SELECT title || ' ' || why || ' ' || success FROM goal WHERE id = d.entry_id)
        WHEN 'milestone' THEN (SELECT text FROM milestone WHERE id = d.entry_id)
        WHEN 'action_item' THEN (SELECT text FROM action_item WHERE id = d.entry_id)
        ELSE (SELECT json_extract(value, '$.text') FROM answer
              WHERE relationship_id || ':' || question_id = d.entry_id)
    END
    FROM search_doc d;

-- When a pair last reviewed a relationship together (pair review mode), for "since the last
-- review".
CREATE TABLE pair_review (
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    at              TEXT NOT NULL
);

CREATE INDEX pair_review_by_relationship ON pair_review (relationship_id, at);

-- Session prep reads one relationship's open action items.
CREATE INDEX action_item_open_by_relationship ON action_item (relationship_id, due_on)
    WHERE done_at IS NULL AND deleted_at IS NULL;
