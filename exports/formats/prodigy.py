"""Prodigy JSONL: ``ner.manual`` / ``ner.correct`` / ``spans.manual`` tasks.

Statuses map both ways: ``accept`` is ``done``, ``ignore`` is ``skipped``, and ``reject`` is
``skipped`` with ``meta.prodigy_answer = "reject"``, written back as ``reject``. Articles still
``new`` or ``in_progress`` are written without an ``answer``, as Prodigy expects unannotated input
(their spans are pre-set spans to correct); a task without an answer imports as ``new`` (or the
status under ``_annotator``).

Reading: ``spans`` become entities (character offsets are authoritative), the task's ``tokens``
become the article's source tokens (:mod:`annotator.store.source_tokens`), ``meta`` becomes the
article's meta. Writing: one task per article with its source tokens, else the project
tokenizer's ``tokens``, and ``spans`` with inclusive ``token_start`` / ``token_end``. Sections go
into a separate top-level key ``sections`` of the same span shape (Prodigy keeps unknown keys and
ignores them), so the entity view stays the one Prodigy shows; our article fields (id, title, url,
status) go under ``_annotator``. Both are read back.

Hashes: ``_input_hash`` / ``_task_hash`` are not written. Prodigy documents which keys it hashes
(``set_hashes``: text, then spans and label) but not the exact serialization, so a hash computed
here could differ from Prodigy's and break its de-duplication; Prodigy sets both when it loads a
task without them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from annotator.errors import InputError
from annotator.model import ENTITIES, SECTIONS, Document, Status
from annotator.schema import Schema
from exports.common import aligned_span, atomic_file, build_document, first_record, iter_records, json_line
from exports.source_docs import attach_tokens, source_indices, token_doc
from exports.registry import Format, register

ANSWER_KEY = "prodigy_answer"  # meta key keeping a "reject" answer of a skipped article
STATUS_OF_ANSWER = {"accept": Status.DONE, "ignore": Status.SKIPPED, "reject": Status.SKIPPED}
HASH_KEYS = ("_input_hash", "_task_hash")


def answer_of(d: Document) -> str | None:
    """The Prodigy answer for an article's status; None for work not finished (new, in progress)."""
    if d.status == Status.DONE:
        return "accept"
    if d.status == Status.SKIPPED:
        return "reject" if d.article.meta.get(ANSWER_KEY) == "reject" else "ignore"
    return None


def read_prodigy(path: Path) -> Iterator[Document]:
    for line, task in iter_records(path):
        where = f"{path}:{line}"
        if not isinstance(task, dict) or not isinstance(task.get("text"), str):
            raise InputError(str(path), "a Prodigy task must be an object with a 'text' string", line)
        answer = task.get("answer")
        if answer is not None and answer not in STATUS_OF_ANSWER:
            raise InputError(str(path), f"unknown answer {answer!r}: Prodigy answers are accept, reject or ignore", line)
        ours = task.get("_annotator") if isinstance(task.get("_annotator"), dict) else {}
        meta = task.get("meta") or {}
        if not isinstance(meta, dict):
            raise InputError(str(path), "'meta' must be an object", line)
        meta = {k: v for k, v in meta.items() if k != ANSWER_KEY}
        if answer == "reject":
            meta[ANSWER_KEY] = "reject"
        doc = build_document(
            task["text"],
            {ENTITIES: _spans(task.get("spans"), path, line), SECTIONS: _spans(task.get("sections"), path, line)},
            where, title=ours.get("title"), url=ours.get("url"), meta=meta, doc_id=ours.get("id"),
        )
        if answer is not None:
            doc.status = STATUS_OF_ANSWER[answer]
        elif ours.get("status") in (Status.NEW.value, Status.IN_PROGRESS.value):
            doc.status = Status(ours["status"])
        tokens = _tokens(task.get("tokens"), task["text"], path, line)
        yield attach_tokens(doc, task["text"], tokens) if tokens else doc


def _tokens(items: Any, text: str, path: Path, line: int) -> list[tuple[int, int]]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise InputError(str(path), "'tokens' must be a list", line)
    out: list[tuple[int, int]] = []
    for t in items:
        if not (isinstance(t, dict) and isinstance(t.get("start"), int) and isinstance(t.get("end"), int)):
            raise InputError(str(path), f"a token needs integer 'start' and 'end', got {t!r}", line)
        if out and t["start"] < out[-1][1] or not 0 <= t["start"] <= t["end"] <= len(text):
            raise InputError(str(path), f"token {t!r} is out of order or outside the text (length {len(text)})", line)
        if t["start"] < t["end"]:
            out.append((t["start"], t["end"]))
    return out


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
    """Write one task per document, its answer from its status; returns the number written."""
    count = 0
    with atomic_file(out) as fh:
        for d in docs:
            fh.write(json_line(task_for(d)))
            count += 1
    return count


def task_for(d: Document) -> dict[str, Any]:
    art = d.article
    sdoc = token_doc(d)
    kept = source_indices(sdoc)
    number = {i: k for k, i in enumerate(kept)}  # token ids count source tokens only
    tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": number[t.i], "ws": bool(t.whitespace_)}
              for t in (sdoc[i] for i in kept)]

    def spans(layer: str) -> list[dict[str, Any]]:
        out = []
        for s in sorted(d.spans(layer)):
            sp = aligned_span(sdoc, s, art, layer)
            out.append({"start": s.start, "end": s.end, "token_start": number[sp.start], "token_end": number[sp.end - 1],
                        "label": s.label})
        return out

    ours = {"id": art.id, "status": d.status.value}
    ours.update({k: v for k, v in (("title", art.title), ("url", art.url)) if v is not None})
    task = {
        "text": art.text, "meta": {k: v for k, v in art.meta.items() if k not in HASH_KEYS and k != ANSWER_KEY},
        "tokens": tokens, "spans": spans(ENTITIES), "sections": spans(SECTIONS), "_annotator": ours,
    }
    answer = answer_of(d)
    if answer is not None:
        task["answer"] = answer
    return task


def sniff_prodigy(path: Path) -> bool:
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    rec = first_record(path)
    return isinstance(rec, dict) and ("_input_hash" in rec or ("spans" in rec and "tokens" in rec) or "_annotator" in rec)


register(Format("prodigy", "Prodigy JSONL tasks (ner.manual, ner.correct, spans.manual)",
                read=read_prodigy, write=write_prodigy, sniff=sniff_prodigy))
