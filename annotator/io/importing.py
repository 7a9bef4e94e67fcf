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
from annotator.store import source_tokens, text_keys
from annotator.store.project import LAYER_BIT, Project, now_ms

PREVIEW_CHARS = 120
# The longest article accepted: spaCy's default ``nlp.max_length``, what its pipelines take in one
# piece (pre-labeling reports and skips longer ones, error E088). About 150,000 words.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass
class ImportResult:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (id given, id of the article with that text)

    @property
    def total(self) -> int:
        return len(self.added) + self.unchanged


def import_documents(project: Project, docs: Iterable[Document]) -> ImportResult:
    """Add documents to ``project`` atomically; re-importing an article already there is a no-op.

    The same text under another id is kept once: the article already there (or imported first)
    stays, the other id is reported in ``duplicates`` and recorded in its meta (``duplicate_ids``),
    so the text can never land in two splits of an export.
    """
    result = ImportResult()
    with project.transaction() as conn:
        text_keys.fill(conn)
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
            key = text_keys.key(art.text)
            twin = text_keys.find(conn, key)
            if twin is not None:
                text_keys.link(conn, twin, art.id)
                result.duplicates.append((art.id, twin))
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
            conn.execute("INSERT INTO text_keys(seq, key) VALUES (?, ?)", (seq, key))
            if doc.tokens is not None and len(doc.tokens):
                source_tokens.save(conn, [(seq, source_tokens.encode_source(art.text, doc.tokens))])
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
    if n > MAX_ARTICLE_CHARS:
        raise _error(doc, f"the article is {n:,} characters long, over the limit of {MAX_ARTICLE_CHARS:,}; "
                          "split it into smaller articles")
    _check_encodable(doc)
    if doc.tokens is not None:
        problem = doc.tokens.check(n)
        if problem:
            raise _error(doc, f"its tokens do not fit its text: {problem}")
    for layer in LAYERS:
        for group in (doc.spans(layer), doc.suggestions(layer)):
            for s in group:
                if not (0 <= s.start < s.end <= n):
                    raise _error(doc, f"{layer} span [{s.start}, {s.end}) {s.label!r} is outside the text (length {n})")
                if not schema.has(layer, s.label):
                    raise _error(doc, f"unknown {layer} label {s.label!r}; the project has {_listed(schema.names(layer))}")
        try:
            check_no_overlap(doc.spans(layer), layer)
        except SpanError as exc:
            raise _error(doc, str(exc)) from None


def _check_encodable(doc: Document) -> None:
    """Refuse fields of the wrong type (a number as id or title), unpaired surrogates (a JSON
    ``\\ud800`` escape), which UTF-8 cannot store, and NUL characters."""
    art = doc.article
    for name, value in (("id", art.id), ("title", art.title), ("url", art.url)):
        if not isinstance(value, str) and (value is not None or name == "id"):
            raise _error(doc, f"the article's {name} must be a string, not {type(value).__name__} {value!r}")
    if not art.id.strip():
        raise _error(doc, "the article's id is empty")
    if not isinstance(art.meta, dict):
        raise _error(doc, f"the article's meta must be an object, not {type(art.meta).__name__}")
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


def _listed(names: list[str], most: int = 20) -> str:
    """Names for a one-line message: all of a few, the first ``most`` of many."""
    return ", ".join(names) if len(names) <= most else ", ".join(names[:most]) + f", ... ({len(names):,} in all)"


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
