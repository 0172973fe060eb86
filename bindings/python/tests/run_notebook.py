"""Executes a notebook through a real Jupyter kernel (nbclient); exits non-zero on any cell
error. Usage: python run_notebook.py NOTEBOOK.ipynb"""

from __future__ import annotations

import sys
import time

import nbclient
import nbformat


def main(path: str) -> int:
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=False)
    start = time.perf_counter()
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as err:
        print(f"notebook {path}: a cell failed:\n{err}", file=sys.stderr)
        return 1
    cells = sum(1 for c in notebook.cells if c.cell_type == "code")
    print(f"notebook {path}: {cells} code cells ran without error in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
