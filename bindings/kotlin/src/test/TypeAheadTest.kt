// Catalog.typeAhead / typeAheadAsync: completions and hits from Kotlin, the order, filters,
// the reader's language, refusals as typed exceptions, hostile text.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.pubcat.*
import org.pubcat.core.*

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeAheadTest {
    @BeforeAll
    fun load() = Native.init()

    @Test
    fun `a prefix completes to the catalogue's words and finds their publications`() {
        Catalog.demo().use { c ->
            val typed = c.typeAhead(Query(text = "cob"))
            assertEquals("cobalt", typed.completions.first().word)
            assertEquals(1L, typed.completions.first().publications)
            assertEquals(listOf("ipis-dd-cobalt-3t-comparative-analysis"), typed.hits.map { it.uid })
            assertEquals(Sort.RELEVANCE, typed.order)
            assertTrue(typed.hits.first().snippet!!.contains("<mark>"))
        }
    }

    @Test
    fun `suspend variant, language preference and filters`() = runBlocking {
        Catalog.demo().use { c ->
            val typed = c.typeAheadAsync(Query(text = "Sud-Ki", preferLanguages = listOf("fr", "en")))
            assertEquals("kivu", typed.completions.first().word)
            assertTrue(typed.hits.any { h -> h.matchedConcepts.any { it.concept == "south-kivu" } })
            val french = c.typeAheadAsync(Query(text = "min", languages = listOf("fr"), limit = 50))
            assertTrue(french.hits.isNotEmpty() && french.hits.all { it.language.startsWith("fr") })
            val works = c.typeAheadAsync(Query(text = "min", preferLanguages = listOf("fr", "en"), limit = 50))
            assertEquals(works.hits.size, works.hits.map { it.work }.toSet().size)
        }
    }

    @Test
    fun `refusals are typed exceptions, also through the suspend variant`() = runBlocking {
        Catalog.demo().use { c ->
            assertFailsWith<PubcatException.InvalidQuery> { c.typeAhead(Query(text = "co", limit = -1)) }
            assertFailsWith<PubcatException.InvalidQuery> {
                c.typeAheadAsync(Query(text = "co", facets = listOf(Facet.LANGUAGE)))
            }
            for (text in listOf("\"", "-", "***", "OR", "don't", "\u0000", "x".repeat(100_000))) {
                c.typeAhead(Query(text = text))
            }
        }
    }

    @Test
    fun `sort ADDED pages through every publication once`() {
        Catalog.demo().use { c ->
            val seen = mutableListOf<String>()
            var cursor: String? = null
            do {
                val page = c.search(Query(sort = Sort.ADDED, limit = 2, cursor = cursor))
                seen += page.hits.map { it.uid }
                cursor = page.nextCursor
            } while (cursor != null)
            assertEquals(c.stats().publications, seen.size.toLong())
            assertEquals(seen.size, seen.toSet().size)
        }
    }
}
