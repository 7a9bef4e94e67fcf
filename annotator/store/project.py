"""The project: articles, suggestions, current annotations, statuses and the session.

:class:`Project` is the only way the rest of the tool reads or writes the project file. Reads
never load all articles: listing uses the small ``articles`` table; text and spans are read one
article at a time. Edits go through :mod:`annotator.editing.commands` so they are journaled.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from psygnal import Signal

from annotator.errors import ProjectError, SchemaError
from annotator.model import ENTITIES, LAYERS, SECTIONS, Article, Document, Origin, Span, Status, Suggestion
from annotator.schema import Schema
from annotator.store import source_tokens
from annotator.store.batches.article_batches import BATCH_ARTICLES
from annotator.store.connection import connect
from annotator.store.batches.documents import ProjectDocuments, ms_to_datetime
from annotator.store.identity import check_name, default_name
from annotator.store.lock import ProjectLock, acquire

LAYER_BIT = {ENTITIES: 1, SECTIONS: 2}
ORIGINS = {o.value: o for o in Origin}


def now_ms() -> int:
    return int(time.time() * 1000)


class StoredSpan(NamedTuple):
    """A current annotation as stored: its row id, range, label and origin.

    A named tuple: the view re-reads thousands of these after every edit.
    """

    id: int
    start: int
    end: int
    label: str
    origin: Origin

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.label)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the article list shows, read without the article text."""

    seq: int
    id: str
    title: str | None
    preview: str
    status: Status

    @property
    def display_title(self) -> str:
        return self.title or self.preview or self.id


