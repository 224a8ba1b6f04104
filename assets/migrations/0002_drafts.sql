-- Text being typed, autosaved so that a crash or a closed terminal loses at most a few seconds.
CREATE TABLE draft (
    key        TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
