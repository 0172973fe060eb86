// Helpers shared by the test suites.
package org.pubcat.test

import java.nio.file.Files
import java.nio.file.Path
import org.pubcat.PubcatException

/** A fresh temporary directory, deleted at JVM exit. */
fun tempDir(prefix: String = "pubcat-kt-"): Path {
    val dir = Files.createTempDirectory(prefix)
    Runtime.getRuntime().addShutdownHook(Thread { dir.toFile().deleteRecursively() })
    return dir
}

/** The stable code of an error kind, by exception class (exhaustive: a new variant breaks the build). */
fun kindOf(e: PubcatException): String = when (e) {
    is PubcatException.NotFound -> "not_found"
    is PubcatException.InvalidInput -> "invalid_input"
    is PubcatException.InvalidQuery -> "invalid_query"
    is PubcatException.Parse -> "parse"
    is PubcatException.Conflict -> "conflict"
    is PubcatException.TooNew -> "too_new"
    is PubcatException.NotACatalog -> "not_a_catalog"
    is PubcatException.Corrupt -> "corrupt"
    is PubcatException.Io -> "io"
    is PubcatException.Sqlite -> "sqlite"
    is PubcatException.Closed -> "closed"
    is PubcatException.SyncGap -> "sync_gap"
    is PubcatException.WrongSource -> "wrong_source"
    is PubcatException.InvalidDelta -> "invalid_delta"
}

/** Open file descriptors of this process (Linux), to detect leaked connections. */
fun openFds(): Int = java.io.File("/proc/self/fd").list()?.size ?: -1

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

/** Resident set size of this process in KB (Linux). */
fun rssKb(): Long = java.io.File("/proc/self/status").readLines()
    .first { it.startsWith("VmRSS:") }.split(Regex("\\s+"))[1].toLong()
