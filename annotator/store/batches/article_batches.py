"""Articles in columns: what fast exporters read instead of one Document object per article.

An :class:`ArticleBatch` holds a few hundred articles with their spans as flat arrays (sorted by
article, start, end), so an exporter can check and convert them with array operations.
:func:`batches_of` makes batches from any documents; a project makes them straight from its
tables (:meth:`annotator.store.batches.documents.ProjectDocuments.batches`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator, Sequence, overload

import numpy as np
import pyarrow as pa

from annotator.model import ENTITIES, SECTIONS, Document, Suggestion
from annotator.store.source_tokens import encode_source

BATCH_ARTICLES = 500


@dataclass
class SpanColumns:
    """Spans of a batch: ``doc`` is the article's index in the batch; sorted by doc, start, end."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: pa.Array  # string
    score: pa.Array | None = None  # float64 with nulls; suggestions only

    def __len__(self) -> int:
        return len(self.doc)

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, int, int, str]] | Sequence[tuple[int, int, int, str, float | None]],
                  scored: bool = False) -> SpanColumns:
        """From ``(doc, start, end, label[, score])`` rows already in order."""
        if not rows:
            return cls.empty(scored)
        cols = list(zip(*rows))
        return cls(np.array(cols[0], dtype=np.int64), np.array(cols[1], dtype=np.int64), np.array(cols[2], dtype=np.int64),
                   pa.array(cols[3], pa.string()), pa.array(cols[4], pa.float64()) if scored else None)

    @classmethod
    def empty(cls, scored: bool = False) -> SpanColumns:
        none = np.zeros(0, dtype=np.int64)
        return cls(none, none, none, pa.array([], pa.string()), pa.array([], pa.float64()) if scored else None)

    def label_at(self, i: int) -> str:
        return str(self.label[i].as_py())

    def reordered(self, position: np.ndarray) -> SpanColumns:
        """The spans with article ``d`` renumbered ``position[d]``, sorted again by article."""
        if not len(self):
            return self
        doc = position[self.doc]
        pick = np.argsort(doc, kind="stable")
        taken = pa.array(pick)
        return SpanColumns(doc[pick], self.start[pick], self.end[pick], self.label.take(taken),
                           None if self.score is None else self.score.take(taken))

    def merged(self, other: SpanColumns) -> SpanColumns:
        """These spans and ``other``'s (of other articles), sorted by article."""
        if not len(other):
            return self
        doc = np.concatenate([self.doc, other.doc])
        pick = np.argsort(doc, kind="stable")
        taken = pa.array(pick)
        label = pa.concat_arrays([self.label, other.label.cast(self.label.type)]).take(taken)
        score = None if self.score is None or other.score is None else pa.concat_arrays([self.score, other.score]).take(taken)
        return SpanColumns(doc[pick], np.concatenate([self.start, other.start])[pick], np.concatenate([self.end, other.end])[pick],
                           label, score)

    def offsets(self, n_docs: int) -> np.ndarray:
        """Where each article's spans begin, plus the end: ``n_docs + 1`` values."""
        out = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.doc, minlength=n_docs), out=out[1:])
        return out


class Utf8Texts(Sequence[str]):
    """Texts as the store keeps them, UTF-8; each is decoded only when asked for."""

    def __init__(self, raw: list[bytes]) -> None:
        self.raw = raw

    def __len__(self) -> int:
        return len(self.raw)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [raw.decode("utf-8") for raw in self.raw[i]]
        return self.raw[i].decode("utf-8")

    def picked(self, at: list[int]) -> Utf8Texts:
        return Utf8Texts([self.raw[i] for i in at])


# Called with (index in the batch, token blob) pairs an exporter computed and the tokenizer fingerprint.
Remember = Callable[[list[tuple[int, bytes]], str], None]


@dataclass
class ArticleBatch:
    """Articles and their annotations, column by column."""

    ids: list[str]
    texts: Sequence[str]  # a list, or Utf8Texts
    titles: list[str | None]
    urls: list[str | None]
    statuses: list[str]
    annotators: list[str | None]
    updated_ms: list[int | None]
    entities: SpanColumns
    sections: SpanColumns
    entities_suggested: SpanColumns
    sections_suggested: SpanColumns
    token_blobs: list[bytes | None] = field(default_factory=list)  # cached tokens (annotator.store.token_cache)
    tokenizer: str | None = None  # fingerprint of the tokenizer that made token_blobs
    remember: Remember | None = None  # keeps tokens an exporter had to compute, for next time

    def __len__(self) -> int:
        return len(self.ids)

    def reordered(self, order: np.ndarray) -> ArticleBatch:
        """The same articles in another order: article ``k`` of the result is article ``order[k]`` here."""
        at = order.tolist()
        position = np.empty(len(at), dtype=np.int64)
        position[order] = np.arange(len(at))
        remember = self.remember
        if remember is not None:
            inner = remember

            def remember(made: list[tuple[int, bytes]], tokenizer: str) -> None:
                inner([(at[i], blob) for i, blob in made], tokenizer)

        def pick(values: Sequence) -> list:  # type: ignore[type-arg]
            return [values[i] for i in at]

        texts = self.texts.picked(at) if isinstance(self.texts, Utf8Texts) else pick(self.texts)
        return replace(
            self, ids=pick(self.ids), texts=texts, titles=pick(self.titles), urls=pick(self.urls),
            statuses=pick(self.statuses), annotators=pick(self.annotators), updated_ms=pick(self.updated_ms),
            entities=self.entities.reordered(position), sections=self.sections.reordered(position),
            entities_suggested=self.entities_suggested.reordered(position),
            sections_suggested=self.sections_suggested.reordered(position),
            token_blobs=pick(self.token_blobs) if self.token_blobs else [], remember=remember,
        )


def batches_of(docs: Iterable[Document], size: int = BATCH_ARTICLES) -> Iterator[ArticleBatch]:
    """Documents regrouped as batches of at most ``size`` articles, spans sorted."""
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield _batch(chunk)
            chunk = []
    if chunk:
        yield _batch(chunk)


def _batch(docs: list[Document]) -> ArticleBatch:
    def spans(layer: str) -> SpanColumns:
        return SpanColumns.from_rows([(i, s.start, s.end, s.label) for i, d in enumerate(docs) for s in sorted(d.spans(layer))])

    def suggested(layer: str) -> SpanColumns:
        rows: list[tuple[int, int, int, str, float | None]] = [
            (i, s.start, s.end, s.label, s.score) for i, d in enumerate(docs) for s in sorted(d.suggestions(layer), key=_key)
        ]
        return SpanColumns.from_rows(rows, scored=True)

    return ArticleBatch(
        ids=[d.article.id for d in docs],
        texts=[d.article.text for d in docs],
        titles=[d.article.title for d in docs],
        urls=[d.article.url for d in docs],
        statuses=[d.status.value for d in docs],
        annotators=[d.annotator for d in docs],
        updated_ms=[_ms(d.updated_at) for d in docs],
        entities=spans(ENTITIES),
        sections=spans(SECTIONS),
        entities_suggested=suggested(ENTITIES),
        sections_suggested=suggested(SECTIONS),
        token_blobs=[None if d.tokens is None or not len(d.tokens) else encode_source(d.article.text, d.tokens) for d in docs],
    )


def _key(s: Suggestion) -> tuple[int, int, str]:
    return s.start, s.end, s.label


def _ms(when: datetime | None) -> int | None:
    if when is None:
        return None
    if when.tzinfo is None:  # as pyarrow reads a naive time: UTC
        when = when.replace(tzinfo=timezone.utc)
    return round(when.timestamp() * 1000)
