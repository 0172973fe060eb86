-- Schema version 2 -> 3.
--
-- * `catalog_identity`: the catalogue's own uid, made once when the catalogue is created (here:
--   when a version 2 file is migrated). Delta files (`Catalog::export_changes`) name the
--   catalogue they come from by it; a replica refuses a file from another catalogue.
-- * `replica_state`: for a catalogue that applies the delta files of another (a replica), which
--   catalogue it follows, the source version it has applied, and its own version right after
--   the last apply (its own writes after that are local edits).
-- * `replica_kept`: records a replica edited locally that no delta file replaced since: they
--   stay local edits (conflicts when a later file changes them) until the source's state wins.
--
-- This file is frozen with version 3: the CREATE statements below are version 3's, copied from
-- schema.sql as it is now.

-- The catalogue's identity. Exactly one row, made when the catalogue is created. A copy of the
-- file (a backup) has the same identity: it is the same catalogue.
CREATE TABLE catalog_identity (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    uid  TEXT NOT NULL CHECK (length(uid) = 32)  -- 128 random bits, lower-case hex
);
INSERT INTO catalog_identity (id, uid) VALUES (1, lower(hex(randomblob(16))));

-- The catalogue this one follows by delta files (at most one row; none until a delta is
-- applied). `source_version`: the source's version the replica holds; `local_version`: this
-- catalogue's own `catalog_state.version` right after the last apply (change_log rows after it
-- are local edits).
CREATE TABLE replica_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    source_uid      TEXT NOT NULL CHECK (length(source_uid) = 32),
    source_version  INTEGER NOT NULL CHECK (source_version >= 0),
    local_version   INTEGER NOT NULL CHECK (local_version >= 0)
);

-- Records a replica edited locally and that no delta file replaced since (a file that changes
-- one of them is a conflict; the caller chooses who wins).
CREATE TABLE replica_kept (
    entity  TEXT NOT NULL,                  -- as in change_log
    uid     TEXT NOT NULL,
    PRIMARY KEY (entity, uid)
) WITHOUT ROWID;
