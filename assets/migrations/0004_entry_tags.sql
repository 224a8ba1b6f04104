-- Tags written inline (#tag) in a meeting's agenda, notes or outcomes. Reflections have had
-- their tags since 0003.
ALTER TABLE meeting ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';

-- One row per (tag, entry), kept in step with the entries' tags, so the timeline's tag filter
-- seeks straight to the tagged entries, newest first, instead of reading every entry.
CREATE TABLE entry_tag (
    tag      TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('meeting', 'reflection')),
    entry_id TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (tag, kind, entry_id)
);

CREATE INDEX entry_tag_timeline ON entry_tag (tag, kind, at DESC, entry_id DESC);
CREATE INDEX entry_tag_by_entry ON entry_tag (entry_id);

INSERT OR IGNORE INTO entry_tag (tag, kind, entry_id, at)
    SELECT value, 'reflection', reflection.id, reflection.written_at
    FROM reflection, json_each(reflection.tags);
