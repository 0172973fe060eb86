// The Android example's plain-Kotlin part (examples/android/.../OfflineCatalog.kt), run for real.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.pubcat.Catalog
import org.pubcat.example.OfflineCatalog

object ExampleTest : Suite("android example") {
    init {
        test("a shipped catalogue, read-only, device languages, paged") {
            val path = tempDir().resolve("catalog.db").toString()
            val works = Catalog.demo(path).use { it.stats().works }
            OfflineCatalog(path).use { catalog ->
                val hits = catalog.hits(text = null, languages = listOf("fr-CD", "en"), pageSize = 2).toList()
                assertEquals(works.toInt(), hits.size)
                assertEquals(hits.size, hits.map { it.work }.toSet().size)
                // The work with a French version is shown in French.
                assertTrue(hits.any { it.language == "fr" && it.otherLanguages.any { o -> o.language == "en" } })
                val first = catalog.page("cobalt", listOf("en"))
                assertTrue(first.total >= 1L)
            }
        }
    }
}
