// The test entry point: a minimal runner (no JUnit on this machine, only kotlin-test's
// assertions). Prints one line per test and, last, `N passed, N failed` (read by CI);
// exits non-zero when anything failed.
//
//     java -Djna.library.path=DIR -cp ... org.pubcat.test.HarnessKt [name-filter...]
package org.pubcat.test

import kotlin.system.exitProcess

class TestCase(val name: String, val body: () -> Unit)

/** A group of tests; `test(name) { ... }` registers one. */
abstract class Suite(private val suiteName: String) {
    private val registered = mutableListOf<TestCase>()
    val cases: List<TestCase> get() = registered

    fun test(name: String, body: () -> Unit) {
        registered += TestCase("$suiteName: $name", body)
    }
}

fun main(args: Array<String>) {
    // First of all: load the native library and verify its contract version and API
    // checksums, so a stale libpubcat_ffi.so fails here, loudly, not in the middle of a test.
    // Two UniFFI components live in the library: the bindings (org.pubcat) and the core's
    // records (org.pubcat.core); each checks its own part.
    org.pubcat.uniffiEnsureInitialized()
    org.pubcat.core.uniffiEnsureInitialized()

    val suites = listOf(ApiTest, CurationTest, EnrichmentTest, LinksTest, CiteTest, ErrorTest, LifecycleTest, ConcurrencyTest, PanicTest, StaleLibraryTest, ExampleTest, ConformanceTest)
    val cases = suites.flatMap { it.cases }.filter { case -> args.isEmpty() || args.any { it in case.name } }
    var passed = 0
    var failed = 0
    val started = System.nanoTime()
    for (case in cases) {
        val t0 = System.nanoTime()
        val error = try {
            case.body()
            null
        } catch (e: Throwable) {
            e
        }
        val ms = (System.nanoTime() - t0) / 1_000_000
        if (error == null) {
            passed++
            println("PASS ${case.name} (${ms} ms)")
        } else {
            failed++
            println("FAIL ${case.name} (${ms} ms)")
            println("     ${error::class.qualifiedName}: ${error.message}")
            error.stackTrace.filter { it.className.startsWith("org.pubcat") }.take(6).forEach { println("       at $it") }
        }
    }
    val total = (System.nanoTime() - started) / 1_000_000
    println("ran ${cases.size} tests in ${total} ms")
    println("$passed passed, $failed failed")
    System.out.flush()
    exitProcess(if (failed == 0 && cases.isNotEmpty()) 0 else 1)
}
