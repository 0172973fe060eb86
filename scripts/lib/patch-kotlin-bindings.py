#!/usr/bin/env python3
"""Rewrites one helper in UniFFI's generated Kotlin: the call status is reused, not allocated.

    scripts/lib/patch-kotlin-bindings.py FILE.kt...

Every call from Kotlin into Rust passes a call status (`UniffiRustCallStatus`, a JNA
`Structure`: a code and an error buffer) that Rust writes only when the call fails. UniFFI 0.32's
Kotlin allocates a new one per call, and a method call makes two calls (the handle clone, then
the method). A JNA Structure allocation costs about 15-35 us on the project's machine
(docs/BENCHMARKS.md, "Mobile"): native memory plus a weak and a phantom reference per
allocation, and the GC work to clear them. That was nearly all of the 36 us a `version()` call
cost from Kotlin (issue 15).

The rewritten `uniffiRustCallWithError` (every generated call goes through it) uses one status
per thread, with JNA's automatic copying switched off: before a call the status is all zeros,
after it only its first byte (the code) is read. On an error or a panic the status is copied
into a fresh one (which the generated error handling then reads and frees as before) and the
thread's status is zeroed again. Calls nested on one thread (Rust calling back into Kotlin,
which calls Rust) are safe: Rust writes a status only when its call returns, and each call
leaves the status zeroed.

Fails (exit 1) if a file does not contain the helper exactly as UniFFI 0.32 generates it, so a
UniFFI upgrade that changes it is noticed; files already rewritten are left alone.
"""

import sys

ORIGINAL = """private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
"""

MARK = "// pubcat: one call status per thread (scripts/lib/patch-kotlin-bindings.py)"

REWRITTEN = MARK + """
private val uniffiThreadCallStatus: ThreadLocal<UniffiRustCallStatus> = ThreadLocal.withInitial {
    // Zeroed when allocated; never copied by JNA (read and cleared by hand below).
    UniffiRustCallStatus().also { it.setAutoSynch(false) }
}

private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    val status = uniffiThreadCallStatus.get()
    val return_value = callback(status)
    if (status.pointer.getByte(0) != UNIFFI_CALL_SUCCESS) {
        uniffiCheckCallStatus(errorHandler, uniffiTakeCallStatus(status))
    }
    return return_value
}

// The failed call's status as a new structure (its error buffer now owned by the caller), and
// the thread's status zeroed for the next call.
private fun uniffiTakeCallStatus(status: UniffiRustCallStatus): UniffiRustCallStatus {
    status.read()
    val errorBuf = status.error_buf
    val taken = UniffiRustCallStatus.create(
        status.code,
        RustBuffer.create(errorBuf.capacity.toULong(), errorBuf.len.toULong(), errorBuf.data),
    )
    status.pointer.clear(status.size().toLong())
    status.read()
    return taken
}
"""


def main(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if MARK in text:
            continue
        if text.count(ORIGINAL) != 1:
            print(
                f"patch-kotlin-bindings: {path}: uniffiRustCallWithError is not as UniFFI 0.32 "
                "generates it (a UniFFI upgrade?): check the rewrite in this script",
                file=sys.stderr,
            )
            return 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(ORIGINAL, REWRITTEN))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
