-- The whole life of a relationship: pausing, resuming, closing and reopening it; an agreement
-- with versions, every answer's history and both people's sign-offs; the skills the pair works
-- on; the resources and introductions they share; and the goals a meeting worked on.
-- Every new row has its times and a stable key, so exports and a later sync can merge them.

-- Where the relationship is now (read by home at every start, so kept on the row itself) ...
ALTER TABLE relationship ADD COLUMN paused_since TEXT;
ALTER TABLE relationship ADD COLUMN resumed_on TEXT;
ALTER TABLE relationship ADD COLUMN closed_on TEXT;

-- ... and how it got there: every pause, resume, close and reopen, with its day and reason.
CREATE TABLE life_event (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    kind            TEXT NOT NULL CHECK (kind IN ('paused', 'resumed', 'closed', 'reopened')),
    on_day          TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);

CREATE INDEX life_event_by_relationship ON life_event (relationship_id, on_day, created_at);

-- Relationships closed before this version closed on the day they were last changed.
UPDATE relationship SET closed_on = substr(updated_at, 1, 10) WHERE status = 'closed';

-- The agreement's versions: version 1 is what the walk-through confirmed. The history tables
-- are keyed by what they are (not by a random id), so the same history kept on two computers
-- merges instead of doubling.
CREATE TABLE agreement_version (
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    number          INTEGER NOT NULL CHECK (number >= 1),
    note            TEXT NOT NULL DEFAULT '',
    made_on         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (relationship_id, number)
);

-- Every value an answer has had, with the version it belongs to.
CREATE TABLE answer_change (
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    question_id     TEXT NOT NULL,
    changed_at      TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    value           TEXT NOT NULL,
    private         INTEGER NOT NULL CHECK (private IN (0, 1)),
    PRIMARY KEY (relationship_id, question_id, changed_at)
);

-- Who agreed to which version, and on which day. The other person's sign-off is noted by
-- whoever keeps the journal.
CREATE TABLE signoff (
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    who             TEXT NOT NULL CHECK (who IN ('me', 'other')),
    name            TEXT NOT NULL,
    signed_on       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (relationship_id, version, who)
);

-- Journals from before this version: every agreed relationship gets its version 1, and its
-- answers as they are now become that version's values.
INSERT INTO agreement_version (relationship_id, number, note, made_on, created_at)
SELECT id, 1, '', agreed_on, updated_at FROM relationship
WHERE agreed_on IS NOT NULL AND status != 'draft';

INSERT INTO answer_change (relationship_id, question_id, changed_at, version, value, private)
SELECT relationship_id, question_id, updated_at, 1, value, private FROM answer;

-- Skills to develop, rated 1 to 5 at the start, the midpoint and the end.
CREATE TABLE skill (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    name            TEXT NOT NULL,
    -- The focus topic it came from, if any.
    topic           TEXT,
    position        INTEGER NOT NULL DEFAULT 0,
    private         INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);

CREATE INDEX skill_by_relationship ON skill (relationship_id, position);

CREATE TABLE skill_rating (
    skill_id   TEXT NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    point      TEXT NOT NULL CHECK (point IN ('start', 'midpoint', 'end')),
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_on   TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (skill_id, point)
);

-- Books, links, courses and people to meet, offered by one of the two.
CREATE TABLE resource (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    kind            TEXT NOT NULL CHECK (kind IN ('book', 'link', 'course', 'person', 'other')),
    title           TEXT NOT NULL,
    -- A link, an author, how to reach the person.
    detail          TEXT NOT NULL DEFAULT '',
    offered_by      TEXT NOT NULL CHECK (offered_by IN ('me', 'other')),
    state           TEXT NOT NULL CHECK (state IN ('suggested', 'done', 'not_useful')),
    note            TEXT NOT NULL DEFAULT '',
    private         INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);

CREATE INDEX resource_by_relationship ON resource (relationship_id, state, created_at);

-- The goals a meeting worked on.
CREATE TABLE meeting_goal (
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    goal_id    TEXT NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, goal_id)
);

CREATE INDEX meeting_goal_by_goal ON meeting_goal (goal_id);

-- Resources are searchable: the view that says what text is searchable gains them.
DROP VIEW search_text;
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
    WHEN 'resource' THEN (SELECT title || ' ' || detail || ' ' || note FROM resource WHERE id = d.entry_id)
END
FROM search_doc d;

CREATE TRIGGER resource_search_insert AFTER INSERT ON resource BEGIN
    INSERT INTO search_doc (kind, entry_id, relationship_id, at, private, deleted, parent)
    VALUES ('resource', new.id, new.relationship_id, new.created_at, new.private, new.deleted_at IS NOT NULL, NULL);
    INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_text WHERE id = last_insert_rowid();
END;

CREATE TRIGGER resource_search_unindex BEFORE UPDATE ON resource BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
END;

CREATE TRIGGER resource_search_update AFTER UPDATE ON resource BEGIN
    UPDATE search_doc SET entry_id = new.id, relationship_id = new.relationship_id, at = new.created_at,
        private = new.private, deleted = new.deleted_at IS NOT NULL, parent = NULL
    WHERE entry_id = old.id;
    INSERT INTO search_fts (rowid, body)
        SELECT id, body FROM search_text WHERE id = (SELECT rowid FROM search_doc WHERE entry_id = new.id);
END;

CREATE TRIGGER resource_search_delete BEFORE DELETE ON resource BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_doc WHERE entry_id = old.id);
    DELETE FROM search_doc WHERE entry_id = old.id;
END;
