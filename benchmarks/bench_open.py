"""Opening a project and showing its first article, at 1,000 articles against N, in fresh processes.

"Showing" is what the window does first: open the file, count and list the first 100 rows, read
the first article's text and both layers of spans. Each run is a new process, so peak memory
(VmHWM) is the run's own; time is measured inside it, after the imports.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import current_rss_mb, peak_rss_mb, run_child


def open_child(path: str) -> dict[str, Any]:
    from annotator.model import LAYERS
    from annotator.store.project import Project

    before = current_rss_mb()
    start = time.perf_counter()
    with Project.open(path) as project:
        total = project.count_rows()
        rows = project.rows(0, 100)
        first = project.article(rows[0].id)
        spans = sum(len(project.spans(first.id, layer)) for layer in LAYERS)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "rss_before_mb": before, "articles": total, "spans": spans}


def measure(path: Path, repeats: int) -> dict[str, float]:
    runs = [run_child("benchmarks.bench_open", [str(path)]) for _ in range(repeats)]
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "growth_mb": max(r["peak_rss_mb"] - r["rss_before_mb"] for r in runs),
        "articles": runs[0]["articles"],
    }


def run(small: Path, large: Path, repeats: int = 5) -> dict[str, Any]:
    measure(small, 1)  # warm the page cache for both files alike
    measure(large, 1)
    return {"small": measure(small, repeats), "large": measure(large, repeats)}


if __name__ == "__main__":
    print(json.dumps(open_child(sys.argv[1])))
