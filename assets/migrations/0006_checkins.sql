-- Check-ins: quick contacts between meetings (they count as contact), each relationship's
-- check-in plan (since the last contact, or a fixed day; snooze and reschedule), the arc
-- reviews already prompted, and pulse surveys.
CREATE TABLE checkin (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    at              TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('message', 'email', 'call', 'other')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    deleted_at      TEXT
);

CREATE INDEX checkin_by_relationship ON checkin (relationship_id, at DESC);

CREATE TABLE checkin_plan (
    relationship_id    TEXT PRIMARY KEY REFERENCES relationship (id),
    mode               TEXT NOT NULL CHECK (mode IN ('since_contact', 'fixed')),
    anchor             TEXT,
    every_weeks        INTEGER CHECK (every_weeks IS NULL OR every_weeks BETWEEN 1 AND 52),
    snooze_until       TEXT,
    snooze_set_on      TEXT,
    rescheduled_to     TEXT,
    rescheduled_set_on TEXT,
    updated_at         TEXT NOT NULL
);

CREATE TABLE arc_review (
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    point           TEXT NOT NULL CHECK (point IN ('midpoint', 'ending_soon', 'ended')),
    -- The planned end it was prompted for: extending the relationship prompts again.
    planned_end     TEXT NOT NULL,
    done_at         TEXT NOT NULL,
    PRIMARY KEY (relationship_id, point, planned_end)
);

CREATE TABLE survey (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    at              TEXT NOT NULL,
    reason          TEXT NOT NULL,
    scores          TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);

CREATE INDEX survey_by_relationship ON survey (relationship_id, at);
CREATE INDEX meeting_last_contact ON meeting (relationship_id, held_at) WHERE deleted_at IS NULL;
