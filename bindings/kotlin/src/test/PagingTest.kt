// Paging by cursor (SearchPager, the shape of a Paging 3 PagingSource) over every page of a
// 1,000-publication catalogue: each publication once, none missing, in the query's order.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.pubcat.*
import org.pubcat.core.*

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingTest {
    private lateinit var catalog: Catalog
    private val all = (0 until 1000).map { "gen-$it" }.toSet()

    @BeforeAll
    fun build() {
        Native.init()
        catalog = Catalog.inMemory()
        assertEquals(1000L, catalog.importJson(generatedCatalogJson(1000)).publications.added)
    }

    private fun check(query: Query, pageSize: Int, expected: Set<String>) = runBlocking {
        val pages = SearchPager(catalog, query).pages(pageSize).toList()
        val uids = pages.flatMap { page -> page.hits.map { it.uid } }
        assertEquals(uids.distinct().size, uids.size, "duplicates with $query / $pageSize")
        assertEquals(expected, uids.toSet(), "gaps with $query / $pageSize")
        assertEquals((expected.size + pageSize - 1) / pageSize, pages.size, "page count")
        pages.dropLast(1).forEach { assertEquals(pageSize, it.hits.size) }
        pages.forEach { assertEquals(expected.size.toLong(), it.total) }
        assertNull(pages.last().nextKey)
        // One request for everything gives the same order.
        if (expected.size <= 1000) {
            val whole = catalog.search(query.copy(limit = 1000)).hits.map { it.uid }
            assertEquals(whole, uids, "order with $query / $pageSize")
        }
    }

    @Test
    fun `newest first, pages of 37`() = check(Query(), 37, all)

    @Test
    fun `by title, pages of 100`() = check(Query(sort = Sort.TITLE), 100, all)

    @Test
    fun `oldest first, pages of 1000 and of 1`() {
        check(Query(sort = Sort.DATE_ASC), 1000, all)
        val few = catalog.search(Query(text = "\"year 2003\"", limit = 1000)).hits.map { it.uid }.toSet()
        assertEquals(50, few.size)
        check(Query(text = "\"year 2003\"", sort = Sort.DATE_ASC), 1, few)
    }

    @Test
    fun `relevance, pages of 64`() = check(Query(text = "cobalt traders"), 64, all)

    @Test
    fun `load by key, as a PagingSource would`() = runBlocking {
        val pager = SearchPager(catalog, Query(text = "cobalt"))
        val first = pager.load(null, 400)
        val second = pager.load(first.nextKey, 400)
        val third = pager.load(second.nextKey, 400)
        assertEquals(listOf(400, 400, 200), listOf(first, second, third).map { it.hits.size })
        assertNull(third.nextKey)
        assertTrue((first.hits + second.hits + third.hits).map { it.uid }.toSet() == all)
    }
}
