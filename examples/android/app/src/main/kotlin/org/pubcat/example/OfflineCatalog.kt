// Offline search over a catalogue file shipped with the app. Plain Kotlin (no Android API),
// so scripts/test-kotlin.sh compiles it and runs it on the JVM (bindings/kotlin/src/test/ExampleTest.kt).
package org.pubcat.example

import org.pubcat.Catalog
import org.pubcat.core.Hit
import org.pubcat.core.Query
import org.pubcat.core.SearchPage

/**
 * A catalogue opened read-only: nothing in it is trusted or ever written.
 * Calls block on SQLite: make them from a background dispatcher (Dispatchers.IO).
 */
class OfflineCatalog(path: String) : AutoCloseable {
    private val catalog = Catalog.openReadOnly(path)

    /**
     * One page of results. `languages` are the reader's languages, best first (e.g. the
     * device's locales as BCP 47 tags): each work appears once, in the best language it has.
     * Pass the previous page's `nextCursor` as `cursor` for the next page.
     */
    fun page(text: String?, languages: List<String>, pageSize: Int = 20, cursor: String? = null): SearchPage =
        catalog.search(
            Query(
                text = text?.takeIf { it.isNotBlank() },
                preferLanguages = languages,
                limit = pageSize,
                cursor = cursor,
            )
        )

    /** Every hit, fetched a page at a time as the sequence is consumed. */
    fun hits(text: String?, languages: List<String>, pageSize: Int = 20): Sequence<Hit> = sequence {
        var cursor: String? = null
        do {
            val page = page(text, languages, pageSize, cursor)
            yieldAll(page.hits)
            cursor = page.nextCursor
        } while (cursor != null)
    }

    /** Frees the native catalogue (and its SQLite connection). */
    override fun close() = catalog.close()
}
