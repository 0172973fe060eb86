// The Kotlin side of the mobile benchmark (docs/BENCHMARKS.md, "Mobile"): the same calls as
// bindings/ffi/examples/ffi_bench.rs, through the generated bindings and JNA.
//
//     scripts/bench-mobile.sh
package org.pubcat.bench

import org.pubcat.Catalog
import org.pubcat.core.Query

/** Median microseconds per call over `rounds` rounds of `calls` calls (after a warm-up). */
fun time(rounds: Int, calls: Int, f: () -> Unit): Double {
    repeat(calls * 3) { f() } // JIT warm-up
    val perCall = (0 until rounds).map {
        val t0 = System.nanoTime()
        repeat(calls) { f() }
        (System.nanoTime() - t0).toDouble() / calls / 1000.0
    }.sorted()
    return perCall[rounds / 2]
}

fun report(name: String, micros: Double) = println("%-44s %12.1f µs/call".format(name, micros))

fun main(args: Array<String>) {
    org.pubcat.uniffiEnsureInitialized()
    val path = args.firstOrNull() ?: error("usage: Bench PATH")
    var sink = 0L
    Catalog.openReadOnly(path).use { c ->
        val q100 = Query(limit = 100)
        val text = Query(text = "cobalt", limit = 100)
        check(c.search(q100).hits.size == 100) { "the bench catalogue needs >= 100 publications" }
        println("pubcat mobile benchmark, Kotlin/JVM side ($path; ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")})")
        report("version()  Kotlin -> JNA -> Rust", time(15, 20_000) { sink += c.version() })
        report("search(limit 100)  Kotlin", time(15, 40) { sink += c.search(q100).hits.size })
        report("search(\"cobalt\", limit 100)  Kotlin", time(15, 40) { sink += c.search(text).hits.size })
        report("Query() construction only", time(15, 20_000) { sink += Query(limit = 100).limit!!.toLong() })
    }
    if (sink == 42L) println() // keep the results alive
}
