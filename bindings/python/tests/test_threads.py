"""One Catalog shared by several Python threads: concurrent searches and writes."""

from __future__ import annotations

import pathlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

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


def test_the_gil_is_released_while_the_core_works() -> None:
    """A pure-Python thread keeps running while another thread is inside pubcat."""
    with pubcat.Catalog.in_memory() as cat:
        doc = {"format": "pubcat", "version": 1, "publications": [
            {"uid": f"p{i}", "language": "en", "title": f"Cobalt and gold number {i}", "kind": "report"}
            for i in range(3000)
        ]}
        ticks = 0
        stop = threading.Event()

        def spin() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                time.sleep(0)

        spinner = threading.Thread(target=spin)
        spinner.start()
        try:
            start = time.perf_counter()
            cat.import_document(doc)
            for _ in range(20):
                cat.to_arrow("cobalt OR gold")
            elapsed = time.perf_counter() - start
        finally:
            stop.set()
            spinner.join()
        assert elapsed > 0 and ticks > 100, ticks


def test_close_while_other_threads_search(tmp_path: pathlib.Path) -> None:
    cat = pubcat.demo()
    errors: list = []

    def loop() -> None:
        for _ in range(200):
            try:
                cat.search("cobalt")
            except pubcat.ClosedError:
                return
            except Exception as err:  # pragma: no cover - reported below
                errors.append(err)
                return

    threads = [threading.Thread(target=loop) for _ in range(4)]
    for t in threads:
        t.start()
    cat.close()
    for t in threads:
        t.join()
    assert errors == []
