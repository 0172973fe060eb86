// Enrichment through the Kotlin API (issue 14): the shipped vocabularies and vocabularies of
// one's own, automatic tagging with provenance (the label found), idempotent re-runs, undo that
// keeps the curated tags, imports that tag (ImportOptions.tag), read-only refusal. Expected
// tags are written by hand from crates/pubcat/data/vocabularies/. Search across languages,
// inflections, suggestions and fuzzy search (Query.fuzzy, SearchPage.suggestions,
// Hit.matchedConcepts).
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object EnrichmentTest : Suite("enrichment") {
    /** French, Dutch and English texts naming places, minerals and actors; "or" as a conjunction. */
    private val texts = listOf(
        Publication(uid = "fr-sud-kivu", language = "fr", title = "L'or et le coltan du Sud-Kivu", kind = Kind.REPORT),
        Publication(uid = "nl-zuid-kivu", language = "nl", title = "Coltan uit Zuid-Kivu", kind = Kind.REPORT),
        Publication(uid = "en-m23", language = "en", title = "The Mouvement du 23 mars in North Kivu", kind = Kind.REPORT),
        Publication(uid = "fr-or-word", language = "fr", title = "Or, la paix reste fragile", kind = Kind.ARTICLE),
    )

    /** The automatic tags of [texts]: publication → (concept → label found). */
    private val expected = mapOf(
        "fr-sud-kivu" to mapOf("gold" to "Or", "tantalum" to "Coltan", "south-kivu" to "Sud-Kivu"),
        "nl-zuid-kivu" to mapOf("tantalum" to "Coltan", "south-kivu" to "Zuid-Kivu"),
        "en-m23" to mapOf("m23" to "Mouvement du 23 mars", "north-kivu" to "North Kivu"),
        "fr-or-word" to emptyMap(),
    )
    private val tagCount = expected.values.sumOf { it.size }.toLong()

    private const val BEES = """{"format": "pubcat-vocabulary", "version": 1, "scheme": "theme", "title": "Bees",
        "sources": ["Written for this test."],
        "concepts": [{"uid": "beekeeping", "labels": {"en": "beekeeping", "fr": "apiculture"}},
                     {"uid": "honey", "labels": {"en": "honey", "fr": "miel"}, "broader": "beekeeping"}]}"""

    private fun tags(c: Catalog, uid: String): Map<String, String?> =
        c.publication(uid).concepts.associate { it.uid to it.matchedLabel }

    /** An in-memory catalogue with the shipped vocabularies and [texts], not tagged yet. */
    private fun withTexts(): Catalog = Catalog.inMemory().also { c ->
        c.loadBuiltinVocabularies()
        texts.forEach { c.upsertPublication(it) }
    }

    init {
        test("loadBuiltinVocabularies: every scheme, labels in several languages; again changes nothing") {
            Catalog.inMemory().use { c ->
                val summary = c.loadBuiltinVocabularies()
                assertTrue(summary.concepts.added > 200L, "$summary")
                assertEquals(summary.added, summary.concepts.added)
                assertEquals(0L, summary.publications.added)
                assertEquals(summary.concepts.added, c.stats().concepts)
                val southKivu = c.concept("south-kivu")
                assertEquals("Sud-Kivu", southKivu.labels["fr"])
                assertEquals("Zuid-Kivu", southKivu.labels["nl"])
                assertEquals(Scheme.ACTOR, c.concept("m23").scheme)
                assertEquals(Scheme.MINERAL, c.concept("gold").scheme)
                val again = c.loadBuiltinVocabularies()
                assertEquals(Triple(0L, 0L, summary.added), Triple(again.added, again.updated, again.unchanged))
            }
        }

        test("loadVocabulary: a vocabulary of one's own as text; not one is a Parse error, nothing loaded") {
            Catalog.inMemory().use { c ->
                assertEquals(2L, c.loadVocabulary(BEES).concepts.added)
                assertEquals("beekeeping", c.concept("honey").broader)
                assertEquals(2L, c.loadVocabulary(BEES).concepts.unchanged)
                val v = c.version()
                assertFailsWith<PubcatException.Parse> { c.loadVocabulary("{\"format\": \"pubcat-vocabulary\", oops") }
                assertFailsWith<PubcatException.Parse> { c.loadVocabulary("{\"format\": \"pubcat\", \"version\": 1}") }
                assertEquals(v, c.version())
            }
        }

        test("tagAutomatically: labels found in every language, with the label; a re-run writes nothing") {
            withTexts().use { c ->
                expected.keys.forEach { assertEquals(emptyMap(), tags(c, it), it) }
                val summary = c.tagAutomatically()
                assertEquals(TaggingSummary(publications = 4L, changed = 3L, added = tagCount, removed = 0L), summary)
                expected.forEach { (uid, want) -> assertEquals(want, tags(c, uid), uid) }
                val hits = c.search(Query(concepts = listOf("south-kivu"))).hits.map { it.uid }.toSet()
                assertEquals(setOf("fr-sud-kivu", "nl-zuid-kivu"), hits)
                val v = c.version()
                assertEquals(TaggingSummary(publications = 4L, changed = 0L, added = 0L, removed = 0L), c.tagAutomatically())
                assertEquals(v, c.version())
            }
        }

        test("removeAutomaticTags: the curated tags stay, through undo and redo") {
            withTexts().use { c ->
                c.tagAutomatically()
                c.tag("fr-or-word", listOf("gold"))        // a person's tag
                c.tag("nl-zuid-kivu", listOf("tantalum"))  // a person confirms an automatic tag: curated
                assertEquals(mapOf("tantalum" to null, "south-kivu" to "Zuid-Kivu"), tags(c, "nl-zuid-kivu"))
                assertEquals(0L, c.tagAutomatically().changed)

                val undone = c.removeAutomaticTags()
                assertEquals(tagCount - 1L, undone.removed)
                assertEquals(3L, undone.changed)
                assertEquals(mapOf("gold" to null), tags(c, "fr-or-word"))
                assertEquals(mapOf("tantalum" to null), tags(c, "nl-zuid-kivu"))
                assertEquals(emptyMap(), tags(c, "en-m23"))
                assertEquals(0L, c.removeAutomaticTags().removed)

                assertEquals(tagCount - 1L, c.tagAutomatically().added)
                assertEquals(mapOf("tantalum" to null, "south-kivu" to "Zuid-Kivu"), tags(c, "nl-zuid-kivu"))
                assertEquals<Map<String, String?>>(expected.getValue("fr-sud-kivu"), tags(c, "fr-sud-kivu"))
                assertEquals(mapOf("gold" to null), tags(c, "fr-or-word"))
            }
        }

        test("imports tag when the catalogue has vocabularies; ImportOptions.tag = false does not") {
            val doc = """{"format": "pubcat", "version": 1, "publications": [
                {"uid": "q", "language": "nl", "title": "Coltan uit Zuid-Kivu", "kind": "report"}]}"""
            Catalog.inMemory().use { c ->
                c.loadBuiltinVocabularies()
                val report = c.importText(doc, ImportOptions(format = Format.AUTO))
                assertEquals(TaggingSummary(publications = 1L, changed = 1L, added = 2L, removed = 0L), report.tagging)
                assertEquals(mapOf("tantalum" to "Coltan", "south-kivu" to "Zuid-Kivu"), tags(c, "q"))
                assertEquals(0L, assertNotNull(c.importText(doc, ImportOptions(format = Format.JSON)).tagging).changed)
            }
            Catalog.inMemory().use { c ->
                c.loadBuiltinVocabularies()
                val report = c.importText(doc, ImportOptions(format = Format.JSON, tag = false))
                assertNull(report.tagging)
                assertEquals(emptyMap(), tags(c, "q"))
            }
            Catalog.inMemory().use { c ->  // no vocabularies: nothing to tag with
                assertNull(c.importText(doc, ImportOptions(format = Format.JSON)).tagging)
                assertEquals(0L, c.tagAutomatically().added)
            }
        }

        test("search: any name of a place finds every language and says why; inflections; suggestions and fuzzy") {
            Catalog.inMemory().use { c ->
                c.loadBuiltinVocabularies()
                listOf(
                    Publication(uid = "en-sk", language = "en", title = "Roadblocks in South Kivu", kind = Kind.REPORT),
                    Publication(uid = "fr-sk", language = "fr", title = "L'exploitation minière au Sud-Kivu", kind = Kind.REPORT),
                    Publication(uid = "nl-zk", language = "nl", title = "Mijnbouw in Zuid-Kivu", kind = Kind.REPORT),
                    Publication(uid = "en-goma", language = "en", title = "A roadblock near Goma", kind = Kind.BRIEFING),
                    Publication(uid = "en-cobalt", language = "en", title = "Cobalt mining in Lualaba", kind = Kind.REPORT),
                ).forEach { c.upsertPublication(it) }
                val kivu = setOf("en-sk", "fr-sk", "nl-zk")
                for (name in listOf("Sud-Kivu", "South Kivu", "Zuid-Kivu", "Kivu Kusini")) {
                    val page = c.search(Query(text = name))
                    assertEquals(kivu, page.hits.map { it.uid }.toSet(), name)
                    assertTrue(page.suggestions.isEmpty(), name)
                }
                val why = c.search(Query(text = "Kivu Kusini", preferLanguages = listOf("fr")))
                    .hits.first { it.uid == "nl-zk" }.matchedConcepts.single()
                assertEquals(ConceptMatch(query = "Kivu Kusini", concept = "south-kivu", label = "Sud-Kivu", found = "Zuid-Kivu"), why)
                // Singular and plural alike; a quoted word stays exact.
                assertEquals(setOf("en-sk", "en-goma"), c.search(Query(text = "roadblock")).hits.map { it.uid }.toSet())
                assertEquals(setOf("en-sk", "en-goma"), c.search(Query(text = "roadblocks")).hits.map { it.uid }.toSet())
                assertEquals(listOf("en-sk"), c.search(Query(text = "\"roadblocks\"")).hits.map { it.uid })
                // A misspelt word: nothing, a suggestion; fuzzy searches it.
                val typo = c.search(Query(text = "cobolt"))
                assertEquals(0L, typo.total)
                assertTrue("cobalt" in typo.suggestions, "${typo.suggestions}")
                val fuzzy = c.search(Query(text = "cobolt", fuzzy = true))
                assertEquals(listOf("en-cobalt"), fuzzy.hits.map { it.uid })
                // Hostile input is still a typed error or an answer, never a crash.
                c.search(Query(text = "don't \"abc AND"))
            }
        }

        test("read-only and closed catalogues refuse the enrichment writes") {
            val path = tempDir().resolve("cat.db").toString()
            Catalog.open(path).use { c ->
                c.loadBuiltinVocabularies()
                texts.forEach { c.upsertPublication(it) }
                c.tagAutomatically()
            }
            val before = java.io.File(path).readBytes()
            Catalog.openReadOnly(path).use { ro ->
                assertEquals<Map<String, String?>>(expected.getValue("fr-sud-kivu"), tags(ro, "fr-sud-kivu"))
                assertFailsWith<PubcatException.InvalidInput> { ro.loadBuiltinVocabularies() }
                assertFailsWith<PubcatException.InvalidInput> { ro.loadVocabulary(BEES) }
                assertFailsWith<PubcatException.InvalidInput> { ro.tagAutomatically() }
                assertFailsWith<PubcatException.InvalidInput> { ro.removeAutomaticTags() }
            }
            assertTrue(before.contentEquals(java.io.File(path).readBytes()), "the read-only catalogue was written")
            val closed = Catalog.inMemory()
            closed.closeConnection()
            assertFailsWith<PubcatException.Closed> { closed.tagAutomatically() }
            assertFailsWith<PubcatException.Closed> { closed.loadBuiltinVocabularies() }
            closed.close()
        }
    }
}
