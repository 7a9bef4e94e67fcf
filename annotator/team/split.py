"""Hand out a corpus: one project file per annotator, a fraction of the articles dealt to two.

Each file is built under a temporary name with SQLite's ATTACH (the articles, texts, suggestions,
tokens and current annotations copied table to table, statuses reset to new) and renamed into
place complete; the model folder ``<project>.models/`` is copied next to each file when it exists.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import ProjectError
from annotator.store.identity import check_name, file_stem
from annotator.store.project import Project

COPIED = ("texts", "suggestions", "prelabels", "spans", "tokens")  # tables keyed by article row number
MODELS_SUFFIX = ".models"


@dataclass
class SplitResult:
    files: dict[str, Path] = field(default_factory=dict)  # annotator name -> project file
    articles: dict[str, int] = field(default_factory=dict)  # annotator name -> articles dealt
    doubled: int = 0  # articles dealt to two annotators
    models_copied: bool = False


def deal(ids: list[str], k: int, overlap: float) -> list[tuple[int, ...]]:
    """For each article, the annotators (indices) it goes to: ``round(overlap * n)`` articles to
    two of them (every pair in turn), the rest to whoever has the fewest so far. The order is a
    hash of the ids, so the same corpus is always dealt the same way."""
    order = sorted(range(len(ids)), key=lambda i: hashlib.sha1(ids[i].encode()).digest())
    doubled = round(overlap * len(ids)) if k > 1 else 0
    pairs = list(itertools.combinations(range(k), 2))
    load = [0] * k
    out: list[tuple[int, ...]] = [()] * len(ids)
    for n, i in enumerate(order):
        if n < doubled:
            who: tuple[int, ...] = pairs[n % len(pairs)]
        else:
            who = (min(range(k), key=lambda a: (load[a], a)),)
        for a in who:
            load[a] += 1
        out[i] = who
    return out


def split(project: Project, names: list[str], overlap: float, out_dir: Path) -> SplitResult:
    """Write one project per annotator into ``out_dir``; nothing existing is overwritten."""
    names = [check_name(n, f"--annotators {n!r}") for n in names]
    if not names:
        raise ProjectError("--annotators: give at least one name")
    if len({n.casefold() for n in names}) < len(names):
        raise ProjectError(f"--annotators: a name is given twice ({', '.join(names)})")
    if not 0 <= overlap <= 1:
        raise ProjectError(f"--overlap must be between 0 and 1, not {overlap}")
    if overlap > 0 and len(names) < 2:
        raise ProjectError("--overlap needs at least two annotators")
    stems = [file_stem(n) for n in names]
    if len({s.casefold() for s in stems}) < len(stems):
        raise ProjectError(f"--annotators: {', '.join(names)} would share a file name ({', '.join(stems)}); choose distinct names")
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / f"{s}.annotator" for s in stems]
    models = project.path.with_name(project.path.name + MODELS_SUFFIX)
    for t in targets:
        for p in (t, t.with_name(t.name + MODELS_SUFFIX)):
            if p.exists():
                raise ProjectError(f"{p}: already exists; split into an empty folder")
    ids = project.ids()
    dealt = deal(ids, len(names), overlap)
    result = SplitResult(doubled=sum(len(w) == 2 for w in dealt))
    for a, (name, target) in enumerate(zip(names, targets)):
        mine = [ids[i] for i, who in enumerate(dealt) if a in who]
        _write(project, name, mine, target)
        if models.is_dir():
            shutil.copytree(models, target.with_name(target.name + MODELS_SUFFIX))
            result.models_copied = True
        result.files[name], result.articles[name] = target, len(mine)
    return result


def _write(project: Project, name: str, article_ids: list[str], target: Path) -> None:
    tmp = target.with_name(f".{target.name}.splitting-{os.getpid()}")
    try:
        with Project.create(tmp, project.schema, project.model_name) as out:
            conn = out.conn
            conn.execute("ATTACH DATABASE ? AS src", (str(project.path.absolute()),))
            try:
                with out.transaction():
                    conn.execute("CREATE TEMP TABLE dealt (id TEXT PRIMARY KEY)")
                    conn.executemany("INSERT INTO temp.dealt(id) VALUES (?)", [(i,) for i in article_ids])
                    conn.execute("INSERT OR REPLACE INTO main.project(key, value) SELECT key, value FROM src.project "
                                 "WHERE key NOT IN ('created_at', 'annotator')")
                    conn.execute("INSERT INTO main.project(key, value) VALUES ('annotator', ?)", (name,))
                    conn.execute("INSERT INTO main.articles(seq, id, title, url, meta, preview, length, status, annotator, updated_at, touched) "
                                 "SELECT seq, id, title, url, meta, preview, length, 'new', NULL, NULL, touched FROM src.articles "
                                 "WHERE id IN (SELECT id FROM temp.dealt)")
                    for table in COPIED:
                        key = "seq" if table in ("texts", "tokens") else "article"
                        conn.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table} WHERE {key} IN (SELECT seq FROM main.articles)")
                    conn.execute("UPDATE main.spans SET annotator = NULL")
                    conn.execute("DROP TABLE temp.dealt")
            finally:
                conn.execute("DETACH DATABASE src")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if target.exists():
            raise ProjectError(f"{target}: already exists; split into an empty folder")
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            leftover.unlink(missing_ok=True)
