"""doccano JSONL (sequence labeling and relation extraction exports).

Reading: ``text`` with ``label: [[start, end, label], ...]`` or
``entities: [{start_offset, end_offset, label}, ...]``; ``relations`` are ignored (the project
has no relations), ``meta`` becomes the article's meta. Pretty-printed records one after the
other (as doccano's relation-extraction example) are read too. Other column names (doccano's
import dialog allows them) are options: ``text_field``, ``label_field``. Overlapping entities
are an :class:`InputError` naming the line: a project's entities cannot overlap.

Writing: ``{"text", "label": [[s, e, l]], "sections": [[s, e, l]], "article_id", "title", "url",
"status", "meta"}``; doccano imports the extra keys as metadata, and ``sections`` is read back.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from annotator.errors import InputError
from annotator.model import ENTITIES, SECTIONS, Document, Status
from annotator.schema import Schema
from exports.common import atomic_file, build_document, first_record, iter_records, json_line
from exports.registry import Format, register


def read_doccano(path: Path, text_field: str = "text", label_field: str | None = None) -> Iterator[Document]:
    for line, rec in iter_records(path):
        if not isinstance(rec, dict):
            raise InputError(str(path), "a doccano record must be a JSON object", line)
        text = rec.get(text_field)
        if not isinstance(text, str):
            raise InputError(str(path), f"the record has no {text_field!r} string", line)
        meta = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
        layers = {ENTITIES: _entities(rec, label_field, path, line), SECTIONS: _triples(rec.get("sections") or [], path, line)}
        doc = build_document(text, layers, f"{path}:{line}", title=_str(rec, "title"), url=_str(rec, "url"),
                             meta=meta, doc_id=_str(rec, "article_id"))
        if rec.get("status") in {s.value for s in Status}:
            doc.status = Status(rec["status"])
        yield doc


def _entities(rec: dict[str, Any], label_field: str | None, path: Path, line: int) -> list[tuple[int, int, str]]:
    if label_field is not None:
        return _triples(rec.get(label_field) or [], path, line)
    if "entities" in rec:
        items = rec["entities"]
        if not isinstance(items, list):
            raise InputError(str(path), "'entities' must be a list", line)
        out = []
        for e in items:
            if not (isinstance(e, dict) and {"start_offset", "end_offset", "label"} <= e.keys()):
                raise InputError(str(path), f"an entity needs start_offset, end_offset and label, got {e!r}", line)
            out.append((e["start_offset"], e["end_offset"], e["label"]))
        return out
    return _triples(rec.get("label") or [], path, line)


def _triples(items: Any, path: Path, line: int) -> list[tuple[int, int, str]]:
    if not isinstance(items, list) or not all(isinstance(t, list) and len(t) == 3 and isinstance(t[2], str) for t in items):
        raise InputError(str(path), f"labels must be a list of [start, end, label], got {items!r}", line)
    return [(t[0], t[1], t[2]) for t in items]


def _str(rec: dict[str, Any], key: str) -> str | None:
    value = rec.get(key)
    return value if isinstance(value, str) else None


def write_doccano(docs: Iterable[Document], out: Path, schema: Schema, **opts: Any) -> int:
    """Write one record per document; returns the number written."""
    count = 0
    with atomic_file(out) as fh:
        for d in docs:
            art = d.article
            rec: dict[str, Any] = {
                "text": art.text,
                "label": [[s.start, s.end, s.label] for s in sorted(d.entities)],
                "sections": [[s.start, s.end, s.label] for s in sorted(d.sections)],
                "article_id": art.id, "title": art.title, "url": art.url, "status": d.status.value,
                "meta": dict(art.meta),
            }
            fh.write(json_line(rec))
            count += 1
    return count


def sniff_doccano(path: Path) -> bool:
    if path.suffix.lower() not in (".jsonl", ".json") or not path.is_file():
        return False
    rec = first_record(path)
    if not isinstance(rec, dict) or "text" not in rec:
        return False
    label = rec.get("label")
    labels_ok = isinstance(label, list) and all(isinstance(t, list) and len(t) == 3 for t in label)
    ents = rec.get("entities")
    return labels_ok or (isinstance(ents, list) and bool(ents) and all(isinstance(e, dict) and "start_offset" in e for e in ents))


register(Format("doccano", "doccano JSONL (label triples or entities objects)", read=read_doccano, write=write_doccano, sniff=sniff_doccano))
