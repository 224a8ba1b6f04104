-- The journal's owner, the relationships and their agreements.
CREATE TABLE profile (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE relationship (
    id               TEXT PRIMARY KEY,
    my_role          TEXT CHECK (my_role IN ('mentee', 'mentor', 'peer')),
    other_name       TEXT NOT NULL DEFAULT '',
    model            TEXT,
    topics           TEXT NOT NULL DEFAULT '[]',
    status           TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
    walkthrough_step TEXT,
    agreed_on        TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);

CREATE INDEX relationship_by_status ON relationship (status, created_at);

CREATE TABLE answer (
    relationship_id TEXT NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
    question_id     TEXT NOT NULL,
    value           TEXT NOT NULL,
    private         INTEGER NOT NULL CHECK (private IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (relationship_id, question_id)
);
