// One catalogue used from several threads at once.
//
// No timing: where a test claims that something happens while a call is in flight, it makes
// the call wait on something the test controls. `importFile` of a named pipe (FIFO) with the
// native JSON format opens the pipe, then reads it to its end before touching the catalogue:
// once the test's `FileOutputStream(pipe)` returns, the core has opened the pipe, so the
// importing thread is inside the Rust call, and it stays there until the test closes the pipe.
// Timeouts on joins and latches only end a run that would otherwise hang.
package org.pubcat.test

import java.io.File
import java.io.FileInputStream
import java.io.FileOutputStream
import java.util.concurrent.CountDownLatch
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object ConcurrencyTest : Suite("threads") {
    private const val GUARD_SECONDS = 120L

    private fun <T> parallel(threads: Int, body: (Int) -> T): List<T> {
        val pool = Executors.newFixedThreadPool(threads)
        val start = CountDownLatch(1)
        try {
            val futures = (0 until threads).map { i -> pool.submit<T> { start.await(); body(i) } }
            start.countDown()
            return futures.map { it.get(GUARD_SECONDS, TimeUnit.SECONDS) }
        } finally {
            pool.shutdownNow()
        }
    }

    /** A native JSON document with `n` publications. */
    private fun document(n: Int): String = Json.write(mapOf(
        "format" to "pubcat",
        "version" to 1,
        "publications" to (1..n).map { i ->
            mapOf("uid" to "piped-$i", "language" to "en", "title" to "Piped report $i", "kind" to "report")
        },
    ))

    /** A new named pipe. */
    private fun fifo(): File {
        val file = tempDir().resolve("document.json").toFile()
        val mkfifo = ProcessBuilder("mkfifo", file.path).inheritIO().start()
        check(mkfifo.waitFor() == 0) { "mkfifo ${file.path} failed" }
        return file
    }

    /**
     * Runs `c.importFile(pipe, JSON)` on a new thread and, once that call is inside the core
     * (it has opened the pipe), `whileInFlight()` on a third thread; then writes `json` to the
     * pipe and closes it. Returns what the import returned or threw.
     */
    private fun importThroughPipe(c: Catalog, json: String, whileInFlight: () -> Unit): Result<ImportSummary> {
        val pipe = fifo()
        val outcome = AtomicReference<Result<ImportSummary>?>()
        val writerOpen = AtomicBoolean(false)
        val importer = Thread {
            outcome.set(runCatching { c.importFile(pipe.path, Format.JSON) })
            // A call that returns before the writer's open returned never opened the pipe (once
            // it has, it waits for the writer to close it): open it here, so the writer's open
            // returns and the test fails instead of hanging.
            if (!writerOpen.get()) FileInputStream(pipe).close()
        }
        importer.start()
        val during = AtomicReference<Result<Unit>?>()
        val other = Thread { during.set(runCatching(whileInFlight)) }
        var returnedInFlight = false
        FileOutputStream(pipe).use { out ->
            writerOpen.set(true)
            // The core has opened the pipe and reads it to its end: the importer is in the call.
            check(outcome.get() == null) { "the import returned before the pipe was written: ${outcome.get()}" }
            other.start()
            try {
                other.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS))
                returnedInFlight = !other.isAlive
            } finally {
                // Even if `other` hangs (say, waiting for the import), let the import end.
                out.write(json.toByteArray())
            }
        }
        importer.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS))
        check(!importer.isAlive) { "the import did not return once the pipe was closed" }
        other.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS))
        check(returnedInFlight) { "the other thread's work did not end while the import was in flight" }
        during.get()!!.getOrThrow()
        return outcome.get()!!
    }

    init {
        test("8 threads searching and 2 writing share one catalogue") {
            Catalog.demo().use { c ->
                val expected = c.search(Query(text = "cobalt")).hits.map { it.uid }
                val results = parallel(10) { t ->
                    if (t < 8) {
                        (1..150).map { c.search(Query(text = "cobalt")).hits.map { it.uid } }.distinct()
                    } else {
                        (1..100).forEach { i ->
                            c.upsertAgent(Agent(uid = "t$t-$i", kind = AgentKind.PERSON, name = "Writer $t $i"))
                        }
                        listOf(expected)
                    }
                }
                results.forEach { assertEquals(listOf(expected), it) }
                assertEquals(200, c.agents().count { it.uid.startsWith("t8-") || it.uid.startsWith("t9-") })
            }
        }

        test("another thread's call runs while an import is in flight") {
            Catalog.inMemory().use { c ->
                val during = importThroughPipe(c, document(50)) {
                    // The import holds no lock while it reads its file: other calls go ahead.
                    assertEquals(0L, c.stats().publications)
                }
                assertEquals(50L, during.getOrThrow().added)
                assertEquals(50L, c.stats().publications)
            }
        }

        test("closeConnection() while a call is in flight: that call ends with Closed") {
            Catalog.inMemory().use { c ->
                val outcome = importThroughPipe(c, document(5)) { c.closeConnection() }
                val error = outcome.exceptionOrNull()
                assertTrue(error is PubcatException.Closed, "the in-flight import gave $outcome")
                assertFailsWith<PubcatException.Closed> { c.stats() }
            }
        }

        test("closeConnection() while other threads call: Closed or a result, nothing else") {
            val c = Catalog.demo()
            val expected = c.search(Query(text = "gold")).hits.map { it.uid }
            val callers = 5
            val allCalling = CyclicBarrier(callers + 1)
            val closeReturned = CountDownLatch(1)
            val ok = AtomicInteger()
            val closed = AtomicInteger()
            parallel(callers + 1) { t ->
                if (t == 0) {
                    // Every caller has had a result and is calling again.
                    allCalling.await(GUARD_SECONDS, TimeUnit.SECONDS)
                    c.closeConnection()
                    closeReturned.countDown()
                } else {
                    assertEquals(expected, c.search(Query(text = "gold")).hits.map { it.uid })
                    ok.incrementAndGet()
                    allCalling.await(GUARD_SECONDS, TimeUnit.SECONDS)
                    // Until this thread sees Closed; a call started after closeConnection()
                    // returned must see it, so this ends.
                    while (true) {
                        val startedAfterClose = closeReturned.count == 0L
                        try {
                            assertEquals(expected, c.search(Query(text = "gold")).hits.map { it.uid })
                        } catch (e: PubcatException.Closed) {
                            closed.incrementAndGet()
                            break
                        }
                        ok.incrementAndGet()
                        check(!startedAfterClose) { "a call started after closeConnection() returned had a result" }
                    }
                }
            }
            assertEquals(callers, closed.get(), "every caller ends on Closed")
            assertTrue(ok.get() >= callers)
            assertTrue(c.isClosed())
            c.close()
        }

        test("close() (destroy) while a call is in flight: the call finishes, then calls are refused") {
            val c = Catalog.inMemory()
            val outcome = importThroughPipe(c, document(20)) {
                c.close()
                assertTrue(c.uniffiIsDestroyed)
            }
            // The Rust object outlived close() until the in-flight import returned, with its result.
            assertEquals(20L, outcome.getOrThrow().added)
            assertFailsWith<IllegalStateException> { c.stats() }
        }

        test("close() (destroy) while other threads call: a result or refused, nothing else") {
            val c = Catalog.demo()
            val callers = 4
            val allCalling = CyclicBarrier(callers + 1)
            val ok = AtomicInteger()
            val refused = AtomicInteger()
            parallel(callers + 1) { t ->
                if (t == 0) {
                    allCalling.await(GUARD_SECONDS, TimeUnit.SECONDS)
                    c.close()
                } else {
                    assertEquals(7L, c.stats().publications)
                    ok.incrementAndGet()
                    allCalling.await(GUARD_SECONDS, TimeUnit.SECONDS)
                    repeat(300) {
                        try {
                            assertEquals(7L, c.stats().publications)
                            ok.incrementAndGet()
                        } catch (e: IllegalStateException) {
                            refused.incrementAndGet()
                        }
                    }
                }
            }
            assertEquals(callers * 301, ok.get() + refused.get())
            assertTrue(c.uniffiIsDestroyed)
            // Every call has returned: the object is gone and calls are refused.
            assertFailsWith<IllegalStateException> { c.stats() }
        }

        test("a catalogue per thread, each with its own file") {
            val dir = tempDir()
            val counts = parallel(4) { t ->
                Catalog.open(dir.resolve("c$t.db").toString()).use { c ->
                    repeat(50) { i -> c.upsertAgent(Agent(uid = "a$i", kind = AgentKind.PERSON, name = "A $i")) }
                    c.stats().agents
                }
            }
            assertEquals(List(4) { 50L }, counts)
        }
    }
}
