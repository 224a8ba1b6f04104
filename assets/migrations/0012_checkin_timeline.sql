-- The timeline lists quick check-ins among meetings and reflections, a page at a time: like
-- theirs, this index lets a page seek to its cursor instead of reading every check-in.
CREATE INDEX checkin_timeline ON checkin (at DESC, id DESC) WHERE deleted_at IS NULL;
