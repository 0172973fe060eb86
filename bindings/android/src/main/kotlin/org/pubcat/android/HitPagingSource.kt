// Search hits for androidx Paging 3: a PagingSource over the core's cursors (forward only).
// UNVERIFIED: not compiled here (androidx.paging cannot be had on the machines pubcat is
// developed on); the logic it adapts, SearchPager, is compiled and tested on the JVM
// (bindings/kotlin/src/test/PagingTest.kt).
package org.pubcat.android

import androidx.paging.PagingSource
import androidx.paging.PagingState
import org.pubcat.Catalog
import org.pubcat.PubcatException
import org.pubcat.SearchPager
import org.pubcat.core.Hit
import org.pubcat.core.Query

/**
 * The hits of `query`, page by page: keys are cursors (null: the first page). A refresh starts
 * again from the first page; invalidate the source when `catalog.versions()` moves:
 *
 * ```
 * val pager = Pager(PagingConfig(pageSize = 30)) { HitPagingSource(catalog, query).also { source = it } }
 * catalog.versions().drop(1).collect { source?.invalidate() }
 * ```
 */
class HitPagingSource(catalog: Catalog, query: Query) : PagingSource<String, Hit>() {
    private val pager = SearchPager(catalog, query)

    override suspend fun load(params: LoadParams<String>): LoadResult<String, Hit> = try {
        val page = pager.load(params.key, params.loadSize)
        LoadResult.Page(data = page.hits, prevKey = null, nextKey = page.nextKey)
    } catch (e: PubcatException) {
        LoadResult.Error(e)
    }

    /** Cursors only go forward: a refresh starts from the first page. */
    override fun getRefreshKey(state: PagingState<String, Hit>): String? = null
}