class Project:
    """An open project file."""

    spans_changed = Signal(str, str)  # article id, layer
    status_changed = Signal(str, str)  # article id, new status
    articles_changed = Signal()  # articles were imported
    history_changed = Signal()  # the undo journal moved

    def __init__(self, path: str | Path, conn: sqlite3.Connection, lock: ProjectLock | None = None,
                 read_only: bool = False) -> None:
        self.path = Path(path)
        self.conn = conn
        self.lock = lock
        self.read_only = read_only
        self._seq_cache: dict[str, int] = {}
        self.schema = Schema.from_json(json.loads(self._setting("schema")), f"{self.path} (schema)")
        self.annotator = default_name(self.assigned_annotator)

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, schema: Schema, model: str = "en_core_web_sm") -> Project:
        """Create a new project file; refuses to overwrite an existing one."""
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: already exists")
        lock = acquire(path)
        try:
            if path.exists():
                raise ProjectError(f"{path}: already exists")
            # Built under a temporary name and moved into place complete: a crash midway never
            # leaves a half-made project under the final name.
            tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
            try:
                conn = connect(tmp, create=True)
                try:
                    with _transaction(conn):
                        conn.executemany(
                            "INSERT INTO project(key, value) VALUES (?, ?)",
                            [("schema", json.dumps(schema.to_json())), ("model", model), ("created_at", str(now_ms()))],
                        )
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    conn.close()
                os.replace(tmp, path)  # under the lock, after the check above: nothing is overwritten
            finally:
                for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
                    leftover.unlink(missing_ok=True)
            return cls(path, connect(path, create=False), lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Project:
        """Open a project for editing, locked against other windows; or ``read_only``, unlocked.

        Raises :class:`ProjectError` when another process has it open for editing.
        """
        if not Path(path).exists():
            raise ProjectError(f"{path}: no such project file")
        lock = None if read_only else acquire(path)
        try:
            conn = connect(path, create=False, read_only=read_only)
            try:
                return cls(path, conn, lock, read_only)
            except BaseException as exc:
                conn.close()
                if isinstance(exc, (sqlite3.Error, ValueError, SchemaError)):
                    raise ProjectError(f"{path}: the project file is damaged ({exc})") from None
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def another_connection(self) -> Project:
        """A second connection to this open project, for a worker thread of the same process.

        It shares this project's lock (and its read-only state) instead of asking for the lock
        again; close it before this project.
        """
        conn = connect(self.path, create=False, read_only=self.read_only)
        try:
            return type(self)(self.path, conn, None, self.read_only)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close; the writer first folds the ``-wal`` file into the project file (TRUNCATE), so a
        closed project is one file that can be copied as is. A checkpoint that readers hold up is
        skipped, not waited for: the edits are safe in the ``-wal`` file either way."""
        if self.lock is not None:
            try:
                self.conn.execute("PRAGMA busy_timeout = 0")
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            except sqlite3.Error:
                pass
        self.conn.close()
        if self.lock is not None:
            self.lock.release()

    @property
    def immutable(self) -> bool:
        """Opened as an unchanging file (read-only media, full disk): other readers must open it so too."""
        return bool(getattr(self.conn, "immutable", False))

    @property
    def note(self) -> str | None:
        """Why this project is read in a roundabout way (read-only media, full disk), if it is."""
        return getattr(self.conn, "note", None)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _setting(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path}: project file lacks its {key!r} setting")
        return str(row[0])

    @property
    def model_name(self) -> str:
        return self._setting("model")

    @property
    def assigned_annotator(self) -> str | None:
        """The name stored in the project (by ``split`` or the app's first-run question)."""
        row = self.conn.execute("SELECT value FROM project WHERE key = 'annotator'").fetchone()
        return str(row[0]) if row else None

    def set_annotator(self, name: str, store: bool = False) -> None:
        """Record edits under ``name`` from now on; ``store`` keeps it in the project file."""
        self.annotator = check_name(name)
        if store:
            with self.transaction() as conn:
                conn.execute("INSERT OR REPLACE INTO project(key, value) VALUES ('annotator', ?)", (self.annotator,))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything in it lands, or nothing does."""
        if self.read_only:
            raise ProjectError(f"{self.path}: opened read-only; changes cannot be saved")
        with _transaction(self.conn):
            yield self.conn

    # -- articles ---------------------------------------------------------------------------

    def seq(self, article_id: str) -> int:
        """The internal row number of an article."""
        seq = self._seq_cache.get(article_id)
        if seq is None:
            row = self.conn.execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise ProjectError(f"{self.path}: no article {article_id!r}")
            seq = self._seq_cache[article_id] = int(row[0])
        return seq

    def count(self, status: Status | None = None) -> int:
        """Articles in the project (with ``status``), from counts kept by triggers: no scan."""
        counts = self.status_counts()
        return sum(counts.values()) if status is None else counts[status]

    def status_counts(self) -> dict[Status, int]:
        counts = {s: 0 for s in Status}
        for status, n in self.conn.execute("SELECT status, n FROM status_counts"):
            counts[Status(status)] = int(n)
        return counts

    def rows(self, offset: int = 0, limit: int = 100, status: Status | None = None, search: str | None = None) -> list[ArticleRow]:
        """A page of the article list in import order, filtered by status and text search."""
        where, args = _filters(status, search)
        sql = f"SELECT a.seq, a.id, a.title, a.preview, a.status FROM articles a {where} ORDER BY a.seq LIMIT ? OFFSET ?"
        return [ArticleRow(s, i, t, p, Status(st)) for s, i, t, p, st in self.conn.execute(sql, (*args, limit, offset))]

    def count_rows(self, status: Status | None = None, search: str | None = None) -> int:
        if not search:
            return self.count(status)
        where, args = _filters(status, search)
        return int(self.conn.execute(f"SELECT count(*) FROM articles a {where}", args).fetchone()[0])

    def ids(self, status: Status | None = None) -> list[str]:
        where, args = _filters(status, None)
        return [r[0] for r in self.conn.execute(f"SELECT a.id FROM articles a {where} ORDER BY a.seq", args)]

    def neighbour(self, article_id: str, step: int, status_not: Iterable[Status] = ()) -> str | None:
        """The article ``step`` (+1 or -1) away in list order, skipping the given statuses."""
        seq = self.seq(article_id)
        excluded = [s.value for s in status_not]
        cond = "seq > ?" if step > 0 else "seq < ?"
        order = "ASC" if step > 0 else "DESC"
        skip = f" AND status NOT IN ({','.join('?' * len(excluded))})" if excluded else ""
        row = self.conn.execute(f"SELECT id FROM articles WHERE {cond}{skip} ORDER BY seq {order} LIMIT 1", (seq, *excluded)).fetchone()
        return row[0] if row else None

    def article(self, article_id: str) -> Article:
        row = self.conn.execute(
            "SELECT a.id, t.text, a.title, a.url, a.meta FROM articles a JOIN texts t ON t.seq = a.seq WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise ProjectError(f"{self.path}: no article {article_id!r}")
        return Article(row[0], row[1], row[2], row[3], json.loads(row[4]))

    def text_length(self, article_id: str) -> int:
        return int(self.conn.execute("SELECT length FROM articles WHERE seq = ?", (self.seq(article_id),)).fetchone()[0])

    def status(self, article_id: str) -> Status:
        return Status(self.conn.execute("SELECT status FROM articles WHERE seq = ?", (self.seq(article_id),)).fetchone()[0])

    def spans(self, article_id: str, layer: str) -> list[StoredSpan]:
        rows = self.conn.execute(
            "SELECT id, start, end, label, origin FROM spans WHERE article = ? AND layer = ? ORDER BY start, end",
            (self.seq(article_id), layer),
        )
        origins, new = ORIGINS, tuple.__new__  # the named tuple's own __new__ costs a Python call a row
        return [new(StoredSpan, (i, s, e, l, origins[o])) for i, s, e, l, o in rows]

    def span(self, span_id: int) -> tuple[str, str, StoredSpan]:
        """An annotation by row id, with its article id and layer."""
        row = self.conn.execute(
            "SELECT a.id, s.layer, s.id, s.start, s.end, s.label, s.origin FROM spans s JOIN articles a ON a.seq = s.article WHERE s.id = ?",
            (span_id,),
        ).fetchone()
        if row is None:
            raise ProjectError(f"{self.path}: no span {span_id}")
        return row[0], row[1], StoredSpan(row[2], row[3], row[4], row[5], ORIGINS[row[6]])

    def suggestions(self, article_id: str, layer: str) -> list[Suggestion]:
        rows = self.conn.execute(
            "SELECT start, end, label, score FROM suggestions WHERE article = ? AND layer = ? ORDER BY start, end",
            (self.seq(article_id), layer),
        )
        return [Suggestion(s, e, l, sc) for s, e, l, sc in rows]

    def prelabel_model(self, article_id: str, layer: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT model, version FROM prelabels WHERE article = ? AND layer = ?", (self.seq(article_id), layer)).fetchone()
        return (row[0], row[1]) if row else None

    def document(self, article_id: str) -> Document:
        return self._document(self.article(article_id))

    def documents(self, status: Status | None = None, batch: int = BATCH_ARTICLES, limit: int | None = None) -> ProjectDocuments:
        """Every article with its annotations (of one ``status``, at most ``limit``), streamed in
        import order in bounded batches; ``.batches()`` gives the same as columns."""
        return ProjectDocuments(self, status, batch, limit)

    def _document(self, article: Article) -> Document:
        st, who, upd = self.conn.execute("SELECT status, annotator, updated_at FROM articles WHERE id = ?", (article.id,)).fetchone()
        doc = Document(article, status=Status(st), annotator=who, updated_at=ms_to_datetime(upd))
        doc.tokens = source_tokens.load(self.conn, self.seq(article.id))
        for layer in LAYERS:
            doc.spans(layer).extend(s.span for s in self.spans(article.id, layer))
            doc.suggestions(layer).extend(self.suggestions(article.id, layer))
        return doc

    # -- session ----------------------------------------------------------------------------

    def session(self) -> dict[str, Any]:
        """Where the annotator was: ``article`` id, ``scroll`` position and anything the UI keeps."""
        return {k: json.loads(v) for k, v in self.conn.execute("SELECT key, value FROM session")}

    def save_session(self, **values: Any) -> None:
        with self.transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO session(key, value) VALUES (?, ?)", [(k, json.dumps(v)) for k, v in values.items()])


def _filters(status: Status | None, search: str | None) -> tuple[str, tuple[Any, ...]]:
    clauses: list[str] = []
    args: list[Any] = []
    if status is not None:
        clauses.append("a.status = ?")
        args.append(status.value)
    if search:
        clauses.append("(instr(lower(coalesce(a.title, '')), ?) > 0 OR a.seq IN (SELECT seq FROM texts WHERE instr(lower(text), ?) > 0))")
        args += [search.lower(), search.lower()]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", tuple(args)


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
