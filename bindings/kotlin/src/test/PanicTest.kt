// A Rust panic arrives as an exception (UniFFI's InternalException); the JVM and the
// catalogue survive. Needs the library built with `--features test-panic`.
package org.pubcat.test

import java.util.concurrent.Executors
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*
import org.pubcat.InternalException // (org.pubcat.core has its own: the core is a UniFFI component too)

object PanicTest : Suite("panic") {
    init {
        test("a panic becomes InternalException with the panic message") {
            Catalog.demo().use { c ->
                val e = assertFailsWith<InternalException> { c.panicForTest("boom from Rust") }
                assertTrue("boom from Rust" in (e.message ?: ""), "message: ${e.message}")
                assertEquals(7L, c.stats().publications) // still usable
            }
        }

        test("1000 panics, on several threads: the JVM and the catalogue survive") {
            Catalog.demo().use { c ->
                val pool = Executors.newFixedThreadPool(4)
                try {
                    val futures = (0 until 4).map { t ->
                        pool.submit<Int> {
                            var caught = 0
                            repeat(250) { i ->
                                try {
                                    c.panicForTest("panic $t/$i")
                                } catch (e: InternalException) {
                                    caught++
                                }
                                if (i % 50 == 0) c.search(Query(text = "gold"))
                            }
                            caught
                        }
                    }
                    assertEquals(1000, futures.sumOf { it.get() })
                } finally {
                    pool.shutdownNow()
                }
                assertEquals(7L, c.stats().publications)
            }
        }
    }
}
