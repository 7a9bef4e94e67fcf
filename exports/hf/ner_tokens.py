"""The tokens of an HF export's ``ner`` config, as source tokens of its documents.

An article read back from an HF folder keeps the tokens its ``ner`` rows carry (and each row's
start as a sentence start), so a gold tokenization survives a trip through the Hub format. Each
row's tokens are laid out from the row's ``start`` with its ``spaces``; a token that is not the
document's text at that place is an :class:`InputError` naming the file and document.

Our exports write each split's ``ner`` rows in the order of its documents, so the rows are read
alongside the documents, a batch at a time (bounded memory). A folder whose rows are in another
order (written by other tools) is read into a dictionary by document instead.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from annotator.errors import InputError
from annotator.model import SourceTokens

COLUMNS = ["doc_id", "start", "tokens", "spaces"]
Row = tuple[str, int, list[str], list[bool]]


class NerTokens:
    """The ``ner`` tokens of one split, handed out document by document (:meth:`take`)."""

    def __init__(self, folder: Path, split: str, doc_ids: list[str]) -> None:
        self.files = [f for f in sorted((folder / "data" / "ner").glob(f"{split}-*.parquet")) if _has_columns(f)]
        self._head: Row | None = None
        self._by_doc: dict[str, list[Row]] | None = None
        if self.files and not _same_order(self.files, doc_ids):
            self._by_doc = {}
            for row in self._rows():
                self._by_doc.setdefault(row[0], []).append(row)
        self._stream = self._rows() if self._by_doc is None else iter(())

    def take(self, doc_id: str, text: str, where: str) -> SourceTokens | None:
        """The tokens of document ``doc_id`` (None when it has no ``ner`` rows)."""
        if self._by_doc is not None:
            rows = sorted(self._by_doc.pop(doc_id, []), key=lambda r: r[1])
        else:
            rows = []
            while True:
                if self._head is None:
                    self._head = next(self._stream, None)
                if self._head is None or self._head[0] != doc_id:
                    break
                rows.append(self._head)
                self._head = None
        tokens = _tokens(rows, text, where) if rows else None
        return tokens if tokens is not None and len(tokens) else None

    def _rows(self) -> Iterator[Row]:
        for f in self.files:
            try:
                for batch in pq.ParquetFile(f).iter_batches(batch_size=2000, columns=COLUMNS):
                    yield from zip(*(batch.column(c).to_pylist() for c in COLUMNS))  # type: ignore[misc]
            except (pa.ArrowException, OSError) as exc:
                raise InputError(str(f), f"unreadable Parquet file ({exc})") from None


def _has_columns(f: Path) -> bool:
    try:
        return set(COLUMNS) <= set(pq.ParquetFile(f).schema_arrow.names)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(str(f), f"unreadable Parquet file ({exc})") from None


def _same_order(files: list[Path], doc_ids: list[str]) -> bool:
    """True when the rows' documents come in the order of ``doc_ids``, each in one run."""
    runs: list[str] = []
    for f in files:
        for value in pq.read_table(f, columns=["doc_id"]).column("doc_id").to_pylist():
            if not runs or runs[-1] != value:
                runs.append(value)
    wanted = set(runs)
    return len(wanted) == len(runs) and runs == [d for d in doc_ids if d in wanted]


def _tokens(rows: list[Row], text: str, where: str) -> SourceTokens:
    starts: list[int] = []
    ends: list[int] = []
    sentences: list[int] = []
    for _, start, tokens, spaces in rows:
        sentences.append(len(starts))
        at = start
        for token, space in zip(tokens, spaces):
            if text[at:at + len(token)] != token:
                raise InputError(where, f"ner token {token!r} at {at} is not the document's text there "
                                        f"({text[at:at + len(token)]!r})")
            if not token.isspace():
                starts.append(at)
                ends.append(at + len(token))
            at += len(token) + bool(space)
    return SourceTokens(tuple(starts), tuple(ends), tuple(dict.fromkeys(min(k, max(len(starts) - 1, 0)) for k in sentences)))
