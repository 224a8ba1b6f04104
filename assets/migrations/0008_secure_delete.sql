-- Deleted means gone. With FTS5's secure-delete option, deleting an entry from the search
-- index removes its words from the index at once, instead of leaving them behind a marker
-- until the index is next merged.
INSERT INTO search_fts (search_fts, rank) VALUES ('secure-delete', 1);

-- The words of entries deleted before this version: merging the index into one segment
-- drops them (the connection overwrites the freed pages with zeros).
INSERT INTO search_fts (search_fts) VALUES ('optimize');
