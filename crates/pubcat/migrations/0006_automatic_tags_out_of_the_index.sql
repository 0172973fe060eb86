-- Schema version 5 -> 6.
--
-- * `publication_search_doc` (the text of the full-text index): the labels of a concept are in
--   a publication's indexed text when a person tagged it with the concept, or when automatic
--   tagging found the concept through a label marked ambiguous (French `or`); no longer for
--   the other automatic tags. Their matched label is in the publication's own text, and search
--   expands a word naming a concept to every unambiguous label of it, so they are found without
--   it; a search for the concept still finds a publication tagged through an ambiguous label
--   (which search never adds as an alternative) or by a person. Automatic tagging then writes
--   tags without re-indexing the publication: tagging 100,000 publications from scratch spent
--   most of its time removing and re-adding each publication's whole text (issue 14, see
--   docs/BENCHMARKS.md). The index shrinks by the labels it no longer repeats.
-- * The full-text index is rebuilt from the new view, in the migration's transaction.
--
-- This file is frozen with version 6: the CREATE statement below is version 6's, copied from
-- schema.sql as it is now. A later version changes this view in its own step.

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
        ORDER BY part, k)) AS context
FROM publication p;

INSERT INTO publication_fts (publication_fts) VALUES ('rebuild');
