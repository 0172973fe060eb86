// One catalogue used from several threads at once.
package org.pubcat.test

import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.pubcat.*

object ConcurrencyTest : Suite("threads") {
    private fun <T> parallel(threads: Int, body: (Int) -> T): List<T> {
        val pool = Executors.newFixedThreadPool(threads)
        val start = CountDownLatch(1)
        try {
            val futures = (0 until threads).map { i -> pool.submit<T> { start.await(); body(i) } }
            start.countDown()
            return futures.map { it.get(120, TimeUnit.SECONDS) }
        } finally {
            pool.shutdownNow()
        }
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

        test("closeConnection() while other threads call: Closed or a result, nothing else") {
            val c = Catalog.demo()
            val closed = AtomicInteger()
            val ok = AtomicInteger()
            parallel(6) { t ->
                if (t == 0) {
                    Thread.sleep(20)
                    c.closeConnection()
                } else {
                    repeat(500) {
                        try {
                            c.search(Query(text = "gold"))
                            ok.incrementAndGet()
                        } catch (e: PubcatException.Closed) {
                            closed.incrementAndGet()
                        }
                    }
                }
            }
            assertEquals(5 * 500, ok.get() + closed.get())
            assertTrue(closed.get() > 0)
            c.close()
        }

        test("close() (destroy) while other threads call: in-flight calls finish") {
            val c = Catalog.demo()
            val ok = AtomicInteger()
            val refused = AtomicInteger()
            parallel(5) { t ->
                if (t == 0) {
                    Thread.sleep(20)
                    c.close()
                } else {
                    repeat(500) {
                        try {
                            c.stats()
                            ok.incrementAndGet()
                        } catch (e: IllegalStateException) {
                            refused.incrementAndGet()
                        }
                    }
                }
            }
            assertEquals(4 * 500, ok.get() + refused.get())
            assertTrue(c.uniffiIsDestroyed)
        }

        test("a catalogue per thread, each with its own file") {
            val dir = tempDir()
            val counts = parallel(4) { t ->
                Catalog.open(dir.resolve("c$t.db").toString()).use { c ->
                    repeat(50) { i -> c.upsertAgent(Agent(uid = "a$i", kind = AgentKind.PERSON, name = "A $i")) }
                    c.stats().agents
                }
            }
            assertEquals(List(4) { 50uL }, counts)
        }
    }
}
