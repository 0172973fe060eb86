// The suites run on JUnit 5 (the Jupiter engine, started by the console launcher in
// scripts/test-kotlin.sh). The older suites register their cases with `test(name) { ... }` in
// a `Suite` object; each has a JUnit class below that hands its cases to JUnit as dynamic
// tests, one JUnit test per case, so a failure names its case. New tests are plain JUnit 5
// classes (`@Test`), with kotlinx-coroutines for the suspend API (AsyncTest, VersionsTest,
// PagingTest, StandaloneProgramTest).
package org.pubcat.test

import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory

class TestCase(val name: String, val body: () -> Unit)

/** A group of tests; `test(name) { ... }` registers one. */
abstract class Suite(private val suiteName: String) {
    private val registered = mutableListOf<TestCase>()
    val cases: List<TestCase> get() = registered

    fun test(name: String, body: () -> Unit) {
        registered += TestCase("$suiteName: $name", body)
    }
}

/** Loads the native library and verifies its contract version and API checksums, once,
 *  before any test: a stale libpubcat_ffi.so fails here, loudly, not in the middle of a test.
 *  Two UniFFI components live in the library: the bindings (org.pubcat) and the core's
 *  records (org.pubcat.core); each checks its own part. */
object Native {
    private val loaded: Unit by lazy {
        org.pubcat.uniffiEnsureInitialized()
        org.pubcat.core.uniffiEnsureInitialized()
    }

    fun init() = loaded
}

/** A Suite's cases as JUnit 5 dynamic tests. */
abstract class SuiteTests(private val suite: Suite) {
    @TestFactory
    fun cases(): List<DynamicTest> {
        Native.init()
        return suite.cases.map { case -> DynamicTest.dynamicTest(case.name) { case.body() } }
    }
}

class ApiTests : SuiteTests(ApiTest)
class CurationTests : SuiteTests(CurationTest)
class EnrichmentTests : SuiteTests(EnrichmentTest)
class LinksTests : SuiteTests(LinksTest)
class CiteTests : SuiteTests(CiteTest)
class ErrorTests : SuiteTests(ErrorTest)
class LifecycleTests : SuiteTests(LifecycleTest)
class ConcurrencyTests : SuiteTests(ConcurrencyTest)
class PanicTests : SuiteTests(PanicTest)
class StaleLibraryTests : SuiteTests(StaleLibraryTest)
class ExampleTests : SuiteTests(ExampleTest)
class ConformanceTests : SuiteTests(ConformanceTest)
