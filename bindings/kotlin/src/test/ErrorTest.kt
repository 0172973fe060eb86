// Error mapping: every core error kind arrives as its own PubcatException subclass, with the
// core's message in `detail` (and, for parse errors, the position).
package org.pubcat.test

import java.io.File
import java.io.RandomAccessFile
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object ErrorTest : Suite("errors") {
    private val seen = mutableSetOf<String>()

    /** Runs `block`, which must throw exactly `T`; records its kind. */
    private inline fun <reified T : PubcatException> expect(block: () -> Unit): T {
        val e = assertFailsWith<T> { block() }
        seen += kindOf(e)
        val detail = e::class.members.first { it.name == "detail" }.call(e) as String
        assertTrue(detail.isNotBlank(), "empty detail in ${e::class.simpleName}")
        assertTrue(e.message!!.contains(detail), "message `${e.message}` lacks the detail")
        return e
    }

    /** A file catalogue with one agent, closed, for header surgery. */
    private fun catalogFile(): File {
        val file = tempDir().resolve("catalog.db").toFile()
        Catalog.open(file.path).use { it.upsertAgent(Agent(uid = "a", kind = AgentKind.PERSON, name = "A")) }
        return file
    }

    /** Overwrites the 4-byte big-endian integer at `offset` of the SQLite header. */
    private fun patchHeader(file: File, offset: Long, value: Int) {
        RandomAccessFile(file, "rw").use { it.seek(offset); it.writeInt(value) }
    }

    init {
        test("not_found") {
            Catalog.demo().use { c ->
                expect<PubcatException.NotFound> { c.publication("nope") }
                expect<PubcatException.NotFound> { c.agent("nope") }
                expect<PubcatException.NotFound> { c.project("nope") }
            }
        }

        test("invalid_input") {
            Catalog.inMemory().use { c ->
                expect<PubcatException.InvalidInput> {
                    c.upsertPublication(Publication(uid = "p", language = "en", title = "T", kind = Kind.REPORT, date = "20x2"))
                }
                expect<PubcatException.InvalidInput> {
                    c.upsertPublication(Publication(uid = "p", language = "not a language", title = "T", kind = Kind.REPORT))
                }
                expect<PubcatException.InvalidInput> { c.upsertAgent(Agent(uid = "", kind = AgentKind.PERSON, name = "X")) }
                // Counts are signed (Int/Long) across the boundary: a negative one is refused by the core.
                expect<PubcatException.InvalidInput> {
                    c.upsertPublication(Publication(uid = "p", language = "en", title = "T", kind = Kind.REPORT, pages = -3))
                }
                expect<PubcatException.InvalidInput> { c.suggestTranslations(SuggestOptions(limit = -1)) }
                assertEquals(0L, c.stats().publications)
            }
        }

        test("invalid_query") {
            Catalog.demo().use { c ->
                expect<PubcatException.InvalidQuery> { c.search(Query(cursor = "not-a-cursor")) }
                expect<PubcatException.InvalidQuery> { c.search(Query(limit = 5000)) }
                expect<PubcatException.InvalidQuery> { c.search(Query(limit = -1)) }
                expect<PubcatException.InvalidQuery> { c.search(Query(text = "gold", limit = Int.MIN_VALUE)) }
                // A cursor belongs to its query.
                val cursor = c.search(Query(limit = 2)).nextCursor!!
                expect<PubcatException.InvalidQuery> { c.search(Query(limit = 2, text = "gold", cursor = cursor)) }
            }
        }

        test("parse carries the position") {
            Catalog.inMemory().use { c ->
                val syntax = expect<PubcatException.Parse> { c.importJson("{\n  \"format\": \"pubcat\",\n  oops\n}") }
                assertEquals(3L, syntax.line)
                val format = expect<PubcatException.Parse> { c.importJson("""{"format": "other", "version": 1}""") }
                assertEquals("format", format.field)
                assertEquals(0L, c.stats().publications)
            }
        }

        test("conflict") {
            Catalog.inMemory().use { c ->
                c.upsertPublication(Publication(uid = "a", language = "en", title = "A", kind = Kind.REPORT, work = "w"))
                expect<PubcatException.Conflict> {
                    c.upsertPublication(Publication(uid = "b", language = "en", title = "B", kind = Kind.REPORT, work = "w"))
                }
            }
        }

        test("too_new: a file from a newer pubcat is refused, untouched") {
            val file = catalogFile()
            patchHeader(file, 60, 9999) // user_version
            val before = file.readBytes()
            expect<PubcatException.TooNew> { Catalog.open(file.path) }
            expect<PubcatException.TooNew> { Catalog.openReadOnly(file.path) }
            assertTrue(before.contentEquals(file.readBytes()), "the file was modified")
        }

        test("not_a_catalog: not SQLite, or a foreign SQLite database") {
            val text = tempDir().resolve("notes.db").toFile().apply { writeText("just some text, long enough to be a header") }
            expect<PubcatException.NotACatalog> { Catalog.open(text.path) }
            expect<PubcatException.NotACatalog> { Catalog.openReadOnly(text.path) }
            val foreign = catalogFile()
            patchHeader(foreign, 68, 0x12345678) // application_id
            expect<PubcatException.NotACatalog> { Catalog.openReadOnly(foreign.path) }
        }

        test("corrupt: damaged pages are detected by openReadOnly") {
            val file = catalogFile()
            RandomAccessFile(file, "rw").use { f ->
                val pageSize = 4096L
                // Each page after the first from its start: the b-tree page header and cell
                // pointers, which quick_check always reads. (Bytes further in may be free space
                // in a small catalogue, where damage is harmless and goes unseen.)
                for (page in 1 until f.length() / pageSize) {
                    f.seek(page * pageSize)
                    f.write(ByteArray(200) { 0x5A })
                }
            }
            expect<PubcatException.Corrupt> { Catalog.openReadOnly(file.path) }
        }

        test("io") {
            expect<PubcatException.Io> { Catalog.openReadOnly(tempDir().resolve("missing.db").toString()) }
            Catalog.demo().use { c -> expect<PubcatException.Io> { c.importFile(tempDir().resolve("missing.json").toString()) } }
        }

        test("sqlite") {
            expect<PubcatException.Sqlite> { Catalog.open(tempDir().resolve("no/such/dir/catalog.db").toString()) }
        }

        test("closed") {
            val c = Catalog.demo()
            c.closeConnection()
            expect<PubcatException.Closed> { c.stats() }
            expect<PubcatException.Closed> { c.search(Query(text = "gold")) }
            c.close()
        }

        test("every kind was seen, as its own subclass") {
            val all = setOf("not_found", "invalid_input", "invalid_query", "parse", "conflict", "too_new",
                "not_a_catalog", "corrupt", "io", "sqlite", "closed")
            assertEquals(all, seen.toSet())
            // Each is a PubcatException, and distinct classes.
            assertNotNull(PubcatException.NotFound::class.supertypes.firstOrNull { it.classifier == PubcatException::class })
        }
    }
}
