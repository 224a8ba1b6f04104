-- Meetings with their action items, and reflections. Deleting is soft (deleted_at) until the
-- trash is emptied.
CREATE TABLE meeting (
    id               TEXT PRIMARY KEY,
    relationship_id  TEXT NOT NULL REFERENCES relationship (id),
    held_at          TEXT NOT NULL,
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
    medium           TEXT,
    topics           TEXT NOT NULL DEFAULT '[]',
    agenda           TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    outcomes         TEXT NOT NULL DEFAULT '',
    usefulness       INTEGER CHECK (usefulness IS NULL OR usefulness BETWEEN 1 AND 4),
    next_meeting_on  TEXT,
    private          INTEGER NOT NULL CHECK (private IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);

-- Newest first, for the timeline's keyset pages.
CREATE INDEX meeting_timeline ON meeting (held_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX meeting_by_relationship ON meeting (relationship_id, held_at DESC, id DESC);

CREATE TABLE action_item (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    meeting_id      TEXT REFERENCES meeting (id),
    text            TEXT NOT NULL,
    owner           TEXT NOT NULL CHECK (owner IN ('me', 'them', 'both')),
    due_on          TEXT,
    done_at         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);

CREATE INDEX action_item_open ON action_item (due_on) WHERE done_at IS NULL AND deleted_at IS NULL;
CREATE INDEX action_item_by_meeting ON action_item (meeting_id);

CREATE TABLE reflection (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT REFERENCES relationship (id),
    meeting_id      TEXT REFERENCES meeting (id),
    written_at      TEXT NOT NULL,
    body            TEXT NOT NULL,
    prompt_id       TEXT,
    tags            TEXT NOT NULL DEFAULT '[]',
    bring_up        INTEGER NOT NULL CHECK (bring_up IN (0, 1)),
    private         INTEGER NOT NULL CHECK (private IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);

CREATE INDEX reflection_timeline ON reflection (written_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX reflection_by_relationship ON reflection (relationship_id, written_at DESC, id DESC);
