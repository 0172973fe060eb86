// The suspend API (UniFFI async exports): same answers as the blocking calls, off the
// caller's thread, cancellation that writes nothing, typed errors and panics.
package org.pubcat.test

import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.pubcat.*
import org.pubcat.core.*
import org.pubcat.InternalException // (org.pubcat.core has its own)

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncTest {
    @BeforeAll
    fun load() = Native.init()

    @Test
    fun `suspend search gives what the blocking search gives`() = runBlocking {
        Catalog.demo().use { c ->
            // (Cursors of ranked pages name the call's relevance snapshot: compare the rest.)
            fun same(a: SearchPage, b: SearchPage) = a.copy(nextCursor = null) == b.copy(nextCursor = null) &&
                (a.nextCursor == null) == (b.nextCursor == null)
            for (q in listOf(Query(), Query(text = "cobalt"), Query(limit = 2, sort = Sort.TITLE),
                    Query(text = "gold", preferLanguages = listOf("fr")), Query(limit = 0, facets = listOf(Facet.LANGUAGE)))) {
                val (blocking, suspended) = c.search(q) to c.searchAsync(q)
                assertTrue(same(blocking, suspended), "$q: $blocking / $suspended")
            }
            assertTrue(same(c.searchAsync(), c.search()))
            assertTrue(c.searchAsync(Query(text = "cobalt")).total > 0)
            // Query(limit = 50): a plain Int.
            assertEquals(7, c.searchAsync(Query(limit = 50)).hits.size)
        }
    }

    @Test
    fun `suspend imports, exports and tagging write what the blocking calls write`() = runBlocking {
        val dir = tempDir()
        val json = Catalog.demo().use { it.exportJson() }
        // `c` gets the suspend calls, `twin` the blocking ones, in the same order.
        Catalog.inMemory().use { c ->
            Catalog.inMemory().use { twin ->
                assertEquals(twin.importJson(json), c.importJsonAsync(json))
                assertEquals(7L, c.stats().publications)
                assertEquals(twin.loadBuiltinVocabularies(), c.loadBuiltinVocabulariesAsync())
                val tagged = c.tagAutomaticallyAsync()
                assertEquals(twin.tagAutomatically(), tagged)
                assertEquals(7L, tagged.publications)
                assertEquals(0L, c.tagAutomaticallyAsync().changed)
                assertEquals(twin.removeAutomaticTags(), c.removeAutomaticTagsAsync())
                assertEquals(twin.suggestTranslations(SuggestOptions(minScore = 0.0)), c.suggestTranslationsAsync(SuggestOptions(minScore = 0.0)))
                assertEquals(twin.linkSuggestedTranslations(null), c.linkSuggestedTranslationsAsync())
                assertEquals(twin.stats(), c.stats())
                val options = CiteOptions(format = CiteFormat.TEXT)
                assertEquals(twin.bibliography(Query(text = "cobalt"), options), c.bibliographyAsync(Query(text = "cobalt"), options))
                assertEquals(twin.exportJson(Query(text = "cobalt")), c.exportJsonAsync(Query(text = "cobalt")))
            }
            val ris = dir.resolve("demo.ris").toString()
            assertEquals(7L, c.exportAsync(ris, Format.RIS))
            assertEquals(7L, c.exportAsync(dir.resolve("all.json").toString()))
            c.backupAsync(dir.resolve("backup.db").toString())
            Catalog.openReadOnly(dir.resolve("backup.db").toString()).use { assertEquals(7L, it.stats().publications) }
            Catalog.inMemory().use { copy ->
                val report = copy.importFileWithAsync(ris, ImportOptions(format = Format.AUTO))
                assertEquals(Format.RIS, report.format)
                assertEquals(7L, copy.stats().publications)
                val dry = copy.importTextAsync(json, ImportOptions(format = Format.AUTO, dryRun = true))
                assertTrue(dry.dryRun && !dry.written, "$dry")
                val again = copy.importFileAsync(dir.resolve("all.json").toString())
                assertEquals(7L, again.publications.added + again.publications.updated + again.publications.unchanged)
            }
        }
    }

    @Test
    fun `the caller's thread is free while the work runs`() {
        // One thread for everything: if importJsonSlowlyForTest blocked it, the ticker could not tick.
        val single = Executors.newSingleThreadExecutor().asCoroutineDispatcher()
        try {
            runBlocking(single) {
                Catalog.inMemory().use { c ->
                    val ticks = AtomicInteger()
                    val ticker = launch { while (true) { delay(10); ticks.incrementAndGet() } }
                    val callerThread = Thread.currentThread()
                    val summary = c.importJsonSlowlyForTest(generatedCatalogJson(10), 600)
                    ticker.cancel()
                    assertEquals(Thread.currentThread(), callerThread)
                    assertEquals(10L, summary.publications.added)
                    assertTrue(ticks.get() >= 10, "the caller's thread was blocked: ${ticks.get()} ticks in 600 ms")
                }
            }
        } finally {
            single.close()
        }
    }

    @Test
    fun `a cancelled import writes nothing, and the catalogue goes on`() = runBlocking {
        Catalog.inMemory().use { c ->
            val before = c.version()
            // Deterministic: the worker sleeps 500 ms before importing; cancelled after 100 ms,
            // the import still runs to its commit, which is refused.
            val job = launch { c.importJsonSlowlyForTest(generatedCatalogJson(50), 500) }
            delay(100)
            job.cancel()
            job.join()
            assertTrue(job.isCancelled)
            Thread.sleep(1500) // the worker finishes meanwhile, and must not have committed
            assertEquals(0L, c.stats().publications)
            assertEquals(before, c.version())
            // The same import, not cancelled, writes.
            assertEquals(50L, c.importJsonAsync(generatedCatalogJson(50)).publications.added)
            assertNotEquals(before, c.version())
        }
    }

    @Test
    fun `an import cancelled while it runs writes nothing`() = runBlocking {
        Catalog.inMemory().use { c ->
            val json = generatedCatalogJson(3000, "big")
            val started = System.nanoTime()
            val job = launch { c.importJsonAsync(json) }
            delay(50)
            job.cancel()
            job.join()
            // Wait for the worker: the next call takes the connection after it.
            assertEquals(0L, c.stats().publications)
            val afterWorker = (System.nanoTime() - started) / 1_000_000
            assertTrue(afterWorker > 100, "the import ended in $afterWorker ms: too fast to have been cancelled while running")
            assertEquals(0L, c.search(Query(text = "cobalt", limit = 0)).total)
            assertEquals(3000L, c.importJsonAsync(json).publications.added)
        }
    }

    @Test
    fun `withTimeout around a suspend call cancels it`() = runBlocking {
        Catalog.inMemory().use { c ->
            assertFailsWith<CancellationException> {
                withTimeout(100) { c.importJsonSlowlyForTest(generatedCatalogJson(5), 400) }
            }
            Thread.sleep(800)
            assertEquals(0L, c.stats().publications)
        }
    }

    @Test
    fun `errors arrive as the typed exception through the async paths`() = runBlocking {
        Catalog.demo().use { c ->
            assertFailsWith<PubcatException.InvalidQuery> { c.searchAsync(Query(limit = -1)) }
            assertFailsWith<PubcatException.InvalidQuery> { c.searchAsync(Query(limit = 5000)) }
            assertFailsWith<PubcatException.InvalidQuery> { c.searchAsync(Query(cursor = "not-a-cursor")) }
            assertFailsWith<PubcatException.InvalidInput> { c.suggestTranslationsAsync(SuggestOptions(limit = -1)) }
            assertFailsWith<PubcatException.InvalidInput> { c.linkSuggestedTranslationsAsync(2.0) }
            val parse = assertFailsWith<PubcatException.Parse> { c.importJsonAsync("{\n  \"format\": \"pubcat\",\n  oops\n}") }
            assertEquals(3L, parse.line)
            assertFailsWith<PubcatException.Io> { c.importFileAsync(tempDir().resolve("missing.json").toString()) }
            c.closeConnection()
            assertFailsWith<PubcatException.Closed> { c.searchAsync() }
            assertFailsWith<PubcatException.Closed> { c.waitForChange(0, 0) }
        }
        val dir = tempDir()
        val ro = dir.resolve("ro.db").toString()
        Catalog.demo(ro).close()
        Catalog.openReadOnly(ro).use { c ->
            assertFailsWith<PubcatException.InvalidInput> { c.tagAutomaticallyAsync() }
        }
    }

    @Test
    fun `a panic on the worker arrives as InternalException, and everything goes on`() = runBlocking {
        Catalog.demo().use { c ->
            repeat(50) {
                val e = assertFailsWith<InternalException> { c.panicForTestAsync("boom $it") }
                assertTrue(e.message!!.contains("boom $it"), "${e.message}")
            }
            assertEquals(7L, c.searchAsync(Query(limit = 0)).total)
        }
    }

    @Test
    fun `many suspend calls at once, from many threads`() {
        val pool = Executors.newFixedThreadPool(4).asCoroutineDispatcher()
        try {
            runBlocking {
                Catalog.inMemory().use { c ->
                    c.importJsonAsync(generatedCatalogJson(300))
                    // (Cursors differ from call to call: they name the call's relevance snapshot.)
                    val expected = c.search(Query(text = "cobalt", limit = 10)).let { it.total to it.hits }
                    val results = withContext(pool) {
                        (1..200).map { async { c.searchAsync(Query(text = "cobalt", limit = 10)) } }.awaitAll()
                    }
                    results.forEach { assertEquals(expected, it.total to it.hits) }
                }
            }
        } finally {
            pool.close()
        }
    }
}
