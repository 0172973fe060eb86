-- Schema version 6 -> 7: concept tokens in the full-text index.
--
-- * `publication_concept_token`: per publication and indexed column, the id of a concept per
--   occurrence of one of its unambiguous labels in the column's text; the index's content view
--   makes each the word `zzconcept<concept id>`. A search for a concept label then matches that one word instead of the OR
--   of all the concept's labels, which cost up to 2x the search without expansion at 100,000
--   publications (issue 14, docs/BENCHMARKS.md "Search expansion").
-- * `publication_search_doc` gains the seven token columns; `publication_fts` is made again
--   with seven more columns (and their bm25 weights), and so is its `fts5vocab` table.
-- * The tokens are found by Rust code (`store/concept_tokens.rs`, the index's tokenizer
--   written again in Rust), not SQL: after this file, the migration step computes every
--   publication's tokens and rebuilds the full-text index (`db/schema.rs`, `after` of the
--   step). This file leaves the new index empty.
--
-- This file is frozen with version 7: the CREATE statements below are version 7's, copied from
-- schema.sql as it is now. A later version changes them in its own step.

CREATE TABLE publication_concept_token (
    publication_id  INTEGER PRIMARY KEY REFERENCES publication (id) ON DELETE CASCADE,
    in_title        TEXT,
    in_subtitle     TEXT,
    in_summary      TEXT,
    in_body         TEXT,
    in_agents       TEXT,
    in_concepts     TEXT,
    in_context      TEXT
);

DROP TABLE publication_fts_vocab;
DROP TABLE publication_fts;
DROP VIEW publication_search_doc;
CREATE VIEW publication_search_doc AS
SELECT
    p.id AS id,
    p.title AS title,
    p.subtitle AS subtitle,
    p.summary AS summary,
    p.body AS body,
    (SELECT group_concat(n, ' ') FROM (
        SELECT a.name AS n, c.position AS position, 0 AS part, 0 AS k
          FROM contribution c JOIN agent a ON a.id = c.agent_id
         WHERE c.publication_id = p.id
        UNION ALL
        SELECT a.acronym, c.position, 1, 0
          FROM contribution c JOIN agent a ON a.id = c.agent_id
         WHERE c.publication_id = p.id AND a.acronym IS NOT NULL
        UNION ALL
        SELECT an.name, c.position, 2, an.position
          FROM contribution c JOIN agent_name an ON an.agent_id = c.agent_id
         WHERE c.publication_id = p.id
        ORDER BY position, part, k)) AS agents,
    (SELECT group_concat(label, ' ') FROM (
        SELECT cl.label AS label
          FROM publication_concept pc JOIN concept_label cl ON cl.concept_id = pc.concept_id
         WHERE pc.publication_id = p.id
           AND (pc.source = 'curated' OR EXISTS (
                SELECT 1 FROM concept_label m
                 WHERE m.concept_id = pc.concept_id AND m.label = pc.matched_label
                   AND m.ambiguous = 1))
         ORDER BY pc.concept_id, cl.language, cl.label)) AS concepts,
    (SELECT group_concat(n, ' ') FROM (
        SELECT s.name AS n, 0 AS part, '' AS k FROM series s WHERE s.id = p.series_id
        UNION ALL
        SELECT x.name, 1, x.uid
          FROM project_publication l JOIN project x ON x.id = l.project_id
         WHERE l.publication_id = p.id
        UNION ALL
        SELECT x.acronym, 2, x.uid
          FROM project_publication l JOIN project x ON x.id = l.project_id
         WHERE l.publication_id = p.id AND x.acronym IS NOT NULL
        ORDER BY part, k)) AS context,
    'zzconcept' || replace(t.in_title, ' ', ' zzconcept') AS concepts_in_title,
    'zzconcept' || replace(t.in_subtitle, ' ', ' zzconcept') AS concepts_in_subtitle,
    'zzconcept' || replace(t.in_summary, ' ', ' zzconcept') AS concepts_in_summary,
    'zzconcept' || replace(t.in_body, ' ', ' zzconcept') AS concepts_in_body,
    'zzconcept' || replace(t.in_agents, ' ', ' zzconcept') AS concepts_in_agents,
    'zzconcept' || replace(t.in_concepts, ' ', ' zzconcept') AS concepts_in_concepts,
    'zzconcept' || replace(t.in_context, ' ', ' zzconcept') AS concepts_in_context
FROM publication p
LEFT JOIN publication_concept_token t ON t.publication_id = p.id;

CREATE VIRTUAL TABLE publication_fts USING fts5 (
    title, subtitle, summary, body, agents, concepts, context,
    concepts_in_title, concepts_in_subtitle, concepts_in_summary, concepts_in_body,
    concepts_in_agents, concepts_in_concepts, concepts_in_context,
    content = 'publication_search_doc',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO publication_fts (publication_fts, rank)
    VALUES ('rank', 'bm25(10.0, 6.0, 4.0, 1.0, 3.0, 3.0, 2.0, 10.0, 6.0, 4.0, 1.0, 3.0, 3.0, 2.0)');

CREATE VIRTUAL TABLE publication_fts_vocab USING fts5vocab (publication_fts, 'row');
