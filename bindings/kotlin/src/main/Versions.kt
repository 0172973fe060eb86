// Observing a catalogue: a Flow of its change-log versions, so that a list can reload after
// writes (this app's, another Catalog object's on the same file, another process's, an
// applied sync file). Shipped with the bindings (the Android module compiles this folder).
package org.pubcat

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * The catalogue's change-log version now, then every later version as writes commit.
 *
 * Cold and conflated: each collector waits on its own (`waitForChange`, which reads the
 * version off the caller's thread, every 25 ms, until it changes or `waitMillis` passes;
 * then it waits again), and writes committed close together may be seen as one step. The
 * values only grow. Cancelling the collector ends the wait. Errors (`PubcatException.Closed`
 * once the catalogue is closed) end the flow with the exception.
 *
 * ```
 * catalog.versions().collectLatest { reloadList() }   // first at once, then after each change
 * ```
 */
fun Catalog.versions(waitMillis: Long = 30_000): Flow<Long> = flow {
    // Long.MIN_VALUE is never a version: the first call returns the current one at once.
    var current = waitForChange(Long.MIN_VALUE, 0)
    emit(current)
    while (true) {
        val next = waitForChange(current, waitMillis)
        if (next != current) {
            current = next
            emit(next)
        }
    }
}
