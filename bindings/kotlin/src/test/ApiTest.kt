// The Kotlin API, call by call, on the demo catalogue and on files.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object ApiTest : Suite("api") {
    private const val M23 = "ipis-mapping-conflict-motives-m23-2012"
    private val MADINI = setOf("madini-enabling-environment-review", "madini-conflict-analysis-south-kivu-ituri")

    /** Dated publications (uid to EDTF date), in insertion order: two ties on 2019, two undated. */
    private val DATED = listOf(
        "y2019-a" to "2019",
        "undated-a" to null,
        "m2021-07" to "2021-07",
        "d2021-07-15" to "2021-07-15",
        "i2016-2017" to "2016/2017",
        "approx-2012" to "2012~",
        "y2019-b" to "2019",
        "undated-b" to null,
    )

    // Hand-written from the rule: date_desc orders by the lower bound of the date, newest
    // first, ties by the later insertion first; date_asc oldest first, ties by the earlier
    // insertion first; undated last in both (later insertion first in date_desc).
    private val NEWEST_FIRST = listOf("d2021-07-15", "m2021-07", "y2019-b", "y2019-a", "i2016-2017", "approx-2012", "undated-b", "undated-a")
    private val OLDEST_FIRST = listOf("approx-2012", "i2016-2017", "y2019-a", "y2019-b", "m2021-07", "d2021-07-15", "undated-a", "undated-b")

    /** A new in-memory catalogue holding DATED, written one by one in that order. */
    private fun datedCatalog(): Catalog = Catalog.inMemory().also { c ->
        for ((uid, date) in DATED) {
            assertEquals(Upsert.ADDED, c.upsertPublication(Publication(uid = uid, language = "en", title = "Report $uid", kind = Kind.REPORT, date = date)))
        }
    }

    /** Every uid of `query`'s result, following nextCursor from page to page. */
    private fun allPages(c: Catalog, query: Query): List<String> {
        val seen = mutableListOf<String>()
        var q = query
        while (true) {
            val page = c.search(q)
            seen += page.hits.map { it.uid }
            q = q.copy(cursor = page.nextCursor ?: return seen)
        }
    }

    init {
        test("demo catalogue: stats and version") {
            Catalog.demo().use { c ->
                val stats = c.stats()
                assertEquals(7L, stats.publications)
                assertEquals(stats.publications, stats.byLanguage.values.sum())
                assertTrue(c.version() > 0)
                assertEquals(c.version(), stats.version)
                assertNull(c.path())
                assertEquals(false, c.isReadOnly())
            }
        }

        test("Query(text = ...) is all a caller writes") {
            Catalog.demo().use { c ->
                val page = c.search(Query(text = "cobalt"))
                assertTrue(page.total > 0L, "no hit for cobalt")
                val first = page.hits.first()
                assertTrue("cobalt" in first.uid, "first hit ${first.uid}")
                assertTrue(first.score > 0.0)
                assertTrue(first.snippet!!.contains("<mark>"), "snippet ${first.snippet}")
            }
        }

        test("search() without a query lists everything, newest first") {
            datedCatalog().use { c ->
                val page = c.search()
                assertEquals(8L, page.total)
                assertEquals(NEWEST_FIRST, page.hits.map { it.uid })
                assertNull(page.nextCursor)
                val dates = DATED.toMap()
                assertEquals(NEWEST_FIRST.map { dates[it] }, page.hits.map { it.date })
                assertEquals(listOf(2021, 2021, 2019, 2019, 2016, 2012, null, null), page.hits.map { it.year })
            }
            Catalog.demo().use { c ->
                val page = c.search()
                assertEquals(7L, page.total)
                assertEquals(7, page.hits.size)
                assertEquals(M23, page.hits.first().uid, "the one dated publication of the demo comes first")
                assertNull(page.nextCursor)
            }
        }

        test("sort date_desc / date_asc: exact order, ties by insertion, undated last; pages agree") {
            datedCatalog().use { c ->
                assertEquals(NEWEST_FIRST, c.search(Query(sort = Sort.DATE_DESC)).hits.map { it.uid })
                assertEquals(OLDEST_FIRST, c.search(Query(sort = Sort.DATE_ASC)).hits.map { it.uid })
                // Keyset paging crosses the ties and the undated ones.
                for (limit in 1..3) {
                    assertEquals(NEWEST_FIRST, allPages(c, Query(sort = Sort.DATE_DESC, limit = limit)), "date_desc, $limit per page")
                    assertEquals(OLDEST_FIRST, allPages(c, Query(sort = Sort.DATE_ASC, limit = limit)), "date_asc, $limit per page")
                }
            }
        }

        test("dateFrom / dateTo select the publications whose date span overlaps the range") {
            datedCatalog().use { c ->
                fun uids(from: String?, to: String?) = c.search(Query(dateFrom = from, dateTo = to, sort = Sort.DATE_ASC)).hits.map { it.uid }
                // [2017-06-01, 2021-07-10]: 2016/2017 ends inside, 2021-07 starts inside, 2021-07-15 is after.
                assertEquals(listOf("i2016-2017", "y2019-a", "y2019-b", "m2021-07"), uids("2017-06", "2021-07-10"))
                // From 2021-07-15 on: the month of July 2021 still overlaps.
                assertEquals(listOf("m2021-07", "d2021-07-15"), uids("2021-07-15", null))
                // Up to the end of 2012: only the approximate 2012.
                assertEquals(listOf("approx-2012"), uids(null, "2012"))
                // Up to 2016: the interval that starts in 2016 and the 2012.
                assertEquals(listOf("approx-2012", "i2016-2017"), uids(null, "2016-01-01"))
                assertEquals(emptyList(), uids("2022", null))
                // Undated publications never match a date filter.
                assertEquals(listOf("approx-2012", "i2016-2017", "y2019-a", "y2019-b", "m2021-07", "d2021-07-15"), uids("1900", "2100"))
            }
        }

        test("paging with nextCursor visits every hit once") {
            Catalog.demo().use { c ->
                val seen = mutableListOf<String>()
                var query = Query(limit = 2, sort = Sort.TITLE)
                var pages = 0
                while (true) {
                    val page = c.search(query)
                    pages++
                    seen += page.hits.map { it.uid }
                    val next = page.nextCursor ?: break
                    query = query.copy(cursor = next)
                }
                assertEquals(4, pages)
                assertEquals(7, seen.size)
                assertEquals(seen.toSet().size, seen.size)
            }
        }

        test("facets count over the whole match set") {
            Catalog.demo().use { c ->
                val page = c.search(Query(limit = 0, facets = listOf(Facet.LANGUAGE, Facet.KIND, Facet.YEAR)))
                assertEquals(0, page.hits.size)
                assertEquals(7L, page.total)
                assertEquals(setOf("language", "kind", "year"), page.facets.keys)
                assertEquals(mapOf("en" to 6L, "fr" to 1L), page.facets.getValue("language").associate { it.value to it.count })
                assertEquals(mapOf("report" to 6L, "review_paper" to 1L), page.facets.getValue("kind").associate { it.value to it.count })
                assertEquals(mapOf("2012" to 1L), page.facets.getValue("year").associate { it.value to it.count })
            }
        }

        test("preferLanguages shows each work once") {
            Catalog.demo().use { c ->
                val works = c.stats().works
                val page = c.search(Query(preferLanguages = listOf("fr-CD", "en")))
                assertEquals(works, page.total)
                assertEquals(page.hits.size, page.hits.map { it.work }.toSet().size)
            }
        }

        test("filters: kinds, languages, projects, dates") {
            Catalog.demo().use { c ->
                fun uids(q: Query) = c.search(q.copy(limit = 100)).hits.map { it.uid }.toSet()
                assertEquals(setOf("eu-conflict-minerals-regulation-review-paper"), uids(Query(kinds = listOf(Kind.REVIEW_PAPER))))
                assertEquals(6, uids(Query(kinds = listOf(Kind.REPORT))).size)
                assertEquals(emptySet(), uids(Query(kinds = listOf(Kind.BOOK))))
                assertEquals(setOf("conflict-minerals-perceptions-fr"), uids(Query(languages = listOf("fr"))))
                assertEquals(MADINI, uids(Query(projects = listOf("madini"))))
                assertEquals(setOf(M23), uids(Query(dateTo = "2012")))
                assertEquals(setOf(M23), uids(Query(dateFrom = "2012-06", dateTo = "2013")))
                assertEquals(emptySet(), uids(Query(dateFrom = "2013")))
                // Different filters must all hold.
                assertEquals(emptySet(), uids(Query(projects = listOf("madini"), languages = listOf("fr"))))
            }
        }

        test("publication record, translations, related") {
            Catalog.demo().use { c ->
                val uid = c.search().hits.first { it.date != null }.uid
                assertEquals(M23, uid)
                val p = c.publication(uid)
                assertEquals(uid, p.uid)
                assertEquals("Mapping Conflict Motives: M23", p.title)
                assertEquals(listOf("ipis"), p.contributors.map { it.agent })
                val date = assertNotNull(p.date)
                assertEquals(listOf("2012", "2012-01-01", "2012-12-31"), listOf(date.edtf, date.lower, date.upper))
                assertEquals(listOf(uid), c.translations(uid).map { it.uid })
                assertEquals(emptyList(), c.related(uid), "the demo has no relations")
                val withTranslations = c.search(Query(limit = 100)).hits.filter { it.otherLanguages.isNotEmpty() }.map { it.uid }
                val perceptions = setOf("conflict-minerals-perceptions-fr", "conflict-minerals-perceptions-en")
                assertEquals(perceptions, withTranslations.toSet())
                assertEquals(perceptions, c.translations("conflict-minerals-perceptions-en").map { it.uid }.toSet())
            }
        }

        test("projects, agents, concepts") {
            Catalog.demo().use { c ->
                val projects = c.projects()
                assertTrue(projects.isNotEmpty())
                // Records the core's JSON flattens nest here: ProjectRecord.project,
                // AgentRecord.agent, ConceptNode.concept are the entity as written.
                assertEquals(projects.first().project.name, c.project(projects.first().project.uid).project.name)
                val agents = c.agents()
                assertTrue(agents.isNotEmpty())
                val agent = c.agent(agents.first().uid)
                assertEquals(agents.first(), agent.agent)
                val places = c.concepts(Scheme.PLACE)
                assertTrue(places.isNotEmpty() && places.all { it.concept.scheme == Scheme.PLACE })
                assertTrue(c.concepts().size >= places.size)
                fun depth(n: ConceptNode): Int = 1 + (n.narrower.maxOfOrNull { depth(it) } ?: 0)
                assertTrue(places.maxOf { depth(it) } >= 2, "place concepts form a tree")
                assertEquals(places.first().concept, c.concept(places.first().concept.uid))
            }
        }

        test("writes: upsert, read back, change log, delete") {
            Catalog.inMemory().use { c ->
                val v0 = c.version()
                val ipis = Agent(uid = "ipis", kind = AgentKind.ORGANIZATION, name = "IPIS")
                assertEquals(Upsert.ADDED, c.upsertAgent(ipis))
                assertEquals(Upsert.UNCHANGED, c.upsertAgent(ipis))
                assertEquals(Upsert.UPDATED, c.upsertAgent(ipis.copy(acronym = "IPIS vzw")))
                assertEquals(Upsert.ADDED, c.upsertSeries(Series(uid = "insights", name = "Insights", publisher = "ipis")))
                assertEquals(Upsert.ADDED, c.upsertProject(Project(uid = "madini", name = "Madini",
                    members = listOf(ProjectMember(agent = "ipis", role = ProjectRole.COORDINATOR)))))
                assertEquals(Upsert.ADDED, c.upsertConcept(Concept(uid = "cobalt", scheme = Scheme.MINERAL,
                    labels = mapOf("en" to "cobalt", "fr" to "cobalt"))))
                val report = Publication(uid = "r1", language = "en", title = "Cobalt in the Copperbelt",
                    kind = Kind.REPORT, date = "2021-07", series = "insights", seriesNumber = "3",
                    contributors = listOf(Contributor(agent = "ipis", role = Role.AUTHOR)),
                    projects = listOf("madini"), concepts = listOf("cobalt"),
                    identifiers = listOf(Identifier(scheme = IdScheme.DOI, value = "https://doi.org/10.1234/ABC")),
                    links = listOf(Link(url = "https://example.org/r1.pdf", kind = LinkKind.PDF)))
                assertEquals(Upsert.ADDED, c.upsertPublication(report))
                val fr = Publication(uid = "r1-fr", language = "fr", title = "Le cobalt du Copperbelt", kind = Kind.REPORT)
                assertEquals(Upsert.ADDED, c.upsertPublication(fr))
                c.linkTranslation("r1", "r1-fr")
                val stored = c.publication("r1")
                assertEquals("IPIS", stored.contributors.single().name)
                assertEquals("2021-07-31", stored.date!!.upper)
                assertEquals("10.1234/abc", stored.identifiers.single().value)
                assertEquals("3", stored.series!!.number)
                assertEquals(setOf("r1", "r1-fr"), c.translations("r1").map { it.uid }.toSet())
                c.addRelation(Relation(source = "r1-fr", relationType = RelationType.IS_VARIANT_FORM_OF, target = "r1"))
                assertEquals(listOf(RelatedRecord(RelationType.IS_ORIGINAL_FORM_OF, "r1-fr", "Le cobalt du Copperbelt", "fr")), c.related("r1"))
                c.removeRelation(Relation(source = "r1-fr", relationType = RelationType.IS_VARIANT_FORM_OF, target = "r1"))
                assertEquals(0, c.related("r1").size)
                val changes = c.changesSince(v0)
                assertEquals(c.version(), changes.version)
                assertTrue(changes.changes.any { it.entity == "publication" && it.uid == "r1" && it.op == ChangeOp.UPSERT })
                assertEquals(1L, c.search(Query(text = "copperbelt", languages = listOf("en"))).total)
                assertEquals(Upsert.ADDED, c.upsertAgent(Agent(uid = "ipis-2", kind = AgentKind.ORGANIZATION, name = "International Peace Information Service")))
                c.mergeAgents("ipis-2", "ipis")
                assertEquals("ipis", c.agent("ipis-2").agent.uid)
                c.deletePublication("r1-fr")
                assertFailsWith<PubcatException.NotFound> { c.publication("r1-fr") }
                val after = c.changesSince(changes.version)
                assertTrue(after.changes.any { it.uid == "r1-fr" && it.op == ChangeOp.DELETE })
            }
        }

        test("addRelation / removeRelation: related shows it from both sides, removal is NotFound the second time") {
            Catalog.inMemory().use { c ->
                assertEquals(Upsert.ADDED, c.upsertPublication(Publication(uid = "m23-2012", language = "en", title = "M23", kind = Kind.REPORT)))
                assertEquals(Upsert.ADDED, c.upsertPublication(Publication(uid = "m23-2013", language = "en", title = "M23: 2013 update", kind = Kind.REPORT)))
                assertEquals(emptyList(), c.related("m23-2012"))
                val newer = Relation(source = "m23-2013", relationType = RelationType.IS_NEW_VERSION_OF, target = "m23-2012")
                c.addRelation(newer)
                assertEquals(listOf(RelatedRecord(RelationType.IS_PREVIOUS_VERSION_OF, "m23-2013", "M23: 2013 update", "en")), c.related("m23-2012"))
                assertEquals(listOf(RelatedRecord(RelationType.IS_NEW_VERSION_OF, "m23-2012", "M23", "en")), c.related("m23-2013"))
                assertEquals(1L, c.stats().relations)
                val v = c.version()
                // Removed through its inverse: a relation may be given in either direction.
                c.removeRelation(Relation(source = "m23-2012", relationType = RelationType.IS_PREVIOUS_VERSION_OF, target = "m23-2013"))
                assertEquals(emptyList(), c.related("m23-2012"))
                assertEquals(emptyList(), c.related("m23-2013"))
                assertEquals(0L, c.stats().relations)
                assertEquals(listOf("relation" to ChangeOp.DELETE), c.changesSince(v).changes.map { it.entity to it.op })
                // Removing it again: the core's NotFound, and nothing is written.
                val before = c.version()
                val again = assertFailsWith<PubcatException.NotFound> { c.removeRelation(newer) }
                assertTrue("relation" in again.message!!, "message: ${again.message}")
                assertFailsWith<PubcatException.NotFound> { c.removeRelation(newer.copy(target = "ghost")) }
                assertEquals(before, c.version())
            }
        }

        test("JSON export and import round trip, whole and selected") {
            Catalog.demo().use { source ->
                val json = source.exportJson()
                Catalog.inMemory().use { copy ->
                    assertEquals(source.stats().publications, copy.importJson(json).let { copy.stats().publications })
                    assertEquals(0L, copy.importJson(json).added)
                }
                val project = source.projects().first().project.uid
                val selected = source.exportJson(Query(projects = listOf(project)))
                Catalog.inMemory().use { copy ->
                    val summary = copy.importJson(selected)
                    assertTrue(summary.added >= 3L, "added $summary") // at least the two publications and their project
                    assertEquals(0L, summary.updated)
                    assertEquals(0L, summary.unchanged)
                    assertEquals(MADINI, copy.search().hits.map { it.uid }.toSet())
                    assertEquals(source.project(project).publications.size.toLong(), copy.stats().publications)
                }
            }
        }

        test("importFile / export through files") {
            val dir = tempDir()
            Catalog.demo().use { source ->
                val out = dir.resolve("all.json").toString()
                assertEquals(7L, source.export(out))
                assertEquals(7L, source.export(out, Format.JSON))
                val text = Json.parse(java.io.File(out).readText()) as Map<*, *>
                assertEquals("pubcat", text["format"])
                Catalog.inMemory().use { copy ->
                    val summary = copy.importFile(out)
                    assertTrue(summary.added >= 7L)
                    assertEquals(7L, copy.stats().publications)
                }
                val some = dir.resolve("some.json").toString()
                val n = source.export(some, query = Query(text = "cobalt"))
                assertEquals(source.search(Query(text = "cobalt")).total, n)
            }
        }

        test("every export format, and import back with detection") {
            val dir = tempDir()
            Catalog.demo().use { source ->
                for (format in Format.entries.filter { it != Format.AUTO }) {
                    val file = dir.resolve("demo.${format.name.lowercase()}").toFile()
                    assertEquals(7L, source.export(file.path, format), "$format")
                    assertTrue(file.length() > 100, "$format: ${file.length()} bytes")
                    assertTrue(!java.io.File(file.path + ".partial").exists())
                }
                // Format.AUTO exports in the format the file name says, or refuses to guess.
                val ris = dir.resolve("auto.ris").toFile()
                assertEquals(7L, source.export(ris.path, Format.AUTO))
                assertEquals(dir.resolve("demo.ris").toFile().readText(), ris.readText())
                assertFailsWith<PubcatException.InvalidInput> { source.export(dir.resolve("demo.docx").toString(), Format.AUTO) }
                // The lossless formats round-trip everything; detection finds them by content.
                for (name in listOf("demo.json", "demo.jsonl")) {
                    Catalog.inMemory().use { copy ->
                        assertTrue(copy.importFile(dir.resolve(name).toString()).added >= 7L, name)
                        assertEquals(source.stats().copy(version = 0), copy.stats().copy(version = 0), name)
                    }
                }
                // The others hold publications that refer to agents and series by uid or name:
                // import them where those exist (the demo without its publications).
                for (format in listOf(Format.CSV, Format.RIS, Format.BIBTEX, Format.CSL_JSON)) {
                    Catalog.demo().use { copy ->
                        copy.search(Query(limit = 100)).hits.forEach { copy.deletePublication(it.uid) }
                        assertEquals(0L, copy.stats().publications)
                        val summary = copy.importFile(dir.resolve("demo.${format.name.lowercase()}").toString(), format)
                        assertTrue(summary.added >= 7L, "$format: $summary")
                        assertEquals(7L, copy.stats().publications, "$format")
                        assertEquals(source.search(Query(sort = Sort.TITLE)).hits.map { it.title },
                            copy.search(Query(sort = Sort.TITLE)).hits.map { it.title }, "$format")
                    }
                }
            }
        }

        test("importFile: a web-page listing, detected; errors name the line") {
            val listing = java.io.File(System.getProperty("pubcat.repo", "."), "examples/data/ipis-partner-listing.txt")
            Catalog.inMemory().use { c ->
                val summary = c.importFile(listing.path)
                assertTrue(summary.added >= 7L, "added ${summary.added}")
                assertTrue(c.search(Query(text = "cobalt")).total >= 1L)
            }
            // A CSV export with one unknown kind in its second publication.
            val dir = tempDir()
            val csv = dir.resolve("demo.csv").toString()
            Catalog.demo().use { it.export(csv, Format.CSV) }
            val kinds = Kind.entries.joinToString("|") { it.name.lowercase() }
            var replaced = false
            val text = java.io.File(csv).readText().let { t ->
                val rows = t.split("\n").toMutableList()
                Regex(",($kinds),").find(rows[2])?.let { m ->
                    rows[2] = rows[2].replaceRange(m.range, ",novel,")
                    replaced = true
                }
                rows.joinToString("\n")
            }
            check(replaced) { "no kind found in the CSV export's third line" }
            val bad = dir.resolve("bad.csv").toFile().apply { writeText(text) }
            Catalog.inMemory().use { c ->
                val e = assertFailsWith<PubcatException.Parse> { c.importFile(bad.path) }
                assertTrue(e.line != null || e.record != null, "no position in ${e.message}")
                assertEquals(0L, c.stats().publications) // all or nothing
            }
        }

        test("file catalogue: open, write, reopen read-only") {
            val path = tempDir().resolve("catalog.db").toString()
            Catalog.open(path).use { c ->
                assertEquals(path, c.path())
                assertEquals(Upsert.ADDED, c.upsertAgent(Agent(uid = "ipis", kind = AgentKind.ORGANIZATION, name = "IPIS")))
            }
            Catalog.openReadOnly(path).use { ro ->
                assertTrue(ro.isReadOnly())
                assertEquals(1L, ro.stats().agents)
                assertFailsWith<PubcatException.InvalidInput> {
                    ro.upsertAgent(Agent(uid = "x", kind = AgentKind.PERSON, name = "X"))
                }
            }
        }

        test("demo(path) creates a file once; backup copies it") {
            val dir = tempDir()
            val path = dir.resolve("demo.db").toString()
            Catalog.demo(path).use { c ->
                assertEquals(7L, c.stats().publications)
                val copy = dir.resolve("copy.db").toString()
                c.backup(copy)
                Catalog.openReadOnly(copy).use { assertEquals(7L, it.stats().publications) }
                assertFailsWith<PubcatException.Conflict> { c.backup(copy) }
            }
            assertFailsWith<PubcatException.Conflict> { Catalog.demo(path) }
        }
    }
}
