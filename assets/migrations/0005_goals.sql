-- Goals of a relationship, their milestones (an ordered checklist) and dated progress updates.
CREATE TABLE goal (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationship (id),
    title           TEXT NOT NULL,
    why             TEXT NOT NULL DEFAULT '',
    success         TEXT NOT NULL DEFAULT '',
    topic           TEXT,
    baseline        INTEGER CHECK (baseline IS NULL OR baseline BETWEEN 1 AND 5),
    final_rating    INTEGER CHECK (final_rating IS NULL OR final_rating BETWEEN 1 AND 5),
    target_on       TEXT,
    status          TEXT NOT NULL
                    CHECK (status IN ('proposed', 'active', 'paused', 'achieved', 'dropped')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);

CREATE INDEX goal_by_relationship ON goal (relationship_id, status);

CREATE TABLE milestone (
    id       TEXT PRIMARY KEY,
    goal_id  TEXT NOT NULL REFERENCES goal (id),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    due      TEXT,
    done_at  TEXT
);

CREATE INDEX milestone_by_goal ON milestone (goal_id, position);

CREATE TABLE goal_update (
    id            TEXT PRIMARY KEY,
    goal_id       TEXT NOT NULL REFERENCES goal (id),
    at            TEXT NOT NULL,
    progress      INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    note          TEXT NOT NULL DEFAULT '',
    meeting_id    TEXT REFERENCES meeting (id),
    reflection_id TEXT REFERENCES reflection (id)
);

CREATE INDEX goal_update_by_goal ON goal_update (goal_id, at DESC);

-- Reflections can now be about a goal.
ALTER TABLE reflection ADD COLUMN goal_id TEXT REFERENCES goal (id);
CREATE INDEX reflection_by_goal ON reflection (goal_id) WHERE goal_id IS NOT NULL;
