// Object lifetime: `use {}` / close() (AutoCloseable: frees the Rust object, closing the
// SQLite connection), closeConnection() (the core's close), and no leaks.
package org.pubcat.test

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object LifecycleTest : Suite("lifecycle") {
    init {
        test("use {} closes the connection: the WAL is checkpointed and removed") {
            val file = tempDir().resolve("catalog.db").toFile()
            val wal = File(file.path + "-wal")
            val c = Catalog.open(file.path)
            c.use {
                it.upsertAgent(Agent(uid = "a", kind = AgentKind.PERSON, name = "A"))
                assertEquals(1L, it.stats().agents) // reads use pooled reader connections
                assertTrue(wal.exists(), "WAL mode expected while open")
            }
            assertTrue(c.uniffiIsDestroyed)
            assertFalse(wal.exists(), "the connection was not closed by use {}")
            assertFailsWith<IllegalStateException> { c.stats() }
            Catalog.openReadOnly(file.path).use { assertEquals(1L, it.stats().agents) }
        }

        test("close() twice, and after closeConnection(), is harmless") {
            val c = Catalog.demo()
            c.close()
            c.close()
            val d = Catalog.demo()
            d.closeConnection()
            assertTrue(d.isClosed())
            d.closeConnection()
            d.close()
        }

        test("closeConnection() closes at once; later calls throw Closed") {
            val file = tempDir().resolve("catalog.db").toFile()
            Catalog.open(file.path).use { c ->
                c.upsertAgent(Agent(uid = "a", kind = AgentKind.PERSON, name = "A"))
                assertFalse(c.isClosed())
                c.closeConnection()
                assertTrue(c.isClosed())
                assertFalse(File(file.path + "-wal").exists())
                assertFailsWith<PubcatException.Closed> { c.version() }
            }
        }

        test("opening and closing 100 file catalogues leaks no file descriptors") {
            val dir = tempDir()
            Catalog.demo(dir.resolve("demo.db").toString()).close()
            val path = dir.resolve("demo.db").toString()
            repeat(20) { Catalog.openReadOnly(path).use { it.stats() } } // warm up
            val before = openFds()
            repeat(100) { i ->
                if (i % 2 == 0) Catalog.openReadOnly(path).use { it.search(Query(text = "gold")) }
                else Catalog.open(path).use { it.version() }
            }
            val after = openFds()
            assertTrue(after <= before + 2, "file descriptors grew from $before to $after")
        }

        test("200 demo catalogues come and go; native and JVM memory do not grow") {
            val rt = Runtime.getRuntime()
            repeat(20) { Catalog.demo().use { it.search(Query(text = "gold")) } }
            // What one open catalogue costs, so that the check below is sensitive enough.
            val base = rssKb()
            val held = List(50) { Catalog.demo() }
            val perCatalogue = (rssKb() - base) / 50
            held.forEach { it.close() }
            System.gc()
            val rssBefore = rssKb()
            val before = rt.totalMemory() - rt.freeMemory()
            repeat(200) { Catalog.demo().use { it.search(Query(text = "gold")) } }
            System.gc()
            val after = rt.totalMemory() - rt.freeMemory()
            assertTrue(after - before < 64L * 1024 * 1024, "JVM heap grew by ${(after - before) shr 20} MB")
            val grown = rssKb() - rssBefore
            println("     one open demo catalogue: ~$perCatalogue KB; RSS over 200 more: ${grown / 1024} MB")
            assertTrue(perCatalogue > 0, "could not measure a catalogue's footprint")
            // Leaking even a quarter of them would show.
            assertTrue(grown < perCatalogue * 50, "resident memory grew by ${grown / 1024} MB")
        }
    }
}
