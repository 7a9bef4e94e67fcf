"""A project's articles for exporters: as Document objects, or as column batches.

Both stream in import order in bounded batches; nothing holds the whole corpus.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timezone
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol

import numpy as np

from annotator.model import LAYERS, Article, Document, Span, Status, Suggestion
from annotator.store.batches.article_batches import BATCH_ARTICLES, ArticleBatch, Remember, SpanColumns, Utf8Texts
from annotator.store.batches.prefetch import ahead

if TYPE_CHECKING:
    from annotator.store.batches.span_columns_reader import SpanColumnsReader

_ARTICLES = (
    "SELECT a.seq, a.id, {text}, a.title, a.url, {meta}, a.status, a.annotator, a.updated_at{tokens} "
    "FROM articles a JOIN texts t ON t.seq = a.seq{join} WHERE a.seq > ?{status} ORDER BY a.seq LIMIT ?"
)


class Source(Protocol):
    """What the documents need of an open project (:class:`~annotator.store.project.Project`)."""

    path: Path
    conn: sqlite3.Connection
    read_only: bool

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def another_connection(self) -> Source: ...

    def close(self) -> None: ...


class ProjectDocuments:
    """Iterable of a project's documents (optionally of one status, at most ``limit``)."""

    def __init__(self, project: Source, status: Status | None = None, batch: int = BATCH_ARTICLES,
                 limit: int | None = None) -> None:
        self.project, self.status, self.batch, self.limit = project, status, batch, limit
        self.on_batch: Callable[[int], None] | None = None  # called with the number of articles read so far

    def watched(self, on_batch: Callable[[int], None]) -> ProjectDocuments:
        """These documents, calling ``on_batch(articles so far)`` before each batch (it may raise to stop)."""
        self.on_batch = on_batch
        return self

    def __iter__(self) -> Iterator[Document]:
        from annotator.store.batches.span_columns_reader import SpanColumnsReader

        reader = SpanColumnsReader(self.project.path, getattr(self.project, "immutable", False))
        try:
            for rows in self._article_rows(self.project, with_tokens=False):
                docs = [
                    Document(Article(aid, text, title, url, json.loads(meta)), status=Status(st), annotator=who,
                             updated_at=ms_to_datetime(upd))
                    for _, aid, text, title, url, meta, st, who, upd in rows
                ]
                seqs = [r[0] for r in rows]
                for k, tokens in _source_tokens(self.project.conn, seqs).items():
                    docs[k].tokens = tokens
                for table in ("spans", "suggestions"):
                    for layer, columns in zip(LAYERS, reader.layers(table, seqs)):
                        _add_spans(docs, layer, columns)
                yield from docs
        finally:
            reader.close()

    def batches(self, prefetch: int = 2) -> Iterator[ArticleBatch]:
        """The same articles as :class:`ArticleBatch` columns, with their cached tokens.

        With ``prefetch``, a thread reads up to that many batches ahead on a connection of its own
        (SQLite reads release the GIL), so reading overlaps with the caller's work on each batch.
        Spans come from each article's pack (:mod:`annotator.store.batches.span_packs`); the articles of a batch
        that had none are packed once the caller asks for the next batch (not in a read-only project).
        """
        from annotator.store.batches import span_packs
        from annotator.store.batches.span_columns_reader import SpanColumnsReader

        source = self._batches(self.project) if not prefetch else ahead(self._batches_on_own_connection, prefetch)
        packer: SpanColumnsReader | None = None
        packing = not self.project.read_only
        try:
            for batch, unpacked in source:
                yield batch
                if unpacked and packing:  # packed for the next export
                    packer = packer or SpanColumnsReader(self.project.path)
                    try:
                        with self.project.transaction() as conn:
                            span_packs.fill(conn, packer, unpacked)
                    except sqlite3.OperationalError:  # busy or full: packs are a cache, never worth failing a read
                        packing = False
        finally:
            source.close()
            if packer is not None:
                packer.close()

    def _batches_on_own_connection(self) -> Iterator[tuple[ArticleBatch, list[int]]]:
        reader = self.project.another_connection()
        try:
            yield from self._batches(reader)
        finally:
            reader.close()

    def _batches(self, source: Source) -> Iterator[tuple[ArticleBatch, list[int]]]:
        """Batches, each with the articles whose spans were not packed (read from the spans table)."""
        from annotator.store import token_cache
        from annotator.store.batches.span_columns_reader import SpanColumnsReader

        tokenizer = token_cache.held_by(source.conn)
        reader = SpanColumnsReader(source.path, getattr(source, "immutable", False))
        try:
            for rows in self._article_rows(source, with_tokens=True):
                seqs = [r[0] for r in rows]
                unpacked = [i for i, r in enumerate(rows) if r[10] is None]
                spans = self._spans(source, reader, rows, unpacked)
                yield self._batch(rows, spans, reader.layers("suggestions", seqs), tokenizer), [seqs[i] for i in unpacked]
        finally:
            reader.close()

    @staticmethod
    def _spans(source: Source, reader: SpanColumnsReader, rows: list[tuple[Any, ...]],
               unpacked: list[int]) -> tuple[SpanColumns, SpanColumns]:
        """Entities and sections of the batch: from the packs, and from the spans table for the articles without one."""
        from annotator.store.batches import span_packs

        if len(unpacked) == len(rows):
            return reader.layers("spans", [r[0] for r in rows])
        packed = [i for i, r in enumerate(rows) if r[10] is not None]
        from_packs = span_packs.decode([rows[i][10] for i in packed], packed, span_packs.labels(source.conn))
        if not unpacked:
            return from_packs
        from_table = reader.layers("spans", [rows[i][0] for i in unpacked])
        position = np.array(unpacked, dtype=np.int64)  # merged sorts by article
        return (from_packs[0].merged(replace(from_table[0], doc=position[from_table[0].doc])),
                from_packs[1].merged(replace(from_table[1], doc=position[from_table[1].doc])))

    def _batch(self, rows: list[tuple[Any, ...]], spans: tuple[SpanColumns, SpanColumns],
               suggested: tuple[SpanColumns, SpanColumns], tokenizer: str | None) -> ArticleBatch:
        seqs = [r[0] for r in rows]
        return ArticleBatch(
            ids=[r[1] for r in rows], texts=Utf8Texts([r[2] for r in rows]), titles=[r[3] for r in rows], urls=[r[4] for r in rows],
            statuses=[r[6] for r in rows], annotators=[r[7] for r in rows], updated_ms=[r[8] for r in rows],
            entities=spans[0], sections=spans[1], entities_suggested=suggested[0], sections_suggested=suggested[1],
            token_blobs=[r[9] for r in rows], tokenizer=tokenizer,
            remember=None if self.project.read_only else self._remembering(seqs),
        )

    def _article_rows(self, source: Source, with_tokens: bool) -> Iterator[list[tuple[Any, ...]]]:
        sql = _ARTICLES.format(
            meta="NULL" if with_tokens else "a.meta",  # batches carry no metadata (it may hold a whole page)
            text="CAST(t.text AS BLOB)" if with_tokens else "t.text",  # batches keep the UTF-8 as it is
            tokens=", coalesce(s.data, k.data), p.data" if with_tokens else "",  # source tokens before the tokenizer's
            join=(" LEFT JOIN source_tokens s ON s.seq = a.seq LEFT JOIN tokens k ON k.seq = a.seq"
                  " LEFT JOIN span_packs p ON p.seq = a.seq") if with_tokens else "",
            status=" AND a.status = ?" if self.status else "",
        )
        last, left, done = 0, self.limit, 0
        while left is None or left > 0:
            size = self.batch if left is None else min(self.batch, left)
            args = (last, self.status.value, size) if self.status else (last, size)
            rows = source.conn.execute(sql, args).fetchall()
            if not rows:
                return
            done += len(rows)
            if self.on_batch is not None:
                self.on_batch(done)
            yield rows
            last = rows[-1][0]
            left = None if left is None else left - len(rows)

    def _remembering(self, seqs: list[int]) -> Remember:
        def remember(computed: list[tuple[int, bytes]], tokenizer: str) -> None:
            from annotator.store import token_cache

            with self.project.transaction() as conn:
                token_cache.save(conn, tokenizer, [(seqs[i], blob) for i, blob in computed])

        return remember


def _source_tokens(conn: sqlite3.Connection, seqs: list[int]) -> dict[int, Any]:
    """Source tokens by position in ``seqs``, for the articles that arrived with tokens."""
    from annotator.store import source_tokens

    position = {seq: k for k, seq in enumerate(seqs)}
    return {position[seq]: tokens for seq, tokens in source_tokens.load_many(conn, seqs).items()}


def _add_spans(docs: list[Document], layer: str, columns: SpanColumns) -> None:
    """Append ``columns`` to the documents' spans of ``layer`` (their suggestions when scored)."""
    edges = zip(columns.doc.tolist(), columns.start.tolist(), columns.end.tolist(), columns.label.to_pylist())
    if columns.score is None:
        spans = [doc.spans(layer) for doc in docs]
        for d, start, end, label in edges:
            spans[d].append(Span(start, end, label))
    else:
        suggestions = [doc.suggestions(layer) for doc in docs]
        for (d, start, end, label), score in zip(edges, columns.score.to_pylist()):
            suggestions[d].append(Suggestion(start, end, label, score))


def ms_to_datetime(ms: int | None) -> datetime | None:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc) if ms is not None else None
