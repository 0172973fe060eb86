// The Kotlin API, call by call, on the demo catalogue and on files.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.pubcat.*

object ApiTest : Suite("api") {
    init {
        test("demo catalogue: stats and version") {
            Catalog.demo().use { c ->
                val stats = c.stats()
                assertEquals(7uL, stats.publications)
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
                assertTrue(page.total > 0uL, "no hit for cobalt")
                val first = page.hits.first()
                assertTrue("cobalt" in first.uid, "first hit ${first.uid}")
                assertTrue(first.score > 0.0)
                assertTrue(first.snippet!!.contains("<mark>"), "snippet ${first.snippet}")
            }
        }

        test("search() without a query lists everything, newest first") {
            Catalog.demo().use { c ->
                val page = c.search()
                assertEquals(7uL, page.total)
                assertEquals(7, page.hits.size)
                val years = page.hits.mapNotNull { it.year }
                assertEquals(years.sortedDescending(), years)
                assertNull(page.nextCursor)
            }
        }

        test("paging with nextCursor visits every hit once") {
            Catalog.demo().use { c ->
                val seen = mutableListOf<String>()
                var query = Query(limit = 2u, sort = Sort.TITLE)
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
                val page = c.search(Query(limit = 0u, facets = listOf(Facet.LANGUAGE, Facet.KIND, Facet.YEAR)))
                assertEquals(0, page.hits.size)
                assertEquals(setOf("language", "kind", "year"), page.facets.keys)
                assertEquals(page.total, page.facets.getValue("language").sumOf { it.count })
                assertEquals(page.total, page.facets.getValue("kind").sumOf { it.count })
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
                val all = c.search(Query(limit = 100u)).hits
                val kind = all.first().kind
                assertTrue(c.search(Query(kinds = listOf(kind))).hits.all { it.kind == kind })
                val lang = all.first().language
                assertTrue(c.search(Query(languages = listOf(lang))).hits.all { it.language.startsWith(lang) })
                val project = c.projects().first()
                assertEquals(project.publications.size.toULong(), c.search(Query(projects = listOf(project.uid))).total)
                val year = all.mapNotNull { it.year }.min()
                val old = c.search(Query(dateTo = year.toString()))
                assertTrue(old.total >= 1uL && old.hits.all { (it.year ?: year) <= year })
            }
        }

        test("publication record, translations, related") {
            Catalog.demo().use { c ->
                val uid = c.search().hits.first { it.date != null }.uid
                val p = c.publication(uid)
                assertEquals(uid, p.uid)
                assertTrue(p.title.isNotBlank())
                assertTrue(p.contributors.isNotEmpty())
                val date = assertNotNull(p.date)
                assertTrue(date.lower <= date.upper)
                val translations = c.translations(uid)
                assertTrue(translations.any { it.uid == uid })
                c.related(uid) // may be empty; must not fail
                val withTranslations = c.search(Query(limit = 100u)).hits.first { it.otherLanguages.isNotEmpty() }
                assertEquals(withTranslations.otherLanguages.size + 1, c.translations(withTranslations.uid).size)
            }
        }

        test("projects, agents, concepts") {
            Catalog.demo().use { c ->
                val projects = c.projects()
                assertTrue(projects.isNotEmpty())
                assertEquals(projects.first().name, c.project(projects.first().uid).name)
                val agents = c.agents()
                assertTrue(agents.isNotEmpty())
                val agent = c.agent(agents.first().uid)
                assertEquals(agents.first().name, agent.name)
                val places = c.concepts(Scheme.PLACE)
                assertTrue(places.isNotEmpty() && places.all { it.scheme == Scheme.PLACE })
                assertTrue(c.concepts().size >= places.size)
                fun depth(n: ConceptNode): Int = 1 + (n.narrower.maxOfOrNull { depth(it) } ?: 0)
                assertTrue(places.maxOf { depth(it) } >= 2, "place concepts form a tree")
                assertEquals(places.first().uid, c.concept(places.first().uid).uid)
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
                c.upsertPublication(fr)
                c.linkTranslation("r1", "r1-fr")
                val stored = c.publication("r1")
                assertEquals("IPIS", stored.contributors.single().name)
                assertEquals("2021-07-31", stored.date!!.upper)
                assertEquals("10.1234/abc", stored.identifiers.single().value)
                assertEquals("3", stored.series!!.number)
                assertEquals(setOf("r1", "r1-fr"), c.translations("r1").map { it.uid }.toSet())
                c.addRelation(Relation(source = "r1-fr", relationType = RelationType.IS_VARIANT_FORM_OF, target = "r1"))
                assertEquals(1, c.related("r1").size)
                c.removeRelation(Relation(source = "r1-fr", relationType = RelationType.IS_VARIANT_FORM_OF, target = "r1"))
                assertEquals(0, c.related("r1").size)
                val changes = c.changesSince(v0)
                assertEquals(c.version(), changes.version)
                assertTrue(changes.changes.any { it.entity == "publication" && it.uid == "r1" && it.op == ChangeOp.UPSERT })
                assertEquals(1uL, c.search(Query(text = "copperbelt", languages = listOf("en"))).total)
                c.upsertAgent(Agent(uid = "ipis-2", kind = AgentKind.ORGANIZATION, name = "International Peace Information Service"))
                c.mergeAgents("ipis-2", "ipis")
                assertEquals("ipis", c.agent("ipis-2").uid)
                c.deletePublication("r1-fr")
                assertFailsWith<PubcatException.NotFound> { c.publication("r1-fr") }
                val after = c.changesSince(changes.version)
                assertTrue(after.changes.any { it.uid == "r1-fr" && it.op == ChangeOp.DELETE })
            }
        }

        test("JSON export and import round trip, whole and selected") {
            Catalog.demo().use { source ->
                val json = source.exportJson()
                Catalog.inMemory().use { copy ->
                    assertEquals(source.stats().publications, copy.importJson(json).let { copy.stats().publications })
                    assertEquals(0uL, copy.importJson(json).added)
                }
                val project = source.projects().first().uid
                val selected = source.exportJson(Query(projects = listOf(project)))
                Catalog.inMemory().use { copy ->
                    copy.importJson(selected)
                    assertEquals(source.project(project).publications.size.toULong(), copy.stats().publications)
                }
            }
        }

        test("importFile / export through files") {
            val dir = tempDir()
            Catalog.demo().use { source ->
                val out = dir.resolve("all.json").toString()
                assertEquals(7uL, source.export(out))
                assertEquals(7uL, source.export(out, Format.JSON))
                val text = Json.parse(java.io.File(out).readText()) as Map<*, *>
                assertEquals("pubcat", text["format"])
                Catalog.inMemory().use { copy ->
                    val summary = copy.importFile(out)
                    assertTrue(summary.added >= 7uL)
                    assertEquals(7uL, copy.stats().publications)
                }
                val some = dir.resolve("some.json").toString()
                val n = source.export(some, query = Query(text = "cobalt"))
                assertEquals(source.search(Query(text = "cobalt")).total, n)
            }
        }

        test("every export format, and import back with detection") {
            val dir = tempDir()
            Catalog.demo().use { source ->
                for (format in Format.entries) {
                    val file = dir.resolve("demo.${format.name.lowercase()}").toFile()
                    assertEquals(7uL, source.export(file.path, format), "$format")
                    assertTrue(file.length() > 100, "$format: ${file.length()} bytes")
                    assertTrue(!java.io.File(file.path + ".partial").exists())
                }
                // The lossless formats round-trip everything; detection finds them by content.
                for (name in listOf("demo.json", "demo.jsonl")) {
                    Catalog.inMemory().use { copy ->
                        copy.importFile(dir.resolve(name).toString())
                        assertEquals(source.stats().copy(version = 0), copy.stats().copy(version = 0), name)
                    }
                }
                // The others hold publications that refer to agents and series by uid or name:
                // import them where those exist (the demo without its publications).
                for (format in listOf(Format.CSV, Format.RIS, Format.BIBTEX, Format.CSL_JSON)) {
                    Catalog.demo().use { copy ->
                        copy.search(Query(limit = 100u)).hits.forEach { copy.deletePublication(it.uid) }
                        assertEquals(0uL, copy.stats().publications)
                        copy.importFile(dir.resolve("demo.${format.name.lowercase()}").toString(), format)
                        assertEquals(7uL, copy.stats().publications, "$format")
                    }
                }
            }
        }

        test("importFile: a web-page listing, detected; errors name the line") {
            val listing = java.io.File(System.getProperty("pubcat.repo", "."), "examples/data/ipis-partner-listing.txt")
            Catalog.inMemory().use { c ->
                val summary = c.importFile(listing.path)
                assertTrue(summary.added >= 7uL, "added ${summary.added}")
                assertTrue(c.search(Query(text = "cobalt")).total >= 1uL)
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
                assertEquals(0uL, c.stats().publications) // all or nothing
            }
        }

        test("file catalogue: open, write, reopen read-only") {
            val path = tempDir().resolve("catalog.db").toString()
            Catalog.open(path).use { c ->
                assertEquals(path, c.path())
                c.upsertAgent(Agent(uid = "ipis", kind = AgentKind.ORGANIZATION, name = "IPIS"))
            }
            Catalog.openReadOnly(path).use { ro ->
                assertTrue(ro.isReadOnly())
                assertEquals(1uL, ro.stats().agents)
                assertFailsWith<PubcatException.InvalidInput> {
                    ro.upsertAgent(Agent(uid = "x", kind = AgentKind.PERSON, name = "X"))
                }
            }
        }

        test("demo(path) creates a file once; backup copies it") {
            val dir = tempDir()
            val path = dir.resolve("demo.db").toString()
            Catalog.demo(path).use { c ->
                assertEquals(7uL, c.stats().publications)
                val copy = dir.resolve("copy.db").toString()
                c.backup(copy)
                Catalog.openReadOnly(copy).use { assertEquals(7uL, it.stats().publications) }
                assertFailsWith<PubcatException.Conflict> { c.backup(copy) }
            }
            assertFailsWith<PubcatException.Conflict> { Catalog.demo(path) }
        }
    }
}
