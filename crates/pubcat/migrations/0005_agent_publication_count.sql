-- Schema version 4 -> 5.
--
-- * `agent_publication_count`: how many distinct publications credit each agent, kept exact by
--   every write transaction (`store/writer.rs`), so that the agent facet of the whole
--   catalogue reads its top entries instead of counting every contribution (issue 15: at a
--   million publications that count took about 580 ms of the 500 ms target for all facets;
--   docs/BENCHMARKS.md). Filled here from `contribution`, in the migration's transaction.
--
-- This file is frozen with version 5: the CREATE statements below are version 5's, copied
-- from schema.sql as it is now. A later version changes this table in its own step.

CREATE TABLE agent_publication_count (
    agent_id      INTEGER PRIMARY KEY REFERENCES agent (id) ON DELETE CASCADE,
    publications  INTEGER NOT NULL CHECK (publications >= 0)
);
INSERT INTO agent_publication_count (agent_id, publications)
    SELECT agent_id, count(DISTINCT publication_id) FROM contribution GROUP BY agent_id;
CREATE INDEX agent_publication_count_by_count ON agent_publication_count (publications);
