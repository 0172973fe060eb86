// Catalog.versions(): a Flow of change-log versions that moves after every committed write,
// from this object, another object on the same file, or an async import; not after a refused
// or cancelled write.
package org.pubcat.test

import java.util.Collections
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.pubcat.*
import org.pubcat.core.*

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionsTest {
    @BeforeAll
    fun load() = Native.init()

    private fun pub(uid: String) = Publication(uid = uid, language = "en", title = "Cobalt $uid", kind = Kind.REPORT)

    /** Waits (a little) until `condition` holds. */
    private suspend fun eventually(what: String, condition: () -> Boolean) {
        withTimeout(10_000) { while (!condition()) delay(10) }
        assertTrue(condition(), what)
    }

    @Test
    fun `the flow starts with the current version and follows every write`() = runBlocking {
        Catalog.inMemory().use { c ->
            c.upsertPublication(pub("a"))
            val start = c.version()
            assertEquals(start, c.versions().first())
            val seen = Collections.synchronizedList(mutableListOf<Long>())
            val collector = launch { c.versions().collect { seen += it } }
            eventually("the first version") { seen.isNotEmpty() }
            assertEquals(listOf(start), seen.toList())
            c.upsertPublication(pub("b"))
            eventually("a version after upsert") { seen.last() == c.version() && seen.size >= 2 }
            c.importJsonAsync(generatedCatalogJson(20))
            eventually("a version after the import") { seen.last() == c.version() && seen.size >= 3 }
            c.deletePublication("a")
            eventually("a version after delete") { seen.last() == c.version() && seen.size >= 4 }
            collector.cancel()
            val values = seen.toList()
            assertEquals(values.sorted(), values, "versions only grow")
            assertEquals(values.distinct(), values, "no version twice")
        }
    }

    @Test
    fun `writes through another object on the same file are seen`() = runBlocking {
        val path = tempDir().resolve("shared.db").toString()
        Catalog.open(path).use { watcher ->
            Catalog.open(path).use { writer ->
                val start = watcher.version()
                val next = async(start = CoroutineStart.UNDISPATCHED) { watcher.versions().take(2).toList() }
                delay(100)
                writer.upsertPublication(pub("x"))
                val values = withTimeout(10_000) { next.await() }
                assertEquals(start, values[0])
                assertEquals(writer.version(), values[1])
                assertTrue(values[1] > values[0])
            }
        }
    }

    @Test
    fun `refused and cancelled writes move nothing`() = runBlocking {
        Catalog.inMemory().use { c ->
            val start = c.version()
            // A refused write, and an import whose coroutine is cancelled before it commits.
            assertFailsWith<PubcatException.InvalidInput> {
                c.upsertPublication(Publication(uid = "p", language = "not a language", title = "T", kind = Kind.REPORT))
            }
            assertEquals(start, c.version())
            val job = launch { c.importJsonSlowlyForTest(generatedCatalogJson(5), 300) }
            delay(50)
            job.cancel()
            // The cancellation reaches Rust when the coroutine runs it (here: at join; a blocked
            // dispatcher would delay it, and a commit before that would stay).
            job.join()
            Thread.sleep(700)
            // waitForChange returns `after` when nothing changed within the wait.
            assertEquals(start, c.waitForChange(start, 200))
            assertEquals(start, c.versions().first())
        }
    }

    @Test
    fun `cancelling the collector ends the wait`() = runBlocking {
        Catalog.inMemory().use { c ->
            val job = launch { c.versions(waitMillis = 60_000).collect { } }
            delay(200)
            val t0 = System.nanoTime()
            job.cancel()
            job.join()
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 1_000, "cancel took too long")
            // The waiting worker stops (it checks the cancellation every 25 ms); the catalogue closes.
        }
    }
}
