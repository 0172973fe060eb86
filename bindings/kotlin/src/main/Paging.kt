// Paging over search results by cursor, in the shape of androidx Paging 3's PagingSource
// (load(key, loadSize) -> page with nextKey), without depending on androidx: the JVM tests use
// it as it is, and the Android module's HitPagingSource (bindings/android) adapts it to
// PagingSource<String, Hit> in a few lines.
package org.pubcat

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import org.pubcat.core.Hit
import org.pubcat.core.Query

/** One page of hits: `nextKey` is the cursor of the next page (null on the last one). */
data class HitPage(val hits: List<Hit>, val nextKey: String?, val total: Long)

/**
 * Loads the pages of `query`'s hits, forward, by the core's cursors (a cursor is tied to its
 * query: keep the query, change only the cursor). Every publication matching at the start
 * appears once, in the query's order, with no gap or duplicate between pages; writes made
 * while paging may or may not be seen (reload from the first page after `versions()` moves).
 */
class SearchPager(private val catalog: Catalog, private val query: Query) {
    /** The page after `key` (null: the first page), of at most `loadSize` hits (1..1000). */
    suspend fun load(key: String?, loadSize: Int): HitPage {
        val page = catalog.searchAsync(query.copy(cursor = key, limit = loadSize.coerceIn(1, 1000)))
        return HitPage(page.hits, page.nextCursor, page.total)
    }

    /** Every page, in order, `pageSize` hits each (the last may be shorter). */
    fun pages(pageSize: Int): Flow<HitPage> = flow {
        var key: String? = null
        do {
            val page = load(key, pageSize)
            emit(page)
            key = page.nextKey
        } while (key != null)
    }
}
