"""One edit (``Editor.execute(AddSpan)``) to durable commit, against a bare one-row insert + commit.

The edits go to articles of a realistic project, on words that carry no entity yet. The article's
tokens are computed when it is opened (as the window does), not inside the timed edit. The
baseline inserts the same span row with plain SQL in its own transaction on the same file, so
both pay the same fsync (WAL, synchronous FULL). The same bare insert with synchronous NORMAL
(no fsync at commit in WAL mode: safe against a crash of the app, not of the machine) shows
what the fsync costs.
"""
from __future__ import annotations

import random
import re
import statistics
import time
from pathlib import Path
from typing import Any

from annotator.editing.commands import AddSpan, Editor
from annotator.model import ENTITIES, Origin
from annotator.store.project import Project
from benchmarks.measure import percentile

WORD = re.compile(r"[a-z]{4,}")


def free_words(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lowercase words of ``text`` that overlap no existing span."""
    return [(m.start(), m.end()) for m in WORD.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e in taken)]


def run(project_path: Path, edits: int = 500, per_article: int = 10, seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    ours: list[float] = []
    bare: list[float] = []
    normal: list[float] = []
    with Project.open(project_path) as project:
        editor = Editor(project)
        label = project.schema.names(ENTITIES)[0]
        ids = project.ids()
        for aid in rng.sample(ids, min(len(ids), -(-edits // per_article))):
            text = editor.text(aid)
            editor.bounds(aid)
            taken = [(s.start, s.end) for s in project.spans(aid, ENTITIES)]
            words = free_words(text, taken)
            seq = project.seq(aid)
            picks = rng.sample(words, min(2 * per_article, len(words)))
            for start, end in picks[::2]:
                t0 = time.perf_counter()
                editor.execute(AddSpan(aid, ENTITIES, start, end, label))
                ours.append(time.perf_counter() - t0)
            for sync, times in (("FULL", bare), ("NORMAL", normal)):
                project.conn.execute(f"PRAGMA synchronous = {sync}")
                for start, end in picks[1::2]:
                    t0 = time.perf_counter()
                    with project.transaction() as conn:
                        conn.execute("INSERT INTO spans(article, layer, start, end, label, origin) VALUES (?, ?, ?, ?, ?, ?)",
                                     (seq, "bench", start, end, label, Origin.ADDED.value))
                    times.append(time.perf_counter() - t0)
            project.conn.execute("PRAGMA synchronous = FULL")
            if len(ours) >= edits:
                break
        project.conn.execute("DELETE FROM spans WHERE layer = 'bench'")
    ms = [x * 1000 for x in ours]
    bare_ms = [x * 1000 for x in bare]
    normal_ms = [x * 1000 for x in normal]
    return {"edits": len(ms), "median_ms": statistics.median(ms), "p99_ms": percentile(ms, 99),
            "bare_median_ms": statistics.median(bare_ms), "bare_p99_ms": percentile(bare_ms, 99),
            "bare_normal_median_ms": statistics.median(normal_ms), "bare_normal_p99_ms": percentile(normal_ms, 99)}
