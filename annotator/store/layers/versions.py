"""Annotator versions: each annotator's spans and status of an article, kept apart as a layer.

The current annotations (``spans``) stay the project owner's working layer; a version is what
one named annotator made of an article in another project file, brought in by ``merge``. A
newer version of the same annotator's article replaces it as current; the older one is kept. The
rest of the tool reads versions only through these functions, so a shared server can later
serve them instead of the project file.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from annotator.model import LAYERS, Span, Status


@dataclass
class Version:
    """One annotator's take on one article."""

    article_id: str
    annotator: str
    status: Status
    updated_at: int | None = None
    source: str = ""
    spans: dict[str, list[Span]] = field(default_factory=lambda: {layer: [] for layer in LAYERS})

    def digest(self) -> str:
        """A hash of the status and spans: merging an unchanged version again changes nothing."""
        body = [self.status.value] + [[layer, [(s.start, s.end, s.label) for s in sorted(self.spans[layer])]] for layer in LAYERS]
        return hashlib.sha1(json.dumps(body).encode()).hexdigest()


def versions(conn: sqlite3.Connection, seq: int, status: Status | None = None) -> list[Version]:
    """The versions of one article (by row number), by annotator name."""
    rows = conn.execute(
        "SELECT v.id, a.id, v.annotator, v.status, v.updated_at, v.source FROM versions v JOIN articles a ON a.seq = v.article "
        "WHERE v.article = ? AND v.current = 1" + (" AND v.status = ?" if status else "") + " ORDER BY v.annotator",
        (seq, status.value) if status else (seq,),
    ).fetchall()
    out = []
    for vid, aid, who, st, upd, src in rows:
        v = Version(aid, who, Status(st), upd, src)
        for layer, start, end, label in conn.execute(
                "SELECT layer, start, end, label FROM version_spans WHERE version = ? ORDER BY layer, start, end", (vid,)):
            v.spans[layer].append(Span(start, end, label))
        out.append(v)
    return out


def multi_annotated(conn: sqlite3.Connection, status: Status = Status.DONE, at_least: int = 2) -> list[str]:
    """Ids of the articles with ``at_least`` versions of ``status``, in import order."""
    return [r[0] for r in conn.execute(
        "SELECT a.id FROM versions v JOIN articles a ON a.seq = v.article WHERE v.status = ? AND v.current = 1 "
        "GROUP BY v.article HAVING count(*) >= ? ORDER BY v.article", (status.value, at_least))]


def annotators(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT annotator FROM versions WHERE current = 1 ORDER BY annotator")]


def put_version(conn: sqlite3.Connection, seq: int, version: Version) -> str:
    """Store ``version`` for article ``seq`` (in the caller's transaction): "added", "updated" or
    "unchanged". An update keeps the replaced version, no longer current: nothing is lost."""
    digest = version.digest()
    row = conn.execute("SELECT id, digest FROM versions WHERE article = ? AND annotator = ? AND current = 1",
                       (seq, version.annotator)).fetchone()
    if row is not None and row[1] == digest:
        return "unchanged"
    if row is not None:
        conn.execute("UPDATE versions SET current = 0 WHERE id = ?", (row[0],))
    vid = conn.execute(
        "INSERT INTO versions(article, annotator, status, updated_at, source, digest, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, version.annotator, version.status.value, version.updated_at, version.source, digest, int(time.time() * 1000))).lastrowid
    conn.executemany("INSERT INTO version_spans(version, layer, start, end, label) VALUES (?, ?, ?, ?, ?)",
                     [(vid, layer, s.start, s.end, s.label) for layer in LAYERS for s in version.spans[layer]])
    return "updated" if row is not None else "added"


def worked_versions(conn: sqlite3.Connection, default_annotator: str, source: str) -> Iterator[tuple[str, Version]]:
    """(text, version) for every article someone worked on in a project: its current annotations
    (named after the article's last editor, else ``default_annotator``) and the versions it holds.
    Streamed in import order, spans read in one ordered pass."""
    articles = conn.execute(
        "SELECT a.seq, a.id, t.text, a.status, a.annotator, a.updated_at FROM articles a JOIN texts t ON t.seq = a.seq "
        "WHERE a.status != 'new' ORDER BY a.seq")
    spans = _grouped(conn.execute(
        "SELECT s.article, s.layer, s.start, s.end, s.label FROM spans s JOIN articles a ON a.seq = s.article "
        "WHERE a.status != 'new' ORDER BY s.article"))
    pending = next(spans, None)
    for seq, aid, text, st, who, upd in articles:
        v = Version(aid, who or default_annotator, Status(st), upd, source)
        while pending is not None and pending[0] < seq:
            pending = next(spans, None)
        if pending is not None and pending[0] == seq:
            for layer, start, end, label in pending[1]:
                v.spans[layer].append(Span(start, end, label))
            pending = next(spans, None)
        yield text, v
    for seq, text in conn.execute("SELECT DISTINCT v.article, t.text FROM versions v JOIN texts t ON t.seq = v.article "
                                  "WHERE v.current = 1 ORDER BY v.article"):
        for v in versions(conn, seq):
            yield text, v


def _grouped(rows: Iterable[tuple[int, str, int, int, str]]) -> Iterator[tuple[int, list[tuple[str, int, int, str]]]]:
    seq, group = None, []
    for article, layer, start, end, label in rows:
        if article != seq:
            if seq is not None:
                yield seq, group
            seq, group = article, []
        group.append((layer, start, end, label))
    if seq is not None:
        yield seq, group


def is_adjudicated(conn: sqlite3.Connection, seq: int) -> bool:
    return conn.execute("SELECT 1 FROM adjudications WHERE article = ?", (seq,)).fetchone() is not None


def adjudicated_ids(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT a.id FROM adjudications j JOIN articles a ON a.seq = j.article")}


def copy_article(conn: sqlite3.Connection, source: sqlite3.Connection, article_id: str, text: str) -> tuple[int, int]:
    """Add an article of another project file (text, title, url, meta; status new) in the caller's
    transaction: (row number, length)."""
    title, url, meta, preview = source.execute("SELECT title, url, meta, preview FROM articles WHERE id = ?", (article_id,)).fetchone()
    seq = conn.execute("INSERT INTO articles(id, title, url, meta, preview, length) VALUES (?, ?, ?, ?, ?, ?)",
                       (article_id, title, url, meta, preview, len(text))).lastrowid
    conn.execute("INSERT INTO texts(seq, text) VALUES (?, ?)", (seq, text))
    return int(seq), len(text)
