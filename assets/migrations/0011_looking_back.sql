-- Looking back together: the agreement beside what happened, the pair review, the timeline.

-- Who reached out for a meeting or a quick check-in: 'me' (the person keeping this journal)
-- or 'other' (the other person of the relationship); NULL when it was not said. Read beside
-- the agreement's "who contacts whom" when the pair looks back. Older rows stay NULL.
ALTER TABLE meeting ADD COLUMN reached_out TEXT CHECK (reached_out IS NULL OR reached_out IN ('me', 'other'));
ALTER TABLE checkin ADD COLUMN reached_out TEXT CHECK (reached_out IS NULL OR reached_out IN ('me', 'other'));

-- The pair review counts the action items done in its period and lists every open one.
CREATE INDEX action_item_by_relationship ON action_item (relationship_id, done_at)
    WHERE deleted_at IS NULL;

-- The timeline lists quick check-ins among meetings and reflections, a page at a time: like
-- theirs, this index lets a page seek to its cursor instead of reading every check-in.
CREATE INDEX checkin_timeline ON checkin (at DESC, id DESC) WHERE deleted_at IS NULL;

-- Agreement and reality reads every meeting's day, length, who reached out and privacy (and
-- the pair review finds the private ones' action items): this index holds just those, so
-- looking back never reads the meetings' text.
CREATE INDEX meeting_contacts ON meeting
    (relationship_id, deleted_at, held_at, duration_minutes, reached_out, private, id);

-- Whether a meeting is shared, read without its text (the pair review's action items).
CREATE INDEX meeting_flags ON meeting (id, deleted_at, private);
