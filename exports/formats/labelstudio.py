"""Label Studio JSON: a list of tasks with ``annotations`` and ``predictions``.

Statuses map both ways: only ``done`` articles are annotations; a ``skipped`` one is an annotation
with ``was_cancelled: true`` (Label Studio's skip); ``new`` / ``in_progress`` work with spans is
a draft (``drafts``), never an annotation; the model's suggestions are ``predictions``. Reading
maps back the same way (``data.status``, which we write, wins when present).

Reading: ``data.text`` (or option ``text_key``) is the text; the first annotation that was not
cancelled (``completions`` in old exports) gives the spans, else a cancelled one, else the first
draft; every prediction's regions become suggestions, with the region's ``score`` or else the
prediction's. The layer of a region comes from its label: with the project ``schema`` given, a
label that is a section type goes to sections, an entity label to entities, and any other label
is an :class:`InputError` naming the task; without a schema, ``from_name`` ``section``/``sections``
means sections, anything else entities. Offsets are code points (Label Studio stores those since
1.0); when a region's ``text`` shows UTF-16 offsets instead, they are converted. Relations and
choices are ignored.

Writing: one task per article, entities under the control ``label`` and sections under
``section``, written first and last in each result; the labeling config with those two controls
(:func:`labeling_config`) is written beside the tasks as ``<name>.config.xml``. Label Studio's
CoNLL converter takes the first ``Labels`` control of a result, so an article without entities
would give section tags: convert with the ``label`` control alone (see the README).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator
from xml.sax.saxutils import quoteattr

from annotator.errors import InputError
from annotator.io.readers.text_file import read_utf8
from annotator.model import ENTITIES, SECTIONS, Document, Span, Status, Suggestion, normalize_text
from annotator.schema import Schema
from exports.common import atomic_file, build_document, head
from exports.registry import Format, register

FROM_NAME = {ENTITIES: "label", SECTIONS: "section"}
SECTION_NAMES = ("section", "sections")


def read_labelstudio(path: Path, schema: Schema | None = None, text_key: str = "text") -> Iterator[Document]:
    try:
        tasks = json.loads(read_utf8(path).lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg})", exc.lineno) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list) or not tasks:
        raise InputError(str(path), "a Label Studio export is a non-empty list of tasks")
    for i, task in enumerate(tasks, start=1):
        yield _task(task, path, f"{path}:task {i}", schema, text_key)


def _task(task: Any, path: Path, where: str, schema: Schema | None, text_key: str) -> Document:
    data = task.get("data") if isinstance(task, dict) else None
    if not isinstance(data, dict):
        raise InputError(where, "a task needs a 'data' object")
    text = data.get(text_key)
    if text is None:
        strings = [v for v in data.values() if isinstance(v, str)]
        text = strings[0] if len(strings) == 1 else None
    if not isinstance(text, str):
        raise InputError(where, f"the task has no data.{text_key} string")
    given = [a for a in task.get("annotations") or task.get("completions") or [] if isinstance(a, dict)]
    annotations = [a for a in given if not (a.get("was_cancelled") or a.get("skipped"))]
    cancelled = [a for a in given if a.get("was_cancelled") or a.get("skipped")]
    drafts = [a for a in task.get("drafts") or [] if isinstance(a, dict)]
    layers: dict[str, list[tuple[int, int, str]]] = {ENTITIES: [], SECTIONS: []}
    source = (annotations or cancelled or drafts or [None])[0]
    if source is not None:
        for layer, start, end, label, _ in _regions(source, text, where, schema):
            layers[layer].append((start, end, label))
    doc = build_document(text, layers, where, title=_s(data.get("title")), url=_s(data.get("url")),
                         meta=data.get("meta") if isinstance(data.get("meta"), dict) else {},
                         doc_id=_s(data.get("article_id")))
    norm = normalize_text(text)
    for pred in task.get("predictions") or []:
        if not isinstance(pred, dict):
            continue
        for layer, start, end, label, score in _regions(pred, text, where, schema):
            s = score if score is not None else pred.get("score")
            doc.suggestions(layer).append(
                Suggestion(norm.offset(start), norm.offset(end), label, float(s) if isinstance(s, (int, float)) else None))
    if data.get("status") in {s.value for s in Status}:
        doc.status = Status(data["status"])
    elif annotations:
        doc.status = Status.DONE
    elif cancelled:
        doc.status = Status.SKIPPED
    elif drafts:
        doc.status = Status.IN_PROGRESS
    return doc


def _regions(block: dict[str, Any], text: str, where: str, schema: Schema | None) -> Iterator[tuple[str, int, int, str, Any]]:
    for item in block.get("result") or []:
        if not isinstance(item, dict) or item.get("type") != "labels":
            continue  # relations, choices, text areas: not spans
        value = item.get("value") or {}
        labels = value.get("labels") or []
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and len(labels) == 1 and isinstance(labels[0], str)):
            raise InputError(where, f"region {item.get('id')!r} needs integer start/end and exactly one label, got {value!r}")
        start, end = _code_points(text, start, end, value.get("text"))
        yield _layer(labels[0], item.get("from_name"), where, schema), start, end, labels[0], item.get("score")


def _code_points(text: str, start: int, end: int, expected: Any) -> tuple[int, int]:
    if not isinstance(expected, str) or text[start:end] == expected:
        return start, end
    units = text.encode("utf-16-le")
    try:
        s16 = len(units[: 2 * start].decode("utf-16-le"))
        e16 = len(units[: 2 * end].decode("utf-16-le"))
    except UnicodeDecodeError:
        return start, end
    return (s16, e16) if text[s16:e16] == expected else (start, end)


def _layer(label: str, from_name: Any, where: str, schema: Schema | None) -> str:
    if schema is None:
        return SECTIONS if from_name in SECTION_NAMES else ENTITIES
    in_sections, in_entities = schema.has(SECTIONS, label), schema.has(ENTITIES, label)
    if in_sections and (from_name in SECTION_NAMES or not in_entities):
        return SECTIONS
    if in_entities:
        return ENTITIES
    raise InputError(where, f"label {label!r} is neither an entity label ({', '.join(schema.names(ENTITIES))}) "
                            f"nor a section type of the project; add it to the schema first")


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _result(spans: Iterable[Span | Suggestion], layer: str, text: str, scored: bool) -> list[dict[str, Any]]:
    out = []
    for i, s in enumerate(sorted(spans)):
        item: dict[str, Any] = {"id": f"{layer[0]}{i}", "from_name": FROM_NAME[layer], "to_name": "text", "type": "labels",
                                "value": {"start": s.start, "end": s.end, "text": text[s.start:s.end], "labels": [s.label]}}
        if scored and getattr(s, "score", None) is not None:
            item["score"] = s.score  # type: ignore[union-attr]
        out.append(item)
    return out


def task_for(d: Document, index: int) -> dict[str, Any]:
    art = d.article
    task: dict[str, Any] = {"id": index, "data": {"text": art.text, "article_id": art.id, "title": art.title, "url": art.url,
                                                  "status": d.status.value, "meta": dict(art.meta)}}
    result = _result(d.entities, ENTITIES, art.text, False) + _result(d.sections, SECTIONS, art.text, False)
    if d.status in (Status.DONE, Status.SKIPPED):
        task["annotations"] = [{"result": result, "was_cancelled": d.status == Status.SKIPPED}]
    elif result:
        task["drafts"] = [{"result": result}]
    if d.entities_suggested or d.sections_suggested:
        task["predictions"] = [{"model_version": "annotator", "result": _result(d.entities_suggested, ENTITIES, art.text, True)
                                + _result(d.sections_suggested, SECTIONS, art.text, True)}]
    return task


def write_labelstudio(docs: Iterable[Document], out: Path, schema: Schema, **opts: Any) -> int:
    """Write a JSON list of tasks (streamed, one task per line) and the labeling config beside it;
    returns the number of tasks written."""
    count = 0
    with atomic_file(config_path(out)) as fh:
        fh.write(labeling_config(schema) + "\n")
    with atomic_file(out) as fh:
        fh.write("[\n")
        for d in docs:
            fh.write((",\n" if count else "") + json.dumps(task_for(d, count + 1), ensure_ascii=False))
            count += 1
        fh.write("\n]\n")
    return count


def config_path(out: Path) -> Path:
    """Where the labeling config of the tasks file ``out`` goes."""
    return out.with_name(f"{out.stem}.config.xml")


def labeling_config(schema: Schema) -> str:
    """The Label Studio labeling config that matches what :func:`write_labelstudio` writes."""
    def labels(layer: str) -> str:
        return "".join(f'<Label value={quoteattr(l.name)} background={quoteattr(l.color)}/>' for l in schema.labels(layer))
    return (f'<View><Labels name="label" toName="text">{labels(ENTITIES)}</Labels>'
            f'<Labels name="section" toName="text">{labels(SECTIONS)}</Labels><Text name="text" value="$text"/></View>')


def sniff_labelstudio(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() != ".json":
        return False
    start = head(path).lstrip()
    return start[:1] in ("[", "{") and '"data"' in start


register(Format("labelstudio", "Label Studio JSON tasks (annotations and predictions)",
                read=read_labelstudio, write=write_labelstudio, sniff=sniff_labelstudio))
