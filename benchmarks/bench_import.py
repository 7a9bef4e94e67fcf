"""Import of N articles through ``import_documents`` against a bare ``executemany`` of the same rows.

Both write into a fresh project file (same tables, indexes and pragmas: WAL, synchronous FULL) in
one transaction, from the same in-memory documents.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Sequence

from annotator.io.importing import import_documents, preview
from annotator.model import LAYERS, Document, Origin
from annotator.schema import Schema
from annotator.store.project import LAYER_BIT, Project


def ours(path: Path, docs: Sequence[Document], schema: Schema) -> float:
    with Project.create(path, schema) as project:
        start = time.perf_counter()
        import_documents(project, docs)
        return time.perf_counter() - start


def bare(path: Path, docs: Sequence[Document], schema: Schema) -> float:
    """The same rows with three ``executemany`` calls and nothing else: no checks, no lookups."""
    Project.create(path, schema).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO articles(seq, id, title, url, meta, preview, length, status, annotator, updated_at, touched) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((seq, d.article.id, d.article.title, d.article.url, json.dumps(d.article.meta, ensure_ascii=False),
          preview(d.article.text), len(d.article.text), d.status.value, d.annotator, None,
          sum(LAYER_BIT[layer] for layer in LAYERS if d.spans(layer)))
         for seq, d in enumerate(docs, 1)),
    )
    conn.executemany("INSERT INTO texts(seq, text) VALUES (?, ?)", ((seq, d.article.text) for seq, d in enumerate(docs, 1)))
    conn.executemany(
        "INSERT INTO spans(article, layer, start, end, label, origin) VALUES (?, ?, ?, ?, ?, ?)",
        ((seq, layer, s.start, s.end, s.label, Origin.IMPORTED.value)
         for seq, d in enumerate(docs, 1) for layer in LAYERS for s in d.spans(layer)),
    )
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def run(docs: Sequence[Document], schema: Schema, workdir: Path, project_path: Path) -> dict[str, float]:
    """Import into ``project_path`` (kept for the other benchmarks) and time the bare baseline."""
    base = bare(workdir / "bare_import.sqlite", docs, schema)
    mine = ours(project_path, docs, schema)
    for suffix in ("", "-wal", "-shm"):
        Path(str(workdir / "bare_import.sqlite") + suffix).unlink(missing_ok=True)
    return {"articles": len(docs), "ours_s": mine, "bare_s": base,
            "spans": sum(len(d.entities) + len(d.sections) for d in docs)}
