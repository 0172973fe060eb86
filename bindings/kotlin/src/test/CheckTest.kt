// checkFile (a top-level function: no open catalogue needed) and Catalog.repair, blocking and
// suspend: a file checked before an app trusts it, and what another tool's plain SQL left out
// of date rebuilt. The damaged file is the conformance fixture files/drifted.db (the demo with
// a title and an agent count changed by plain SQL; see scripts/lib/make-conformance-files.sh),
// always used through a copy.
package org.pubcat.test

import java.io.File
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.pubcat.*
import org.pubcat.core.*

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckTest {
    private val files = File(System.getProperty("pubcat.conformance.dir") ?: "tests/conformance").resolve("files")
    private val names = listOf("sqlite", "fts", "foreign_keys", "agent_counts", "schema")
    private val retitled = "ipis-dd-cobalt-3t-comparative-analysis"

    @BeforeAll
    fun load() = Native.init()

    /** A writable copy of a fixture file, in a new folder. */
    private fun copyOf(name: String): File =
        tempDir("pubcat-kt-check-").resolve(name).toFile().also { files.resolve(name).copyTo(it) }

    private fun failed(report: CheckReport) = report.checks.filter { !it.ok }.map { it.name }

    @Test
    fun `checkFile reports every check of a sound file and each finding of a drifted one, writing nothing`() {
        for (full in listOf(false, true)) {
            val sound = checkFile(files.resolve("demo.db").path, full)
            assertEquals(names, sound.checks.map { it.name })
            assertTrue(sound.checks.all { it.ok && it.details.isEmpty() }, "$sound")
        }
        assertEquals(names, checkFile(files.resolve("demo.db").path).checks.map { it.name }) // full = false by default
        val drifted = copyOf("drifted.db")
        val before = drifted.readBytes()
        val report = checkFile(drifted.path)
        assertEquals(listOf("fts", "agent_counts"), failed(report))
        val counts = report.checks.single { it.name == "agent_counts" }
        assertTrue(counts.details.single().contains("kept 0, counted 1"), "${counts.details}")
        assertContentEquals(before, drifted.readBytes())
        assertEquals(names, failed(checkFile(files.resolve("altered.db").path)))
    }

    @Test
    fun `repair rebuilds the index and the counts, and a second repair finds nothing`() {
        val drifted = copyOf("drifted.db")
        Catalog.open(drifted.path).use { c ->
            assertEquals(0L, c.search(Query(text = "convoys")).total)
            val version = c.version()
            assertEquals(RepairSummary(publicationsIndexed = 7L, agentCountsFixed = 1L), c.repair())
            assertEquals(listOf(retitled), c.search(Query(text = "convoys")).hits.map { it.uid })
            assertTrue(c.version() > version)
            // Checked while the catalogue is open (its -wal file beside it).
            assertEquals(emptyList(), failed(checkFile(drifted.path)))
            assertEquals(0L, c.repair().agentCountsFixed)
        }
        assertEquals(emptyList(), failed(checkFile(drifted.path)))
    }

    @Test
    fun `suspend checkFileAsync and repairAsync give what the blocking calls give`() = runBlocking<Unit> {
        val drifted = copyOf("drifted.db")
        assertEquals(checkFile(drifted.path), checkFileAsync(drifted.path))
        assertEquals(listOf("fts", "agent_counts"), failed(checkFileAsync(drifted.path, full = true)))
        Catalog.open(drifted.path).use { c ->
            assertEquals(RepairSummary(publicationsIndexed = 7L, agentCountsFixed = 1L), c.repairAsync())
        }
        assertEquals(emptyList(), failed(checkFileAsync(drifted.path)))
        assertFailsWith<PubcatException.NotFound> { checkFileAsync(drifted.resolveSibling("missing.db").path) }
    }

    @Test
    fun `typed errors for a file that cannot be checked and for a repair on a read-only catalogue`() {
        val dir = tempDir("pubcat-kt-check-").toFile()
        assertFailsWith<PubcatException.NotFound> { checkFile(dir.resolve("missing.db").path) }
        val text = dir.resolve("notes.db").also { it.writeText("not a database\n".repeat(100)) }
        assertFailsWith<PubcatException.NotACatalog> { checkFile(text.path) }
        assertFailsWith<PubcatException.NotACatalog> { checkFile(files.resolve("foreign.db").path) }
        assertFailsWith<PubcatException.TooNew> { checkFile(files.resolve("newer.db").path) }
        val drifted = copyOf("drifted.db")
        val before = drifted.readBytes()
        Catalog.openReadOnly(drifted.path).use { c ->
            val e = assertFailsWith<PubcatException.InvalidInput> { c.repair() }
            assertTrue(e.message.orEmpty().contains("read-only"), "${e.message}")
        }
        assertContentEquals(before, drifted.readBytes())
    }
}
