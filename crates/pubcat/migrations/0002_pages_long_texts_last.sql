-- Schema version 1 -> 2.
--
-- * `publication.pages`: the page count of a publication (a report, a book); NULL when unknown.
-- * The long texts of `publication` (title, subtitle, summary, body) move last, so that a row
--   whose summary or body overflows its page keeps every column a filter or a sort reads in the
--   first page (measured: see docs/BENCHMARKS.md).
-- * `contribution`: one index instead of two (its UNIQUE constraint, reordered to
--   agent_id, role, publication_id, also serves "the publications of an agent").
-- * `redirect`: uids of series and publications merged into another record.
-- * Concept tags carry their provenance (`curated`, or `automatic` with the matched label;
--   every tag of version 1 was given by a person); labels can be marked ambiguous;
--   `rejected_tag` records the tags people removed, which automatic tagging does not add back;
--   `not_translation` records people's decisions about language versions;
--   `publication_fts_vocab` reads the words of the full-text index.
-- * The full-text view lists agent names and concept labels in a defined order (version 1's
--   order followed whichever index the query planner chose, so an index built under one plan
--   failed FTS5's integrity check under another), and a `context` column (the series name, the
--   project names and acronyms) makes series and projects searchable; the index is recreated
--   and rebuilt from it.
--
-- SQLite cannot reorder columns or change a table constraint in place: both tables are rebuilt
-- (SQLite's documented procedure). The runner (`db/schema.rs`) runs this inside the migration's
-- IMMEDIATE transaction with `foreign_keys` OFF and `legacy_alter_table` ON, so that renaming
-- the old table rewrites no reference to it (other tables' foreign keys, the full-text view),
-- and runs `PRAGMA foreign_key_check` before it commits. Row ids are kept, so the full-text
-- index (external content keyed by publication id) stays valid.
--
-- This file is frozen with version 2: the CREATE statements below are version 2's, copied from
-- schema.sql as it was then. A later version changes these tables in its own step.

DROP VIEW publication_search_doc;

-- Uids merged into another record: looking `uid` up finds `target` (series and publications;
-- agents keep their row, with `redirect_to`). Kept when the target is merged again (the
-- redirect then points to the final record).
CREATE TABLE redirect (
    entity  TEXT NOT NULL CHECK (entity IN ('series', 'publication')),
    uid     TEXT NOT NULL,
    target  TEXT NOT NULL,
    PRIMARY KEY (entity, uid)
) WITHOUT ROWID;

ALTER TABLE publication RENAME TO publication_v1;
CREATE TABLE publication (
    id                  INTEGER PRIMARY KEY,
    uid                 TEXT NOT NULL UNIQUE,
    work_id             INTEGER NOT NULL REFERENCES work (id),
    language            TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 35),
                                            -- BCP 47, normalised by pubcat (fr, fr-CD, zh-Hant)
    is_original         INTEGER NOT NULL DEFAULT 0 CHECK (is_original IN (0, 1)),
                                            -- the version the others were translated from
    kind                TEXT NOT NULL CHECK (kind IN ('report', 'briefing', 'review_paper',
                            'policy_brief', 'working_paper', 'map', 'story_map', 'dataset',
                            'article', 'book', 'chapter', 'news', 'statement', 'factsheet',
                            'other')),
    date_edtf           TEXT,               -- EDTF as given: 2012, 2021-07, 2012~, 2016/2017
    date_lower          TEXT,               -- ISO date, first day the date may mean
    date_upper          TEXT,               -- ISO date, last day the date may mean
    date_precision      TEXT CHECK (date_precision IN ('day', 'month', 'year')),
    series_id           INTEGER REFERENCES series (id) ON DELETE SET NULL,
    series_number       TEXT,               -- the publication's number in its series
    pages               INTEGER CHECK (pages > 0),  -- page count (of a report, a book)
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    subtitle            TEXT,
    summary_is_excerpt  INTEGER NOT NULL DEFAULT 0 CHECK (summary_is_excerpt IN (0, 1)),
                                            -- 1 when the summary was cut short ("[…]")
    summary             TEXT,
    body                TEXT,               -- optional full text, searchable
    UNIQUE (work_id, language),             -- one version per language: the cross-language link
    CHECK ((date_edtf IS NULL) = (date_lower IS NULL)
       AND (date_edtf IS NULL) = (date_upper IS NULL)
       AND (date_edtf IS NULL) = (date_precision IS NULL)),
    CHECK (series_number IS NULL OR series_id IS NOT NULL)
);
INSERT INTO publication (id, uid, work_id, language, is_original, title, subtitle, summary, summary_is_excerpt, body, kind, date_edtf, date_lower, date_upper, date_precision, series_id, series_number, created_at, updated_at)
    SELECT id, uid, work_id, language, is_original, title, subtitle, summary, summary_is_excerpt, body, kind, date_edtf, date_lower, date_upper, date_precision, series_id, series_number, created_at, updated_at FROM publication_v1;
DROP TABLE publication_v1;
CREATE UNIQUE INDEX publication_one_original ON publication (work_id) WHERE is_original = 1;
CREATE INDEX publication_by_language ON publication (language, date_lower);
CREATE INDEX publication_by_kind ON publication (kind, date_lower);
CREATE INDEX publication_by_date ON publication (date_lower, id);
CREATE INDEX publication_by_date_upper ON publication (date_upper, id);
CREATE INDEX publication_by_title ON publication (title COLLATE NOCASE, id);
CREATE INDEX publication_by_series ON publication (series_id) WHERE series_id IS NOT NULL;

ALTER TABLE contribution RENAME TO contribution_v1;
CREATE TABLE contribution (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    agent_id        INTEGER NOT NULL REFERENCES agent (id),
    role            TEXT NOT NULL CHECK (role IN ('author', 'editor', 'translator',
                        'commissioner', 'funder', 'partner', 'publisher', 'contributor')),
    position        INTEGER NOT NULL CHECK (position >= 0),  -- order within the publication
    affiliation     TEXT,                   -- as printed: "Jean-Paul Lonema (IMPACT)"
    PRIMARY KEY (publication_id, position),
    UNIQUE (agent_id, role, publication_id) -- an agent has a role once per publication; also
                                            -- the index of an agent's publications
) WITHOUT ROWID;
INSERT INTO contribution (publication_id, agent_id, role, position, affiliation)
    SELECT publication_id, agent_id, role, position, affiliation FROM contribution_v1;
DROP TABLE contribution_v1;

ALTER TABLE concept_label RENAME TO concept_label_v1;
CREATE TABLE concept_label (
    concept_id  INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    language    TEXT NOT NULL,              -- BCP 47
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),
    preferred   INTEGER NOT NULL CHECK (preferred IN (0, 1)),
    ambiguous   INTEGER NOT NULL DEFAULT 0 CHECK (ambiguous IN (0, 1)),
                                            -- 1: also a common word (French "or"): automatic
                                            -- tagging needs the label's language and a cue
    PRIMARY KEY (concept_id, language, label)
) WITHOUT ROWID;
INSERT INTO concept_label (concept_id, language, label, preferred)
    SELECT concept_id, language, label, preferred FROM concept_label_v1;
