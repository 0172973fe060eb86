// The program in bindings/kotlin/standalone/, compiled by the test script on its own against
// the bindings jar (not with the tests), runs in a fresh JVM and finds cobalt.
package org.pubcat.test

import java.io.File
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import org.pubcat.Catalog

class StandaloneProgramTest {
    @Test
    fun `a program written outside the project searches a catalogue`() {
        Native.init()
        val classpath = System.getProperty("pubcat.standalone.classpath")
            ?: throw AssertionError("pubcat.standalone.classpath not set (run scripts/test-kotlin.sh)")
        val path = tempDir().resolve("demo.db").toString()
        Catalog.demo(path).close()
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(java, "-Djna.library.path=" + System.getProperty("jna.library.path"),
            "-cp", classpath, "MainKt", path)
            .redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program did not finish")
        assertEquals(0, process.exitValue(), output)
        val cobalt = Regex("cobalt: (\\d+) hits").find(output)?.groupValues?.get(1)?.toInt() ?: -1
        assertTrue(cobalt > 0, output)
        assertTrue(output.contains("suspend: $cobalt hits"), output)
        assertTrue(output.contains("limit 50: 7 of 7"), output)
    }
}
