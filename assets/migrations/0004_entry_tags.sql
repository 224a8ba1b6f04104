-- Tags written inline (#tag) in a meeting's agenda, notes or outcomes, for the timeline's tag
-- filter. Reflections have had their tags since 0003.
ALTER TABLE meeting ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