DROP TABLE concept_label_v1;
CREATE UNIQUE INDEX concept_one_preferred_label
    ON concept_label (concept_id, language) WHERE preferred = 1;

ALTER TABLE publication_concept RENAME TO publication_concept_v1;
CREATE TABLE publication_concept (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    concept_id      INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    source          TEXT NOT NULL DEFAULT 'curated' CHECK (source IN ('curated', 'automatic')),
    matched_label   TEXT,                   -- automatic tags: the label found in the text
    PRIMARY KEY (publication_id, concept_id),
    CHECK ((source = 'automatic') = (matched_label IS NOT NULL))
) WITHOUT ROWID;
INSERT INTO publication_concept (publication_id, concept_id, source)
    SELECT publication_id, concept_id, 'curated' FROM publication_concept_v1;
DROP TABLE publication_concept_v1;
CREATE INDEX publication_concept_by_concept ON publication_concept (concept_id, publication_id);

-- Tags a person removed (`untag`): automatic tagging never adds them again; tagging the
-- publication with the concept by hand lifts the decision.
CREATE TABLE rejected_tag (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    concept_id      INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    PRIMARY KEY (publication_id, concept_id)
) WITHOUT ROWID;
CREATE INDEX rejected_tag_by_concept ON rejected_tag (concept_id);

-- Decisions people made about language versions: two publications a person said are NOT
-- versions of one work (`pubcat unlink`, or a suggestion refused). Link suggestions never
-- propose them again.
CREATE TABLE not_translation (
    a_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    b_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    PRIMARY KEY (a_id, b_id),
    CHECK (a_id < b_id)
) WITHOUT ROWID;
CREATE INDEX not_translation_by_b ON not_translation (b_id);

-- The full-text index gains the `context` column (series name, project names and acronyms):
-- the table is recreated and built from the view.
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

DROP TABLE publication_fts;
CREATE VIRTUAL TABLE publication_fts USING fts5 (
    title, subtitle, summary, body, agents, concepts, context,
    content = 'publication_search_doc',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Column weights for bm25 (title above summary above body), used by every ranked search.
INSERT INTO publication_fts (publication_fts, rank)
    VALUES ('rank', 'bm25(10.0, 6.0, 4.0, 1.0, 3.0, 3.0, 2.0)');
INSERT INTO publication_fts (publication_fts) VALUES ('rebuild');

-- The words of the full-text index (one row per distinct term, with its document and
-- occurrence counts): search reads it to expand a word to its inflections and to suggest
-- close words.
CREATE VIRTUAL TABLE publication_fts_vocab USING fts5vocab (publication_fts, 'row');
