// Compiled by scripts/test-kotlin.sh against a copy of the generated bindings in which the
// expected checksum of `Catalog.version` was altered: to those bindings, the real library is
// a stale one. Run in its own JVM by StaleLibraryTest; prints what happened and exits 0 only
// if uniffiEnsureInitialized() refused the library, before any call could run.
package org.pubcat.stale

import kotlin.system.exitProcess

fun main() {
    val failure = try {
        org.pubcat.uniffiEnsureInitialized()
        null
    } catch (e: Throwable) {
        e
    }
    if (failure == null) {
        println("NOT DETECTED: the stale library was accepted")
        exitProcess(1)
    }
    val chain = generateSequence(failure) { it.cause }.joinToString(" <- ") { "${it::class.simpleName}: ${it.message}" }
    println("DETECTED: $chain")
    exitProcess(if ("checksum mismatch" in chain) 0 else 2)
}
