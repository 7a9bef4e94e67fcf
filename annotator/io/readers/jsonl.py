"""JSON Lines: one article per line.

Each line is an object with ``text`` and optionally ``id``, ``title``, ``url``, ``meta``,
``status`` and already annotated ``entities`` / ``sections`` as ``[{start, end, label}]``.
Offsets given against the raw text are mapped onto the normalized text.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from annotator.errors import InputError
from annotator.io.readers.text_file import read_utf8
from annotator.model import LAYERS, Article, Document, Span, Status, article_id, normalize_text


def read_jsonl(path: Path) -> Iterator[Document]:
    raw = read_utf8(path)
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    found = False
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not valid JSON ({exc.msg} at column {exc.colno})", number) from None
        except RecursionError:
            raise InputError(str(path), "the JSON is nested too deeply to read", number) from None
        found = True
        try:
            doc = parse_record(record, str(path), number)
        except UnicodeEncodeError as exc:  # a "\ud800" escape: no text can hold it
            bad = ord(exc.object[exc.start])
            raise InputError(str(path), f"contains an unpaired surrogate (U+{bad:04X}): not valid Unicode text", number) from None
        yield doc
    if not found:
        raise InputError(str(path), "the file holds no records")


def parse_record(record: Any, path: str, line: int) -> Document:
    """One JSONL record as a document; raises :class:`InputError` naming ``path:line``."""
    if not isinstance(record, dict):
        raise InputError(path, "a record must be a JSON object", line)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(path, "the record has no 'text' string", line)
    norm = normalize_text(text)
    if not norm.text.strip():
        raise InputError(path, "the record's text is empty", line)
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(path, "'meta' must be a JSON object", line)
    doc = Document(
        Article(_opt_str(record, "id", path, line) or article_id(norm.text), norm.text,
                _opt_str(record, "title", path, line), _opt_str(record, "url", path, line), meta),
        source=f"{path}:{line}",
    )
    if "status" in record:
        try:
            doc.status = Status(record["status"])
        except ValueError:
            raise InputError(path, f"unknown status {record['status']!r}; use one of {', '.join(s.value for s in Status)}", line) from None
    for layer in LAYERS:
        doc.spans(layer).extend(_spans(record.get(layer) or [], layer, len(text), norm, path, line))
    return doc


def _spans(items: Any, layer: str, raw_len: int, norm: Any, path: str, line: int) -> list[Span]:
    if not isinstance(items, list):
        raise InputError(path, f"'{layer}' must be a list of {{start, end, label}}", line)
    out: list[Span] = []
    for item in items:
        if isinstance(item, (list, tuple)) and len(item) == 3:
            item = {"start": item[0], "end": item[1], "label": item[2]}
        if not (isinstance(item, dict) and isinstance(item.get("start"), int) and isinstance(item.get("end"), int)
                and isinstance(item.get("label"), str)):
            raise InputError(path, f"a {layer} span must be {{start, end, label}} with integer offsets, got {item!r}", line)
        start, end = item["start"], item["end"]
        if not (0 <= start < end <= raw_len):
            raise InputError(path, f"{layer} span [{start}, {end}) {item['label']!r} is outside the text (length {raw_len})", line)
        out.append(Span(norm.offset(start), norm.offset(end), item["label"]))
    return out


def _opt_str(record: dict[str, Any], key: str, path: str, line: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and key == "id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(path, f"'{key}' must be a string", line)
    return value
