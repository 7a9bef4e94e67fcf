"""Writing documents into a project: one import, one transaction.

Every document is checked before anything is kept: spans inside the text, labels known to the
schema, no overlaps within a layer. The first problem stops the import with an error naming the
source file and line, and the transaction rolls back, so the project is exactly as before.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from annotator.errors import InputError, SpanError
from annotator.model import ENTITIES, IMPORTED_MODEL, LAYERS, Document, Origin, Span
from annotator.schema import Schema
from annotator.store.project import LAYER_BIT, Project, now_ms

PREVIEW_CHARS = 120


@dataclass
class ImportResult:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def total(self) -> int:
        return len(self.added) + self.unchanged


def import_documents(project: Project, docs: Iterable[Document]) -> ImportResult:
    """Add documents to ``project`` atomically; re-importing an article already there is a no-op."""
    result = ImportResult()
    with project.transaction() as conn:
        for doc in docs:
            check_document(doc, project.schema)
            art = doc.article
            existing = conn.execute(
                "SELECT t.text FROM articles a JOIN texts t ON t.seq = a.seq WHERE a.id = ?", (art.id,)
            ).fetchone()
            if existing is not None:
                if existing[0] != art.text:
                    raise _error(doc, f"article id {art.id!r} is already in the project with a different text")
                result.unchanged += 1
                continue
            touched = sum(LAYER_BIT[layer] for layer in LAYERS if doc.spans(layer))
            cur = conn.execute(
                "INSERT INTO articles(id, title, url, meta, preview, length, status, annotator, updated_at, touched) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (art.id, art.title, art.url, json.dumps(art.meta, ensure_ascii=False), preview(art.text),
                 len(art.text), doc.status.value, doc.annotator,
                 int(doc.updated_at.timestamp() * 1000) if doc.updated_at else None, touched),
            )
            seq = cur.lastrowid
            conn.execute("INSERT INTO texts(seq, text) VALUES (?, ?)", (seq, art.text))
            for layer in LAYERS:
                conn.executemany(
                    "INSERT INTO spans(article, layer, start, end, label, origin, annotator) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(seq, layer, s.start, s.end, s.label, Origin.IMPORTED.value, doc.annotator) for s in doc.spans(layer)],
                )
                suggested = doc.suggestions(layer)
                if suggested:
                    conn.executemany(
                        "INSERT INTO suggestions(article, layer, start, end, label, score) VALUES (?, ?, ?, ?, ?, ?)",
                        [(seq, layer, s.start, s.end, s.label, s.score) for s in suggested],
                    )
                    conn.execute(
                        "INSERT INTO prelabels(article, layer, model, version, at) VALUES (?, ?, ?, ?, ?)",
                        (seq, layer, IMPORTED_MODEL, doc.source or "", now_ms()),
                    )
            result.added.append(art.id)
    if result.added:
        project.articles_changed.emit()
    return result


def check_document(doc: Document, schema: Schema) -> None:
    """Raise :class:`InputError` when a document's spans do not fit its text or the schema."""
    n = len(doc.article.text)
    if not doc.article.text.strip():
        raise _error(doc, "the article text is empty")
    _check_encodable(doc)
    for layer in LAYERS:
        for group in (doc.spans(layer), doc.suggestions(layer)):
            for s in group:
                if not (0 <= s.start < s.end <= n):
                    raise _error(doc, f"{layer} span [{s.start}, {s.end}) {s.label!r} is outside the text (length {n})")
                if not schema.has(layer, s.label):
                    raise _error(doc, f"unknown {layer} label {s.label!r}; the project has {', '.join(schema.names(layer))}")
        try:
            check_no_overlap(doc.spans(layer), layer)
        except SpanError as exc:
            raise _error(doc, str(exc)) from None


def _check_encodable(doc: Document) -> None:
    """Refuse unpaired surrogates (a JSON ``\\ud800`` escape), which UTF-8 cannot store, and NUL characters."""
    art = doc.article
    for value in (art.id, art.text, art.title, art.url, doc.annotator, json.dumps(art.meta, ensure_ascii=False)):
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = ord(exc.object[exc.start])
            raise _error(doc, f"contains an unpaired surrogate (U+{bad:04X}): not valid Unicode text") from None
    if "\x00" in art.text:
        raise _error(doc, "the text contains NUL characters: binary data, not text")


def check_no_overlap(spans: Iterable[Span], layer: str = ENTITIES) -> None:
    ordered = sorted(spans)
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise SpanError(f"{layer} spans overlap: [{a.start}, {a.end}) {a.label!r} and [{b.start}, {b.end}) {b.label!r}")


def preview(text: str) -> str:
    """The first non-empty line, shortened: what the article list shows for an untitled article."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:PREVIEW_CHARS]
    return ""


def _error(doc: Document, problem: str) -> InputError:
    source = doc.source or doc.article.id
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return InputError(path, problem, int(line))
    return InputError(source, problem)
