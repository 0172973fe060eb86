-- pubcat catalogue schema, version 6.
--
-- This file is THE schema of the current version: `crates/pubcat/src/db/schema.rs` embeds it
-- with `include_str!` and applies it, unchanged, to every new catalogue. Older files are brought
-- to this shape by `crates/pubcat/migrations/NNNN_*.sql`; a test builds each old version from
-- its fixture (and opens the committed files of each old version), migrates it and compares it
-- with a fresh database made from this file. Version 2: `publication.pages`, the long texts of
-- a publication last, one index on contributions instead of two, the `redirect` table,
-- provenance of concept tags, tags people rejected, ambiguous labels, `not_translation` decisions,
-- the index vocabulary. Version 3: the catalogue's identity (`catalog_identity`) and what a
-- replica follows (`replica_state`, `replica_kept`), for delta files (docs/SYNC.md). Version 4:
-- the UNIQUE constraint of `contribution` ordered (agent_id, publication_id, role), so that an
-- agent's publications are counted in index order (the agent facet, docs/BENCHMARKS.md).
-- Version 5: `agent_publication_count`, each agent's number of publications kept by the writes,
-- so that the agent facet of the whole catalogue reads its top entries instead of counting
-- every contribution. Version 6: the full-text index no longer repeats the labels of automatic
-- tags found through an unambiguous label (their label is in the text), so that automatic
-- tagging writes tags without re-indexing publications.
--
-- Conventions: every entity has an integer primary key for joins and a stable text `uid` that
-- callers use. Timestamps are RFC 3339 UTC text. Enumerated columns carry CHECK constraints so
-- that a file edited by another tool cannot hold values pubcat does not understand.
-- `PRAGMA application_id` and `PRAGMA user_version` are set by the Rust code, not here.

-- The catalogue's change counter. Exactly one row. Every write transaction increments
-- `version` once; rows of `change_log` carry the version that last touched them.
CREATE TABLE catalog_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0)  -- last committed write version
);
INSERT INTO catalog_state (id, version) VALUES (1, 0);

-- One row per entity that was written or deleted, keeping only the latest change: apps that
-- keep a copy ask "what changed since version N" (`changes_since`).
CREATE TABLE change_log (
    entity   TEXT NOT NULL CHECK (entity IN
                 ('publication', 'agent', 'project', 'series', 'concept', 'relation')),
    uid      TEXT NOT NULL,                 -- the entity's uid (relations: "source type target")
    op       TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    version  INTEGER NOT NULL,              -- catalog_state.version of the write
    PRIMARY KEY (entity, uid)
) WITHOUT ROWID;
CREATE INDEX change_log_by_version ON change_log (version);

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

-- A work: what the authors wrote once. Its language versions are publications.
CREATE TABLE work (
    id   INTEGER PRIMARY KEY,
    uid  TEXT NOT NULL UNIQUE               -- stable key; defaults to the first publication's uid
);

-- An agent: a person or an organisation that writes, edits, funds or partners.
CREATE TABLE agent (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),  -- display name
    given        TEXT,                      -- persons: given name(s)
    family       TEXT,                      -- persons: family name
    acronym      TEXT,                      -- organisations: e.g. "IPIS"
    redirect_to  INTEGER REFERENCES agent (id) ON DELETE SET NULL,
                                            -- set when this record was merged into another;
                                            -- a merged agent keeps no contributions
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (redirect_to IS NULL OR redirect_to <> id)
);
CREATE INDEX agent_redirect ON agent (redirect_to) WHERE redirect_to IS NOT NULL;

-- Other names an agent is known by ("International Peace Information Service"), searchable.
CREATE TABLE agent_name (
    agent_id  INTEGER NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    PRIMARY KEY (agent_id, position)
) WITHOUT ROWID;

-- Identifiers of agents: ORCID for persons, ROR for organisations, and others.
CREATE TABLE agent_identifier (
    agent_id  INTEGER NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    scheme    TEXT NOT NULL CHECK (scheme IN ('orcid', 'ror', 'isni', 'wikidata', 'viaf', 'url')),
    value     TEXT NOT NULL,
    PRIMARY KEY (agent_id, scheme, value),
    UNIQUE (scheme, value)                  -- one identifier names one agent
) WITHOUT ROWID;

