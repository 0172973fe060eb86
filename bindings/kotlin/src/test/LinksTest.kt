// Link discovery through the Kotlin API (issue 14, item 5): suggestTranslations (threshold,
// only, limit, evidence), linkSuggestedTranslations (idempotent), scoreTranslation,
// ImportOptions.linkTranslations on the bundled sample listing (7 works, 6 with linking; a dry
// run reports without writing), a person's "not a translation" decision (unlinkTranslation),
// the same language never proposed, errors, read-only and closed refusals.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object LinksTest : Suite("links") {
    private val listing = java.io.File(System.getProperty("pubcat.repo", "."), "examples/data/ipis-partner-listing.txt").path

    /** The English and French versions of one report in the listing (uids made from the titles). */
    private const val EN = "conflict-minerals-initiatives-in-dr-congo-perceptions-of-local-mining"
    private const val FR = "initiatives-en-matiere-de-minerais-de-conflit-en-rd-congo-perceptions-des"
    /** Another publication of the listing, in English. */
    private const val M23 = "mapping-conflict-motives-m23-2012"

    /** An in-memory catalogue holding the sample listing, not linked. */
    private fun withListing(): Catalog = Catalog.inMemory().also { c ->
        assertNull(c.importFileWith(listing, ImportOptions(format = Format.LISTING)).links)
        assertEquals(7L, c.stats().works)
    }

    private fun versions(c: Catalog, uid: String): List<String> = c.translations(uid).map { it.uid }.sorted()

    private fun together(s: TranslationSuggestion, a: String, b: String) = a in s.uids && b in s.uids

    init {
        test("suggestTranslations: the French and English pair of the sample listing, with its evidence") {
            withListing().use { c ->
                val found = c.suggestTranslations()
                val s = found.single()
                assertEquals(listOf(EN, FR), s.uids)
                assertEquals(listOf("en", "fr"), s.languages)
                assertTrue("Conflict Minerals" in s.titles[0] && "minerais de conflit" in s.titles[1], "${s.titles}")
                assertTrue(s.score >= 0.8 && s.score <= 1.0, "${s.score}")
                assertTrue(s.evidence.isNotEmpty())
                assertTrue(s.evidence.any { it.kind == EvidenceKind.TITLE_WORDS }, "${s.evidence}")
                assertTrue(s.evidence.all { it.detail.isNotEmpty() })
                // Suggesting writes nothing.
                val v = c.version()
                c.suggestTranslations(SuggestOptions(minScore = 0.0))
                assertEquals(v, c.version())
            }
        }

        test("suggestTranslations: minScore, only, limit; best first") {
            withListing().use { c ->
                assertEquals(emptyList(), c.suggestTranslations(SuggestOptions(minScore = 1.0)))
                assertEquals(1, c.suggestTranslations(SuggestOptions(minScore = 0.5)).size)
                assertEquals(emptyList(), c.suggestTranslations(SuggestOptions(limit = 0)))
                assertEquals(1, c.suggestTranslations(SuggestOptions(limit = 1)).size)
                assertEquals(1, c.suggestTranslations(SuggestOptions(only = listOf(FR))).size)
                assertEquals(1, c.suggestTranslations(SuggestOptions(only = listOf(M23, EN))).size)
                assertEquals(emptyList(), c.suggestTranslations(SuggestOptions(only = listOf(M23))))
                val scores = c.suggestTranslations(SuggestOptions(minScore = 0.0)).map { it.score }
                assertEquals(scores.sortedDescending(), scores)
            }
        }

        test("the same language is never proposed") {
            withListing().use { c ->
                // Six of the seven are English: no suggestion holds two of one language.
                for (s in c.suggestTranslations(SuggestOptions(minScore = 0.0))) {
                    assertEquals(s.languages.size, s.languages.toSet().size, "$s")
                }
                c.upsertPublication(Publication(uid = "gold-2019", language = "en", kind = Kind.REPORT, date = "2019",
                    title = "Gold mining in Mambasa territory, Ituri (2019)",
                    summary = "A survey of 42 artisanal gold mines around Mambasa and Bunia."))
                c.upsertPublication(Publication(uid = "gold-2019-revised", language = "en", kind = Kind.REPORT, date = "2019",
                    title = "Gold mining in Mambasa territory, Ituri (2019), revised",
                    summary = "A survey of 42 artisanal gold mines around Mambasa and Bunia, revised."))
                assertTrue(c.scoreTranslation("gold-2019", "gold-2019-revised").score > 0.5)
                assertFalse(c.suggestTranslations(SuggestOptions(minScore = 0.0)).any { together(it, "gold-2019", "gold-2019-revised") })
            }
        }

        test("linkSuggestedTranslations: links the pair once; a re-run links and writes nothing") {
            withListing().use { c ->
                val summary = c.linkSuggestedTranslations()
                assertEquals(1L, summary.publications)
                assertEquals(listOf(EN, FR), summary.linked.single().uids)
                assertEquals(6L, c.stats().works)
                assertEquals(listOf(EN, FR), versions(c, EN))
                val v = c.version()
                assertEquals(LinkSummary(linked = emptyList(), publications = 0L), c.linkSuggestedTranslations())
                assertEquals(v, c.version())
                assertEquals(emptyList(), c.suggestTranslations())
            }
            withListing().use { c ->  // a threshold above every score links nothing
                assertEquals(0L, c.linkSuggestedTranslations(1.0).publications)
                assertEquals(7L, c.stats().works)
            }
        }

        test("after unlinkTranslation the pair is never proposed again, until linked by hand") {
            withListing().use { c ->
                c.linkSuggestedTranslations()
                c.unlinkTranslation(FR)
                assertEquals(7L, c.stats().works)
                assertFalse(c.suggestTranslations(SuggestOptions(minScore = 0.0)).any { together(it, EN, FR) })
                assertEquals(emptyList(), c.suggestTranslations(SuggestOptions(only = listOf(FR))))
                assertEquals(0L, c.linkSuggestedTranslations().publications)
                assertEquals(listOf(FR), versions(c, FR))
                assertTrue(c.scoreTranslation(EN, FR).score >= 0.8)  // still explained
                val report = c.importFileWith(listing, ImportOptions(format = Format.LISTING, linkTranslations = true))
                assertEquals(0L, assertNotNull(report.links).publications)
                assertEquals(listOf(FR), versions(c, FR))
                c.linkTranslation(EN, FR)
                assertEquals(listOf(EN, FR), versions(c, FR))
            }
        }

        test("scoreTranslation explains one pair") {
            withListing().use { c ->
                val pair = c.scoreTranslation(FR, EN)
                assertEquals(listOf(EN, FR), pair.uids)  // by language
                assertEquals(listOf("en", "fr"), pair.languages)
                assertEquals(c.suggestTranslations().single().score, pair.score)
                assertTrue(pair.evidence.isNotEmpty())
                assertTrue(c.scoreTranslation(EN, M23).score < 0.5)
            }
        }

        test("ImportOptions.linkTranslations: the sample listing gives 6 works; a dry run writes nothing") {
            Catalog.inMemory().use { c ->
                val report = c.importFileWith(listing, ImportOptions(format = Format.AUTO, linkTranslations = true))
                val links = assertNotNull(report.links)
                assertEquals(1L, links.publications)
                assertEquals(listOf(EN, FR), links.linked.single().uids)
                assertEquals(6L, c.stats().works)
                val again = c.importFileWith(listing, ImportOptions(format = Format.AUTO, linkTranslations = true))
                assertEquals(emptyList(), assertNotNull(again.links).linked)
            }
            Catalog.inMemory().use { c ->  // from text (a share sheet, the clipboard)
                val text = java.io.File(listing).readText()
                val report = c.importText(text, ImportOptions(format = Format.LISTING, linkTranslations = true))
                assertEquals(1L, assertNotNull(report.links).publications)
            }
            val path = tempDir().resolve("dry.db").toString()
            Catalog.open(path).use { c ->
                val v = c.version()
                val dry = c.importFileWith(listing, ImportOptions(format = Format.LISTING, dryRun = true, linkTranslations = true))
                assertFalse(dry.written)
                assertEquals(1L, assertNotNull(dry.links).publications)
                assertEquals(v, c.version())
                assertEquals(0L, c.stats().publications)
            }
            Catalog.inMemory().use { c ->  // the default: no linking
                assertNull(c.importFileWith(listing, ImportOptions(format = Format.LISTING)).links)
                assertEquals(7L, c.stats().works)
            }
        }

        test("bad input is a typed error and changes nothing") {
            withListing().use { c ->
                val v = c.version()
                for (bad in listOf(1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY)) {
                    assertFailsWith<PubcatException.InvalidInput>("$bad") { c.suggestTranslations(SuggestOptions(minScore = bad)) }
                    assertFailsWith<PubcatException.InvalidInput>("$bad") { c.linkSuggestedTranslations(bad) }
                }
                val e = assertFailsWith<PubcatException.InvalidInput> { c.suggestTranslations(SuggestOptions(minScore = 2.0)) }
                assertTrue("between 0 and 1" in e.detail, e.detail)
                assertFailsWith<PubcatException.NotFound> { c.suggestTranslations(SuggestOptions(only = listOf("no-such-uid"))) }
                assertFailsWith<PubcatException.NotFound> { c.scoreTranslation(EN, "no-such-uid") }
                assertFailsWith<PubcatException.InvalidInput> { c.scoreTranslation(EN, EN) }
                assertEquals(v, c.version())
                assertEquals(7L, c.stats().works)
            }
        }

        test("read-only catalogues answer suggestions and refuse linking; closed ones refuse all") {
            val path = tempDir().resolve("cat.db").toString()
            Catalog.open(path).use { c -> c.importFileWith(listing, ImportOptions(format = Format.LISTING)) }
            val before = java.io.File(path).readBytes()
            Catalog.openReadOnly(path).use { ro ->
                assertEquals(1, ro.suggestTranslations().size)
                assertTrue(ro.scoreTranslation(EN, FR).score >= 0.8)
                assertFailsWith<PubcatException.InvalidInput> { ro.linkSuggestedTranslations() }
            }
            assertTrue(before.contentEquals(java.io.File(path).readBytes()), "the read-only catalogue was written")
            val closed = Catalog.inMemory()
            closed.closeConnection()
            assertFailsWith<PubcatException.Closed> { closed.suggestTranslations() }
            assertFailsWith<PubcatException.Closed> { closed.linkSuggestedTranslations() }
            assertFailsWith<PubcatException.Closed> { closed.scoreTranslation(EN, FR) }
            closed.close()
        }
    }
}
