// Curation through the Kotlin API (issue 13): unlink, tag/untag, setField, merging series and
// publications (with redirects), vocabularies, imports with options and their report, and a
// backup of a read-only catalogue. Each call is the core's; the assertions follow the demo
// catalogue (examples/data/demo-catalog.json).
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object CurationTest : Suite("curation") {
    private const val M23 = "ipis-mapping-conflict-motives-m23-2012"
    private const val EN = "conflict-minerals-perceptions-en"
    private const val FR = "conflict-minerals-perceptions-fr"
    private const val RIS = "TY  - RPRT\nTI  - Mapping Conflict Motives: M23\nPY  - 2012\nAB  - New summary\nER  - \n"

    init {
        test("unlinkTranslation makes a work of its own; linkTranslation undoes it") {
            Catalog.demo().use { c ->
                c.unlinkTranslation(FR)
                assertEquals(listOf(FR), c.translations(FR).map { it.uid })
                assertEquals(listOf(EN), c.translations(EN).map { it.uid })
                assertEquals(7L, c.stats().works)
                val v = c.version()
                c.unlinkTranslation(FR) // a lone version: nothing changes
                assertEquals(v, c.version())
                c.linkTranslation(EN, FR)
                assertEquals(setOf(EN, FR), c.translations(FR).map { it.uid }.toSet())
                assertFailsWith<PubcatException.NotFound> { c.unlinkTranslation("nope") }
            }
        }

        test("tag / untag: concepts by uid, unknown ones refused with nothing changed") {
            Catalog.demo().use { c ->
                fun concepts() = c.publication(M23).concepts.map { it.uid }.toSet()
                assertEquals(setOf("m23", "goma", "conflict-analysis"), concepts())
                assertEquals(Upsert.UPDATED, c.tag(M23, listOf("gold", "m23")))
                assertEquals(Upsert.UNCHANGED, c.tag(M23, listOf("gold")))
                assertEquals(setOf("m23", "goma", "conflict-analysis", "gold"), concepts())
                assertEquals(2L, c.search(Query(concepts = listOf("gold"))).total)
                assertEquals(Upsert.UPDATED, c.untag(M23, listOf("goma")))
                assertEquals(Upsert.UNCHANGED, c.untag(M23, listOf("goma")))
                val v = c.version()
                assertFailsWith<PubcatException.NotFound> { c.tag(M23, listOf("tin", "atlantis")) }
                assertFailsWith<PubcatException.NotFound> { c.tag("nope", listOf("gold")) }
                assertEquals(v, c.version())
                assertEquals(setOf("m23", "conflict-analysis", "gold"), concepts())
            }
        }

        test("setField: JSON values and text, validated like any write; publicationFields") {
            Catalog.demo().use { c ->
                val fields = c.publicationFields()
                assertTrue(listOf("title", "date", "pages", "concepts", "series_number").all { it in fields }, "$fields")
                assertEquals(Upsert.UPDATED, c.setField(M23, "pages", "28"))
                assertEquals(Upsert.UNCHANGED, c.setField(M23, "pages", "28"))
                assertEquals(Upsert.UPDATED, c.setField(M23, "date", "2012-11"))
                assertEquals(Upsert.UPDATED, c.setField(M23, "concepts", """["m23", "gold"]"""))
                assertEquals(Upsert.UPDATED, c.setField(M23, "title", "2012")) // not a title as JSON: text
                val p = c.publication(M23)
                assertEquals(28, p.pages)
                assertEquals("2012-11-30", p.date!!.upper)
                assertEquals(setOf("m23", "gold"), p.concepts.map { it.uid }.toSet())
                assertEquals("2012", p.title)
                assertEquals(Upsert.UPDATED, c.setField(M23, "pages", ""))
                assertNull(c.publication(M23).pages, "an empty value clears the field")
                val v = c.version()
                for ((field, value) in listOf("date" to "someday", "pages" to "0", "pages" to "many", "kind" to "novel",
                        "titel" to "x", "uid" to "m23", "title" to "")) {
                    assertFailsWith<PubcatException.InvalidInput>("$field = $value") { c.setField(M23, field, value) }
                }
                assertFailsWith<PubcatException.NotFound> { c.setField(M23, "concepts", """["atlantis"]""") }
                assertFailsWith<PubcatException.NotFound> { c.setField("nope", "title", "x") }
                assertEquals(v, c.version(), "refused edits wrote something")
            }
        }

        test("mergeSeries / mergePublications: the merged uid redirects") {
            Catalog.demo().use { c ->
                assertEquals(Upsert.ADDED, c.upsertSeries(Series(uid = "ipis-dd-2", name = "IPIS due diligence")))
                c.setField(M23, "series", "ipis-dd-2")
                c.mergeSeries("ipis-dd-2", "ipis-due-diligence")
                assertEquals("ipis-due-diligence", c.publication(M23).series!!.uid)
                assertEquals("ipis-due-diligence", c.series("ipis-dd-2").uid)
                assertEquals(listOf("ipis-due-diligence", "mapping-conflict-motives"), c.seriesList().map { it.uid }.sorted())
                assertFailsWith<PubcatException.InvalidInput> { c.mergeSeries("ipis-due-diligence", "ipis-due-diligence") }
                assertFailsWith<PubcatException.NotFound> { c.series("nope") }

                val copy = Publication(uid = "m23-copy", language = "en", title = "Mapping conflict motives – M23",
                    kind = Kind.REPORT, pages = 48, identifiers = listOf(Identifier(scheme = IdScheme.DOI, value = "10.1234/m23")))
                assertEquals(Upsert.ADDED, c.upsertPublication(copy))
                assertEquals(Upsert.ADDED, c.upsertPublication(Publication(uid = "m23-copy-fr", work = "m23-copy",
                    language = "fr", title = "Cartographie des motivations : M23", kind = Kind.REPORT)))
                c.mergePublications("m23-copy", M23)
                val merged = c.publication("m23-copy")
                assertEquals(M23, merged.uid)
                assertEquals("Mapping Conflict Motives: M23", merged.title, "the target keeps its values")
                assertEquals(48, merged.pages, "and takes the duplicate's where it has none")
                assertEquals(listOf("10.1234/m23"), merged.identifiers.map { it.value })
                assertEquals(setOf(M23, "m23-copy-fr"), c.translations(M23).map { it.uid }.toSet())
                assertEquals(8L, c.stats().publications)
                assertFailsWith<PubcatException.InvalidInput> { c.mergePublications(M23, M23) }
                assertFailsWith<PubcatException.NotFound> { c.mergePublications("nope", M23) }
            }
        }

        test("exportVocabulary / importVocabulary: concepts only, as native JSON") {
            Catalog.demo().use { source ->
                val places = source.exportVocabulary(Scheme.PLACE)
                val doc = Json.parse(places) as Map<*, *>
                assertEquals("pubcat", doc["format"])
                // The demo holds the shipped vocabularies: 124 places of 232 concepts.
                assertEquals(124, (doc["concepts"] as List<*>).size)
                assertEquals(emptyList<Any?>(), doc["publications"])
                assertEquals(232, (Json.parse(source.exportVocabulary()) as Map<*, *>)["concepts"].let { (it as List<*>).size })
                Catalog.inMemory().use { fresh ->
                    val summary = fresh.importVocabulary(places)
                    assertEquals(124L, summary.concepts.added)
                    assertEquals(124L, fresh.stats().concepts)
                    assertEquals(124L, fresh.importVocabulary(places).unchanged)
                    assertFailsWith<PubcatException.InvalidInput> { fresh.importVocabulary(source.exportJson()) }
                    assertFailsWith<PubcatException.Parse> { fresh.importVocabulary("{") }
                }
            }
        }

        test("ImportOptions is the core's record, with defaults besides the format") {
            val options = ImportOptions(format = Format.AUTO)
            assertFalse(options.dryRun)
            assertNull(options.onConflict)
            assertFalse(options.lenient)
            assertEquals(options.copy(dryRun = true), ImportOptions(format = Format.AUTO, dryRun = true))
        }

        test("importText / importFileWith: dry runs, merge policies, the report field by field") {
            Catalog.demo().use { c ->
                val v = c.version()
                val keep = c.importText(RIS, ImportOptions(format = Format.AUTO, dryRun = true))
                assertEquals(Format.RIS, keep.format)
                assertEquals(OnConflict.KEEP, keep.onConflict)
                assertTrue(keep.dryRun)
                assertFalse(keep.written)
                assertEquals(Counts(added = 0L, updated = 0L, unchanged = 1L), keep.summary.publications)
                assertEquals(emptyList(), keep.changes)
                val conflict = keep.conflicts.single()
                assertEquals(listOf(M23, "summary", "New summary", "kept"),
                    listOf(conflict.uid, conflict.field, conflict.incoming, conflict.resolution))
                assertTrue(conflict.stored.startsWith("In light of the recent occupation of Goma"), conflict.stored)

                val replace = c.importText(RIS, ImportOptions(format = Format.RIS, dryRun = true, onConflict = OnConflict.REPLACE))
                assertEquals(1L, replace.summary.publications.updated)
                val change = replace.changes.single()
                assertEquals(listOf("publication", M23), listOf(change.entity, change.uid))
                assertEquals(Upsert.UPDATED, change.outcome)
                assertEquals(listOf("summary"), change.fields.map { it.field })
                assertEquals("New summary", change.fields.single().new)
                assertEquals("replaced", replace.conflicts.single().resolution)

                val report = c.importText(RIS, ImportOptions(format = Format.RIS, onConflict = OnConflict.REPORT))
                assertFalse(report.dryRun)
                assertFalse(report.written, "`report` writes nothing when the file disagrees")
                assertEquals(v, c.version(), "dry runs and refused reports wrote something")
                assertTrue(c.publication(M23).summary!!.startsWith("In light of"))

                // A file, written: importFileWith is importFile with options and a report.
                val file = tempDir().resolve("m23.ris").toFile().apply { writeText(RIS) }
                val written = c.importFileWith(file.path, ImportOptions(format = Format.AUTO, onConflict = OnConflict.REPLACE))
                assertTrue(written.written)
                assertEquals(Format.RIS, written.format)
                assertEquals("New summary", c.publication(M23).summary)
                assertTrue(c.version() > v)
                assertFailsWith<PubcatException.Parse> {
                    c.importText("{\"format\": \"pubcat\", \"version\": 1, \"publications\": [", ImportOptions(format = Format.JSON))
                }
                assertFailsWith<PubcatException.Io> { c.importFileWith(file.path + ".missing", ImportOptions(format = Format.AUTO)) }
            }
        }

        test("backup of a catalogue opened read-only") {
            val dir = tempDir()
            val path = dir.resolve("demo.db").toString()
            Catalog.demo(path).use { }
            Catalog.openReadOnly(path).use { ro ->
                val copy = dir.resolve("copy.db").toString()
                ro.backup(copy)
                Catalog.openReadOnly(copy).use { assertEquals(7L, it.stats().publications) }
                assertFailsWith<PubcatException.Conflict> { ro.backup(copy) }
            }
            assertEquals(setOf("copy.db", "demo.db"), dir.toFile().list()!!.filter { !it.endsWith("-wal") && !it.endsWith("-shm") }.toSet())
        }
    }
}