-- A series: "IPIS Due Diligence series", "Mapping Conflict Motives".
CREATE TABLE series (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    publisher_id  INTEGER REFERENCES agent (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- A project: e.g. Madini. Dates are EDTF text with computed bounds (see publication.date_*).
CREATE TABLE project (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    acronym     TEXT,
    summary     TEXT,
    url         TEXT,
    date_edtf   TEXT,
    date_lower  TEXT,                       -- ISO date, first day covered
    date_upper  TEXT,                       -- ISO date, last day covered
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((date_edtf IS NULL) = (date_lower IS NULL) AND (date_edtf IS NULL) = (date_upper IS NULL))
);

-- The agents taking part in a project, with their role in it.
CREATE TABLE project_agent (
    project_id  INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    agent_id    INTEGER NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('coordinator', 'partner', 'funder')),
    position    INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (project_id, agent_id, role)
) WITHOUT ROWID;
CREATE INDEX project_agent_by_agent ON project_agent (agent_id);

-- A publication: one language version of a work. The small columns come first and the long
-- texts last: a row whose summary and body overflow the page keeps every column a filter or a
-- sort reads in its first page, so scans and lookups never follow the overflow chain.
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
CREATE UNIQUE INDEX publication_one_original ON publication (work_id) WHERE is_original = 1;
CREATE INDEX publication_by_language ON publication (language, date_lower);
CREATE INDEX publication_by_kind ON publication (kind, date_lower);
CREATE INDEX publication_by_date ON publication (date_lower, id);
CREATE INDEX publication_by_date_upper ON publication (date_upper, id);
CREATE INDEX publication_by_title ON publication (title COLLATE NOCASE, id);
CREATE INDEX publication_by_series ON publication (series_id) WHERE series_id IS NOT NULL;

-- Who did what for a publication, in order.
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

-- How many distinct publications credit each agent (in any role): the agent facet of the
-- whole catalogue. Kept exact by every write transaction (`store/writer.rs`: the counts of
-- the publications a transaction touched, before and after); an agent credited nowhere has
-- no row. `pubcat check` compares it with `contribution`.
CREATE TABLE agent_publication_count (
    agent_id      INTEGER PRIMARY KEY REFERENCES agent (id) ON DELETE CASCADE,
    publications  INTEGER NOT NULL CHECK (publications >= 0)
);
CREATE INDEX agent_publication_count_by_count ON agent_publication_count (publications);

-- Which publications came out of which project.
CREATE TABLE project_publication (
    project_id      INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, publication_id)
) WITHOUT ROWID;
CREATE INDEX project_publication_by_publication ON project_publication (publication_id);

-- Identifiers of publications. A DOI or ISBN names one publication.
CREATE TABLE publication_identifier (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    scheme          TEXT NOT NULL CHECK (scheme IN ('doi', 'isbn', 'issn', 'handle', 'url')),
    value           TEXT NOT NULL,          -- normalised: DOI lower-case without resolver prefix
    PRIMARY KEY (publication_id, scheme, value),
    UNIQUE (scheme, value)
) WITHOUT ROWID;

-- Links and files of a publication: landing page, PDF, dataset download, story map.
CREATE TABLE publication_link (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    url             TEXT NOT NULL CHECK (length(url) > 0),
    link_kind       TEXT NOT NULL CHECK (link_kind IN ('landing_page', 'pdf', 'file',
                        'dataset', 'map', 'other')),
    media_type      TEXT,                   -- e.g. application/pdf
    label           TEXT,
    PRIMARY KEY (publication_id, position)
) WITHOUT ROWID;

-- A concept of a controlled vocabulary (scheme): a mineral, a place, an armed actor, a theme.
-- Concepts form a tree per scheme through `broader_id` ("eastern DRC" > "South Kivu" > "Uvira").
CREATE TABLE concept (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    scheme      TEXT NOT NULL CHECK (scheme IN ('mineral', 'place', 'actor', 'theme')),
    broader_id  INTEGER REFERENCES concept (id),  -- parent; NULL for a top concept
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (broader_id IS NULL OR broader_id <> id)
);
CREATE INDEX concept_by_broader ON concept (broader_id);
CREATE INDEX concept_by_scheme ON concept (scheme);

-- Labels of a concept per language: one preferred label per language, any number of
-- alternative labels ("3T" for "tin, tantalum and tungsten").
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
CREATE UNIQUE INDEX concept_one_preferred_label
    ON concept_label (concept_id, language) WHERE preferred = 1;

-- External identifiers of a concept: Wikidata, GeoNames.
CREATE TABLE concept_identifier (
    concept_id  INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    scheme      TEXT NOT NULL CHECK (scheme IN ('wikidata', 'geonames', 'url')),
    value       TEXT NOT NULL,
    PRIMARY KEY (concept_id, scheme, value)
) WITHOUT ROWID;

