"""Prodigy JSONL: ``ner.manual`` / ``ner.correct`` / ``spans.manual`` tasks.

Reading: ``spans`` become entities (character offsets are authoritative, token indices are not
needed), ``meta`` becomes the article's meta, ``_input_hash`` is kept in meta. Tasks whose
``answer`` is ``reject`` or ``ignore`` are not annotations and are skipped entirely (the text is
not imported either: it was judged unusable or wrong in Prodigy); ``accept`` makes the article
``done``; tasks without an answer (raw input) import as ``new``.

Writing: one task per article with the project tokenizer's ``tokens``, ``spans`` with inclusive
``token_start`` / ``token_end``, ``answer: "accept"``. Sections go into a separate top-level key
``sections`` of the same span shape (Prodigy keeps unknown keys and ignores them), so the entity
view stays the one Prodigy shows; our article fields (id, title, url, status) go under
``_annotator``. Both are read back.

Hashes: ``_input_hash`` is the signed 32-bit MurmurHash3 (seed 0, the function Prodigy uses, via
the ``murmurhash`` package spaCy ships) of ``{"text": ...}`` as compact sorted JSON;
``_task_hash`` hashes the input hash together with the spans' ``(start, end, label)``. Stable
across runs and machines; not guaranteed bit-identical to Prodigy's own hashes.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from murmurhash import mrmr

from annotator.errors import InputError
from annotator.model import ENTITIES, SECTIONS, Document, Span, Status
from annotator.schema import Schema
from exports.common import aligned_span, atomic_file, build_document, first_record, iter_records, json_line, project_doc
from exports.registry import Format, register

SKIPPED_ANSWERS = ("reject", "ignore")


def input_hash(text: str) -> int:
    return int(mrmr.hash(json.dumps({"text": text}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)))


def task_hash(in_hash: int, spans: Iterable[Span]) -> int:
    key = json.dumps({"input": in_hash, "spans": [[s.start, s.end, s.label] for s in spans]}, separators=(",", ":"))
    return int(mrmr.hash(key))


def read_prodigy(path: Path) -> Iterator[Document]:
    for line, task in iter_records(path):
        where = f"{path}:{line}"
        if not isinstance(task, dict) or not isinstance(task.get("text"), str):
            raise InputError(str(path), "a Prodigy task must be an object with a 'text' string", line)
        answer = task.get("answer")
        if answer in SKIPPED_ANSWERS:
            continue
        ours = task.get("_annotator") if isinstance(task.get("_annotator"), dict) else {}
        meta = task.get("meta") or {}
        if not isinstance(meta, dict):
            raise InputError(str(path), "'meta' must be an object", line)
        meta = dict(meta)
        if "_input_hash" in task:
            meta.setdefault("_input_hash", task["_input_hash"])
        doc = build_document(
            task["text"],
            {ENTITIES: _spans(task.get("spans"), path, line), SECTIONS: _spans(task.get("sections"), path, line)},
            where, title=ours.get("title"), url=ours.get("url"), meta=meta, doc_id=ours.get("id"),
        )
        if ours.get("status") in {s.value for s in Status}:
            doc.status = Status(ours["status"])
        elif answer == "accept":
            doc.status = Status.DONE
        yield doc


def _spans(items: Any, path: Path, line: int) -> list[tuple[int, int, str]]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise InputError(str(path), "'spans' must be a list", line)
    out = []
    for s in items:
        if not (isinstance(s, dict) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
                and isinstance(s.get("label"), str)):
            raise InputError(str(path), f"a span needs integer 'start', 'end' and a 'label', got {s!r}", line)
        out.append((s["start"], s["end"], s["label"]))
    return out


def write_prodigy(docs: Iterable[Document], out: Path, schema: Schema, **opts: Any) -> int:
    """Write one accepted task per document; returns the number written."""
    count = 0
    with atomic_file(out) as fh:
        for d in docs:
            fh.write(json_line(task_for(d)))
            count += 1
    return count


def task_for(d: Document) -> dict[str, Any]:
    art = d.article
    sdoc = project_doc(art.text)
    tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i, "ws": bool(t.whitespace_)} for t in sdoc]

    def spans(layer: str) -> list[dict[str, Any]]:
        out = []
        for s in sorted(d.spans(layer)):
            sp = aligned_span(sdoc, s, art, layer)
            out.append({"start": s.start, "end": s.end, "token_start": sp.start, "token_end": sp.end - 1, "label": s.label})
        return out

    h = input_hash(art.text)
    ours = {"id": art.id, "status": d.status.value}
    ours.update({k: v for k, v in (("title", art.title), ("url", art.url)) if v is not None})
    return {
        "text": art.text, "meta": {k: v for k, v in art.meta.items() if k != "_input_hash"},
        "_input_hash": h, "_task_hash": task_hash(h, d.entities), "tokens": tokens,
        "spans": spans(ENTITIES), "sections": spans(SECTIONS), "_annotator": ours, "answer": "accept",
    }


def sniff_prodigy(path: Path) -> bool:
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    rec = first_record(path)
    return isinstance(rec, dict) and ("_input_hash" in rec or ("spans" in rec and "tokens" in rec))


register(Format("prodigy", "Prodigy JSONL tasks (ner.manual, ner.correct, spans.manual)",
                read=read_prodigy, write=write_prodigy, sniff=sniff_prodigy))
