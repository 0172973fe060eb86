// Offline sync by delta files (issue 16, item 2) through the Kotlin API: an app keeps a replica
// of the source catalogue and applies the update file it received (by message, USB, a
// download). The file is checked whole before anything is written; a file already applied
// changes nothing; a missing file in between, a file of another catalogue, a damaged file and
// local edits are each refused with their own exception, the replica untouched.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.pubcat.*
import org.pubcat.core.*

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncTest {
    private val madini = "madini-enabling-environment-review"

    @BeforeAll
    fun load() = Native.init()

    /** The native JSON export: a replica's must be the source's, byte for byte. */
    private fun Catalog.document(): String = exportJson(null)

    @Test
    fun `an app applies the update file it received`() {
        val dir = tempDir()
        Catalog.demo().use { source ->
            // The app's first file: everything (since 0), applied to its new, empty catalogue.
            val first = dir.resolve("first.delta").toString()
            val written = source.exportChanges(0L, first)
            assertEquals(0L, written.from)
            assertEquals(source.version(), written.to)
            assertEquals(source.catalogUid(), written.source)
            Catalog.open(dir.resolve("app.db").toString()).use { app ->
                assertNull(app.replicaStatus())
                val applied = app.applyChanges(first, ConflictPolicy.REFUSE)
                assertFalse(applied.alreadyApplied)
                assertEquals(written.to, applied.sourceVersion)
                assertEquals(source.document(), app.document())
                // Received twice: nothing changes.
                val version = app.version()
                assertTrue(app.applyChanges(first, ConflictPolicy.REFUSE).alreadyApplied)
                assertEquals(version, app.version())

                // The source changes; the app asks for what it lacks (replicaStatus tells the
                // version) and gets the update as bytes.
                source.setField(madini, "title", "Madini, updated")
                val since = assertNotNull(app.replicaStatus()).sourceVersion
                val update = source.exportChangesBytes(since)
                val done = app.applyChangesBytes(update, ConflictPolicy.REFUSE)
                assertEquals(1L, done.applied)
                assertEquals("Madini, updated", app.publication(madini).title)
                assertEquals(source.document(), app.document())
                // The full-text index follows.
                assertTrue(app.search(Query(text = "\"madini updated\"")).hits.any { it.uid == madini })
                assertEquals(source.search(Query(text = "updated")).total, app.search(Query(text = "updated")).total)
            }
        }
    }

    @Test
    fun `refused files raise their own exception and change nothing`() {
        Catalog.demo().use { source ->
            Catalog.inMemory().use { app ->
                app.applyChangesBytes(source.exportChangesBytes(0L), ConflictPolicy.REFUSE)
                val v1 = source.version()
                source.setField(madini, "pages", "48")
                val v2 = source.version()
                val d1 = source.exportChangesBytes(v1)
                source.setField(madini, "pages", "50")
                val d2 = source.exportChangesBytes(v2)
                val before = app.version()

                assertFailsWith<PubcatException.SyncGap> { app.applyChangesBytes(d2, ConflictPolicy.REFUSE) }
                assertFailsWith<PubcatException.InvalidDelta> {
                    app.applyChangesBytes(d1.copyOf(d1.size - 4), ConflictPolicy.REFUSE)
                }
                val altered = d1.copyOf().also { it[it.size / 2] = (it[it.size / 2].toInt() xor 1).toByte() }
                assertFailsWith<PubcatException.InvalidDelta> { app.applyChangesBytes(altered, ConflictPolicy.REFUSE) }
                Catalog.demo().use { other ->
                    val e = assertFailsWith<PubcatException.WrongSource> {
                        app.applyChangesBytes(other.exportChangesBytes(0L), ConflictPolicy.REFUSE)
                    }
                    assertEquals("wrong_source", kindOf(e))
                }
                assertEquals(before, app.version())

                // A local edit of a record the update changes too: the app chooses who wins.
                app.setField(madini, "title", "Edited on the phone")
                assertFailsWith<PubcatException.Conflict> { app.applyChangesBytes(d1, ConflictPolicy.REFUSE) }
                val kept = app.applyChangesBytes(d1, ConflictPolicy.KEEP_LOCAL)
                assertEquals(listOf(SyncConflict("publication", madini, ConflictPolicy.KEEP_LOCAL)), kept.conflicts)
                assertEquals("Edited on the phone", app.publication(madini).title)
                val taken = app.applyChangesBytes(d2, ConflictPolicy.TAKE_SOURCE)
                assertEquals(ConflictPolicy.TAKE_SOURCE, taken.conflicts.single().kept)
                assertEquals(50, app.publication(madini).pages)
            }
        }
    }
}