-- What a publication is about: tags a person gave (`curated`) and tags pubcat found in the
-- text (`automatic`, with the label that matched). Automatic tagging never removes or
-- replaces a curated tag, and can be undone or run again.
CREATE TABLE publication_concept (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    concept_id      INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    source          TEXT NOT NULL DEFAULT 'curated' CHECK (source IN ('curated', 'automatic')),
    matched_label   TEXT,                   -- automatic tags: the label found in the text
    PRIMARY KEY (publication_id, concept_id),
    CHECK ((source = 'automatic') = (matched_label IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX publication_concept_by_concept ON publication_concept (concept_id, publication_id);

-- Tags a person removed (`untag`): automatic tagging never adds them again; tagging the
-- publication with the concept by hand lifts the decision.
CREATE TABLE rejected_tag (
    publication_id  INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    concept_id      INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    PRIMARY KEY (publication_id, concept_id)
) WITHOUT ROWID;
CREATE INDEX rejected_tag_by_concept ON rejected_tag (concept_id);

-- Typed links between publications, DataCite relationType vocabulary. Only one direction of
-- each pair is stored (the one in the CHECK list); the inverse (IsPreviousVersionOf,
-- HasPart, IsReferencedBy, ...) is derived when reading, so it can never disagree.
CREATE TABLE relation (
    source_id      INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    relation_type  TEXT NOT NULL CHECK (relation_type IN ('IsNewVersionOf', 'IsPartOf',
                       'IsSupplementTo', 'References', 'Cites', 'IsVersionOf', 'Continues',
                       'Documents', 'IsDerivedFrom', 'Reviews', 'Compiles',
                       'IsVariantFormOf', 'Describes', 'Requires', 'Obsoletes',
                       'IsIdenticalTo')),
    target_id      INTEGER NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, relation_type, target_id),
    CHECK (source_id <> target_id)
) WITHOUT ROWID;
CREATE INDEX relation_by_target ON relation (target_id);

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

-- Uids merged into another record: looking `uid` up finds `target` (series and publications;
-- agents keep their row, with `redirect_to`). Kept when the target is merged again (the
-- redirect then points to the final record).
CREATE TABLE redirect (
    entity  TEXT NOT NULL CHECK (entity IN ('series', 'publication')),
    uid     TEXT NOT NULL,
    target  TEXT NOT NULL,
    PRIMARY KEY (entity, uid)
) WITHOUT ROWID;

-- The concept tokens of each publication's indexed text (since version 7): per column of
-- `publication_search_doc` (`in_title` for `title`, ...), the row id of a concept once for
-- every occurrence of an unambiguous label of the concept in that column, in the order of the
-- occurrences, separated by spaces (NULL: no label there). The view makes each id the word
-- `zzconcept<id>`, which the full-text index holds in seven more columns, so that a search for
-- a concept label matches one word instead of the OR of every label of the concept
-- (docs/ENRICHMENT.md). Written by the Rust write path (`store/concept_tokens.rs`) whenever a
-- publication's text or a concept's labels change. No row: no label in any column.
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

-- The searchable text of each publication, assembled from the publication and the names and
-- labels attached to it. It is the external content of `publication_fts`. Names and labels come
-- in a defined order (contribution position, then name, acronym, other names; concepts by id,
-- language, label): FTS5 checks its index against this text token by token, so the text must
-- not depend on the query plan. (Ordered subqueries, not `group_concat(... ORDER BY ...)`: that
-- needs SQLite 3.44, and an older SQLite, such as Python's, could not read the schema.)
-- `concepts` holds every label of the concepts a person tagged the publication with, and of
-- those automatic tagging found through a label marked ambiguous (French `or`); not of the
-- other automatic tags (since version 6): their matched label is in the publication's own text,
-- and search expands a label to every unambiguous label of its concept, so they are found
-- without it, and automatic tagging need not re-index the publication (docs/ENRICHMENT.md).
-- `concepts_in_title` ... `concepts_in_context`: the concept tokens of each column (since
-- version 7, `publication_concept_token`: each id there becomes the word `zzconcept<id>`).
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

-- Full-text index over title, subtitle, summary, body, agent names, concept labels in every
-- language (of the tags the view above includes), and the context: the name of the
-- publication's series, the names and acronyms of its projects; then the concept tokens of
-- each of these columns. External content (the view above): the text is stored once, in the
-- tables. The Rust write path removes a publication's old row before any change that touches
-- its text and adds the new one afterwards, in the same transaction; `pubcat check` runs the
-- FTS5 integrity check against the content.
CREATE VIRTUAL TABLE publication_fts USING fts5 (
    title, subtitle, summary, body, agents, concepts, context,
    concepts_in_title, concepts_in_subtitle, concepts_in_summary, concepts_in_body,
    concepts_in_agents, concepts_in_concepts, concepts_in_context,
    content = 'publication_search_doc',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Column weights for bm25 (title above summary above body), used by every ranked search; a
-- concept token weighs as the column it marks.
INSERT INTO publication_fts (publication_fts, rank)
    VALUES ('rank', 'bm25(10.0, 6.0, 4.0, 1.0, 3.0, 3.0, 2.0, 10.0, 6.0, 4.0, 1.0, 3.0, 3.0, 2.0)');

-- The words of the full-text index (one row per distinct term, with its document and
-- occurrence counts): search reads it to expand a word to its inflections and to suggest
-- close words.
CREATE VIRTUAL TABLE publication_fts_vocab USING fts5vocab (publication_fts, 'row');
