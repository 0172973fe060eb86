-- Schema version 3 -> 4.
--
-- * `contribution`: its UNIQUE constraint is reordered from (agent_id, role, publication_id) to
--   (agent_id, publication_id, role). It says the same thing (an agent has a role once per
--   publication), its index has the same size and is still the index of an agent's
--   publications; in this order an agent's publications are consecutive in it, so counting
--   them (`count(DISTINCT publication_id) ... GROUP BY agent_id`: the agent facet over the
--   whole catalogue) reads the index in order, without a temporary B-tree (issue 15, see
--   docs/BENCHMARKS.md).
--
-- SQLite cannot change a table constraint in place: the table is rebuilt (SQLite's documented
-- procedure, as in 0002). The runner (`db/schema.rs`) runs this inside the migration's
-- IMMEDIATE transaction with `foreign_keys` OFF and `legacy_alter_table` ON, so that renaming
-- the old table rewrites no reference to it (the full-text view), and runs
-- `PRAGMA foreign_key_check` before it commits. No table refers to `contribution`, it has no
-- other index and no trigger; the full-text view reads it by name and lists agents in a defined
-- order, so the full-text index stays valid.
--
-- This file is frozen with version 4: the CREATE statement below is version 4's, copied from
-- schema.sql as it is now. A later version changes this table in its own step.

ALTER TABLE contribution RENAME TO contribution_v3;
CREATE TABLE contribution (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    agent_id        INTEGER NOT NULL REFERENCES agent (id),
    role            TEXT NOT NULL CHECK (role IN ('author', 'editor', 'translator',
                        'commissioner', 'funder', 'partner', 'publisher', 'contributor')),
    position        INTEGER NOT NULL CHECK (position >= 0),  -- order within the publication
    affiliation     TEXT,                   -- as printed: "Jean-Paul Lonema (IMPACT)"
    PRIMARY KEY (publication_id, position),
    UNIQUE (agent_id, publication_id, role) -- an agent has a role once per publication; also
                                            -- the index of an agent's publications, each
                                            -- publication once in a row (counted in order)
) WITHOUT ROWID;
INSERT INTO contribution (publication_id, agent_id, role, position, affiliation)
    SELECT publication_id, agent_id, role, position, affiliation FROM contribution_v3;
DROP TABLE contribution_v3;
