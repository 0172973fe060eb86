"""One Catalog shared by several Python threads: concurrent searches and writes."""

from __future__ import annotations

import faulthandler
import json
import os
import pathlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import pubcat


def _writer(cat: pubcat.Catalog, worker: int, n: int) -> None:
    for i in range(n):
        cat.upsert_publication({
            "uid": f"w{worker}-{i}", "language": "en", "title": f"Thread {worker} gold report {i}",
            "kind": "report", "date": f"{2000 + i % 20}",
        })


def _reader(cat: pubcat.Catalog, n: int) -> int:
    seen = 0
    for _ in range(n):
        seen += cat.search("gold", limit=50, facets=["year"]).total
        seen += len(cat.to_arrow(languages="en"))
    return seen


def test_concurrent_searches_and_writes(tmp_path: pathlib.Path) -> None:
    with pubcat.demo(tmp_path / "threads.db") as cat:
        with ThreadPoolExecutor(max_workers=8) as pool:
            writes = [pool.submit(_writer, cat, w, 40) for w in range(4)]
            reads = [pool.submit(_reader, cat, 30) for _ in range(4)]
            for f in writes + reads:
                f.result(timeout=120)
        assert cat.search("thread", limit=0).total == 160
        assert cat.stats().publications == 7 + 160
        assert len(cat.changes_since(0)) >= 160


def test_the_gil_is_released_while_the_core_works(tmp_path: pathlib.Path, capfd: pytest.CaptureFixture) -> None:
    """Another Python thread runs Python code while this one is inside a core call.

    The call is an import of a named pipe: the core opens it, then reads until end of file, so
    the call cannot return before the main thread (running Python code) writes the document
    and closes the pipe. `open(fifo, "w")` returns only once the core has opened the pipe for
    reading, i.e. once the importing thread is inside pubcat. Had the call kept the GIL, the
    main thread could never run again: a deadlock, which faulthandler's watchdog (a C thread
    that needs no GIL; the timeout only ends a hung run) turns into a failed run, with the
    threads' tracebacks on the real stderr (capture is off meanwhile, or they would be lost).
    """
    fifo = tmp_path / "document.json"
    os.mkfifo(fifo)
    doc = {"format": "pubcat", "version": 1, "publications": [
        {"uid": f"p{i}", "language": "en", "title": f"Cobalt and gold number {i}", "kind": "report"}
        for i in range(300)
    ]}
    outcome: dict = {}
    with pubcat.Catalog.in_memory() as cat:
        def importer() -> None:
            try:
                outcome["summary"] = cat.import_file(fifo, format="json")
            except BaseException as err:  # pragma: no cover - reported below
                outcome["error"] = err
                # Let the main thread's open() return (and fail on `outcome`).
                os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))

        thread = threading.Thread(target=importer)
        with capfd.disabled():
            faulthandler.dump_traceback_later(120, exit=True)
            try:
                thread.start()
                with open(fifo, "w", encoding="utf-8") as pipe:
                    # The core has the pipe open and waits for its end: the importer is in pubcat.
                    assert thread.is_alive() and not outcome
                    # Python code running on this thread while the other one is in the core call.
                    pipe.write(json.dumps(doc))
                thread.join()
            finally:
                faulthandler.cancel_dump_traceback_later()
        assert "error" not in outcome, outcome.get("error")
        assert outcome["summary"].added == 300
        assert cat.search("cobalt", limit=0).total == 300


def test_close_while_other_threads_search() -> None:
    """close() while 4 threads search: each call gives its result or ClosedError, nothing else,
    and every call started after close() returned gives ClosedError."""
    cat = pubcat.demo()
    expected = [h.uid for h in cat.search("cobalt")]
    all_searching = threading.Barrier(5)
    close_returned = threading.Event()
    errors: list = []
    results: list = []
    refused: list = []

    def loop() -> None:
        try:
            results.append([h.uid for h in cat.search("cobalt")])
            all_searching.wait(timeout=120)  # the timeout only ends a hung run
            while True:
                after_close = close_returned.is_set()
                try:
                    page = cat.search("cobalt")
                except pubcat.ClosedError:
                    refused.append(1)
                    return
                results.append([h.uid for h in page])
                if after_close:
                    errors.append("a search that started after close() returned succeeded")
                    return
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)
            all_searching.abort()

    threads = [threading.Thread(target=loop) for _ in range(4)]
    for t in threads:
        t.start()
    all_searching.wait(timeout=120)  # every thread has searched once and is searching again
    cat.close()
    close_returned.set()
    for t in threads:
        t.join()
    assert errors == []
    assert len(refused) == 4, "each thread ends on ClosedError"
    assert len(results) >= 4 and all(r == expected for r in results)
    assert cat.closed
