// A stale native library must fail loudly at start-up, not return garbage. The test script
// builds a second program whose bindings expect a different checksum for one method (as
// bindings generated from a newer or older Rust API would); this test runs it in a fresh JVM
// against the real library and expects uniffiEnsureInitialized() to refuse it.
package org.pubcat.test

import java.io.File
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue

object StaleLibraryTest : Suite("stale library") {
    init {
        test("a checksum mismatch is detected by uniffiEnsureInitialized()") {
            val classpath = System.getProperty("pubcat.stale.classpath")
                ?: throw AssertionError("pubcat.stale.classpath not set (run scripts/test-kotlin.sh)")
            val java = File(System.getProperty("java.home"), "bin/java").path
            val process = ProcessBuilder(java, "-Djna.library.path=" + System.getProperty("jna.library.path"),
                "-cp", classpath, "org.pubcat.stale.StaleCheckKt")
                .redirectErrorStream(true).start()
            val output = process.inputStream.bufferedReader().readText()
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the check did not finish")
            println("     ${output.trim().take(300)}")
            assertEquals(0, process.exitValue(), "stale library check: $output")
        }

        test("the real bindings and library agree (this JVM started)") {
            org.pubcat.uniffiEnsureInitialized() // already done by Native.init(); idempotent
        }
    }
}
