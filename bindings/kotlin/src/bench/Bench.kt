// The Kotlin side of the mobile benchmark (docs/BENCHMARKS.md, "Mobile"): the same calls as
// bindings/ffi/examples/ffi_bench.rs, through the generated bindings and JNA, and a breakdown
// of one call across the boundary into its parts (issue 15): a bare JNA call, the call-status
// structure UniFFI allocates and JNA copies for every call, the handle clone every method call
// makes first, and a String argument.
//
//     scripts/bench-mobile.sh
package org.pubcat.bench

import com.sun.jna.Library
import com.sun.jna.Memory
import com.sun.jna.Native
import com.sun.jna.Pointer
import java.lang.management.ManagementFactory
import org.pubcat.Catalog
import org.pubcat.FfiConverterString
import org.pubcat.IntegrityCheckingUniffiLib
import org.pubcat.RustBuffer
import org.pubcat.UniffiLib
import org.pubcat.UniffiRustCallStatus
import org.pubcat.core.Query
import org.pubcat.queryFromJson

/**
 * The same C functions as UniFFI's `UniffiLib` (JNA direct mapping, `Native.register`), but
 * with the call status passed as a plain pointer to memory allocated once, where UniFFI passes
 * a JNA `Structure` allocated per call (JNA writes it to native memory before the call and
 * reads it back after, by reflection).
 */
object RawLib {
    init {
        Native.register(RawLib::class.java, "pubcat_ffi")
    }

    external fun uniffi_pubcat_ffi_fn_clone_catalog(handle: Long, status: Pointer): Long
    external fun uniffi_pubcat_ffi_fn_free_catalog(handle: Long, status: Pointer)
    external fun uniffi_pubcat_ffi_fn_method_catalog_version(handle: Long, status: Pointer): Long
}

/** The same C function through a JNA interface mapping (a `Library` proxy, reflection per call). */
interface ProxyLib : Library {
    fun ffi_pubcat_ffi_uniffi_contract_version(): Int
}

private val gcBeans = ManagementFactory.getGarbageCollectorMXBeans()
private fun gcMillis() = gcBeans.sumOf { it.collectionTime.coerceAtLeast(0) }

/** Milliseconds spent in GC during the last `time` (all rounds and the warm-up). */
var lastGcMillis = 0L

/** Median microseconds per call over `rounds` rounds of `calls` calls (after a warm-up). */
fun time(rounds: Int, calls: Int, f: () -> Unit): Double {
    val gc0 = gcMillis()
    repeat(calls * 3) { f() } // JIT warm-up
    val perCall = (0 until rounds).map {
        val t0 = System.nanoTime()
        repeat(calls) { f() }
        (System.nanoTime() - t0).toDouble() / calls / 1000.0
    }.sorted()
    lastGcMillis = gcMillis() - gc0
    return perCall[rounds / 2]
}

fun report(name: String, micros: Double) =
    println("%-44s %12.2f µs/call   (GC %d ms)".format(name, micros, lastGcMillis))

fun main(args: Array<String>) {
    org.pubcat.uniffiEnsureInitialized()
    val path = args.firstOrNull() ?: error("usage: Bench PATH")
    var sink = 0L
    Catalog.openReadOnly(path).use { c ->
        val q100 = Query(limit = 100)
        val text = Query(text = "cobalt", limit = 100)
        check(c.search(q100).hits.size == 100) { "the bench catalogue needs >= 100 publications" }
        println("pubcat mobile benchmark, Kotlin/JVM side ($path; ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}, JNA ${Native.VERSION})")
        report("version()  Kotlin -> JNA -> Rust", time(15, 20_000) { sink += c.version() })
        report("search(limit 100)  Kotlin", time(15, 40) { sink += c.search(q100).hits.size })
        report("search(\"cobalt\", limit 100)  Kotlin", time(15, 40) { sink += c.search(text).hits.size })
        report("Query() construction only", time(15, 20_000) { sink += Query(limit = 100).limit!!.toLong() })

        println("-- one call across the boundary, by part")
        report("JNA direct call, no args (contract_version)", time(15, 200_000) {
            sink += IntegrityCheckingUniffiLib.ffi_pubcat_ffi_uniffi_contract_version()
        })
        val proxy = Native.load("pubcat_ffi", ProxyLib::class.java)
        report("JNA Library proxy call, same function", time(15, 200_000) {
            sink += proxy.ffi_pubcat_ffi_uniffi_contract_version()
        })
        report("new UniffiRustCallStatus() only", time(15, 20_000) {
            sink += UniffiRustCallStatus().code
        })
        val handle = c.uniffiCloneHandle() // released below
        val raw = Memory(64).also { it.clear() }
        report("clone+free handle, status = Pointer (2)", time(15, 200_000) {
            val h = RawLib.uniffi_pubcat_ffi_fn_clone_catalog(handle, raw)
            RawLib.uniffi_pubcat_ffi_fn_free_catalog(h, raw)
            sink += raw.getByte(0)
        })
        val reused = UniffiRustCallStatus()
        report("clone+free handle, one Structure reused (2)", time(15, 20_000) {
            val h = UniffiLib.uniffi_pubcat_ffi_fn_clone_catalog(handle, reused)
            UniffiLib.uniffi_pubcat_ffi_fn_free_catalog(h, reused)
            sink += reused.code
        })
        report("clone+free handle, new Structure each (2)", time(15, 20_000) {
            val s1 = UniffiRustCallStatus()
            val h = UniffiLib.uniffi_pubcat_ffi_fn_clone_catalog(handle, s1)
            val s2 = UniffiRustCallStatus()
            UniffiLib.uniffi_pubcat_ffi_fn_free_catalog(h, s2)
            sink += s1.code + s2.code
        })
        report("version(), status = Pointer (clone+call)", time(15, 20_000) {
            val h = RawLib.uniffi_pubcat_ffi_fn_clone_catalog(handle, raw)
            sink += RawLib.uniffi_pubcat_ffi_fn_method_catalog_version(h, raw) + raw.getByte(0)
        })
        report("version(), one Structure reused", time(15, 20_000) {
            val h = UniffiLib.uniffi_pubcat_ffi_fn_clone_catalog(handle, reused)
            sink += UniffiLib.uniffi_pubcat_ffi_fn_method_catalog_version(h, reused) + reused.code
        })
        report("version()  generated bindings (again)", time(15, 20_000) { sink += c.version() })
        UniffiLib.uniffi_pubcat_ffi_fn_free_catalog(handle, UniffiRustCallStatus())

        println("-- a String argument and a record result")
        report("new RustBuffer.ByValue() only", time(15, 20_000) {
            sink += RustBuffer.ByValue().len
        })
        report("RustBuffer alloc(16) + free (2 calls)", time(15, 20_000) {
            val buf = RustBuffer.alloc(16UL)
            sink += buf.len
            RustBuffer.free(buf)
        })
        report("String lower + RustBuffer free (2 calls)", time(15, 20_000) {
            val buf = FfiConverterString.lower("""{"limit": 100}""")
            sink += buf.len
            RustBuffer.free(buf)
        })
        report("queryFromJson('{\"limit\": 100}')  Kotlin", time(15, 20_000) {
            sink += queryFromJson("""{"limit": 100}""").limit!!.toLong()
        })
    }
    if (sink == 42L) println() // keep the results alive
}
