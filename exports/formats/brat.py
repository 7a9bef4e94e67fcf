"""brat standoff: ``doc.txt`` with ``doc.ann`` beside it.

Reading: a folder (every ``.ann`` with its sibling ``.txt``, sorted), one ``.ann`` or one
``.txt``. Text-bound annotations (``T`` lines) become entities; a type starting with
``section-`` becomes a section of the rest of the name. Discontinuous spans
(``start end;start end``) are read as their hull, first start to last end: brat itself splits a
span at every line break, so this is what gives back a multi-line span. Relations (``R``),
events (``E``, and the ``T`` lines that are only their triggers), attributes (``A``/``M``), normalizations (``N``), equivalences (``*``) and notes
(``#``) are ignored. The name of the file goes into the article's meta as ``brat_file``. brat
allows overlapping text-bound annotations; the reader keeps them and the import refuses them
with the overlap named.

Writing: a folder with ``<name>.txt`` and ``.ann`` per article, sections as ``section-<type>``,
an ``annotation.conf`` listing the types, and a manifest (:mod:`brat_names`) mapping safe file
names and types back to article ids and labels, so both round trip whatever their characters.
Every span passes brat's own text check: the text after the offsets is exactly the marked text,
fragments joined by a space. A span is cut into fragments at line breaks (a ``.ann`` line cannot
hold one); a span that starts or ends with a line break gets an empty fragment at that edge, so
that its hull, which the reader takes, is the span again. Tabs are written as they are.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from annotator.errors import ExportError, InputError
from annotator.io.readers.text_file import read_utf8
from annotator.model import ENTITIES, SECTIONS, Document, Span
from annotator.schema import Schema
from exports.atomic import atomic_dir
from exports.common import build_document
from exports.formats.brat_names import MANIFEST, SafeNames
from exports.registry import Format, register

SECTION_PREFIX = "section-"


def read_brat(path: Path) -> Iterator[Document]:
    if path.is_dir():
        anns = sorted(p for p in path.rglob("*.ann") if not p.name.startswith("."))
        if not anns:
            raise InputError(str(path), "no .ann files in this folder")
    else:
        anns = [path.with_suffix(".ann")]
    manifests: dict[Path, dict[str, Any]] = {}
    for ann in anns:
        if ann.parent not in manifests:
            manifests[ann.parent] = _manifest(ann.parent)
        yield read_pair(ann, manifests[ann.parent])


def _manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an exported folder (empty for a folder from elsewhere)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(read_utf8(path))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg})", exc.lineno) from None
    if not (isinstance(data, dict) and isinstance(data.get("documents", {}), dict) and isinstance(data.get("types", {}), dict)):
        raise InputError(str(path), "a manifest is an object with 'documents' and 'types' objects")
    return data


def read_pair(ann: Path, manifest: dict[str, Any] | None = None) -> Document:
    txt = ann.with_suffix(".txt")
    if not txt.is_file():
        raise InputError(str(ann), f"no text file {txt.name} beside it")
    if not ann.is_file():
        raise InputError(str(txt), f"no annotation file {ann.name} beside it")
    text = read_utf8(txt)
    types = (manifest or {}).get("types", {})
    layers: dict[str, list[tuple[int, int, str]]] = {ENTITIES: [], SECTIONS: []}
    lines = read_utf8(ann).splitlines()
    triggers = {_trigger(line) for line in lines if line.startswith("E")}
    for number, line in enumerate(lines, start=1):
        if not line.startswith("T") or line.split("\t", 1)[0] in triggers:
            continue
        parts = line.split("\t")
        if len(parts) < 2 or " " not in parts[1]:
            raise InputError(str(ann), f"a text-bound annotation is 'T<n>\\tTYPE START END\\tTEXT', got {line!r}", number)
        kind, _, ranges = parts[1].partition(" ")
        try:
            pairs = [tuple(int(x) for x in frag.split()) for frag in ranges.split(";")]
        except ValueError:
            raise InputError(str(ann), f"offsets must be integers, got {ranges!r}", number) from None
        if any(len(p) != 2 for p in pairs):
            raise InputError(str(ann), f"offsets must be 'start end' pairs, got {ranges!r}", number)
        start, end = pairs[0][0], pairs[-1][1]
        if not (0 <= start < end <= len(text)):
            raise InputError(str(ann), f"span [{start}, {end}) {kind!r} is outside the text of {txt.name} (length {len(text)})", number)
        known = types.get(kind)
        if isinstance(known, dict) and known.get("layer") in layers and isinstance(known.get("label"), str):
            layers[known["layer"]].append((start, end, known["label"]))
        elif kind.startswith(SECTION_PREFIX):
            layers[SECTIONS].append((start, end, kind[len(SECTION_PREFIX):]))
        else:
            layers[ENTITIES].append((start, end, kind))
    doc_id = (manifest or {}).get("documents", {}).get(ann.stem)
    return build_document(text, layers, str(ann), meta={"brat_file": ann.stem}, check_overlap=False,
                          doc_id=doc_id if isinstance(doc_id, str) else None)


def _trigger(event_line: str) -> str:
    """The id of the text-bound trigger of an ``E`` line (``E1<TAB>Type:T3 Role:T4``)."""
    fields = event_line.split("\t")
    return fields[1].split()[0].partition(":")[2] if len(fields) > 1 and fields[1].split() else ""


LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where brat's line reading (str.splitlines) breaks


def fragments(text: str, s: Span) -> list[tuple[int, int]]:
    """The span as brat fragments: its runs between line breaks, plus an empty fragment at an edge
    that is a line break (so the hull is the span)."""
    frags: list[tuple[int, int]] = []
    run = s.start
    for i in range(s.start, s.end):
        if text[i] in LINE_BREAKS:
            if i > run:
                frags.append((run, i))
            run = i + 1
    if s.end > run:
        frags.append((run, s.end))
    if not frags or frags[0][0] != s.start:
        frags.insert(0, (s.start, s.start))
    if frags[-1][1] != s.end:
        frags.append((s.end, s.end))
    return frags


def kind_of(layer: str, label: str) -> str:
    """The brat type a label is named from: ``section-<type>`` for sections; an entity label that
    looks like one is set apart (its safe name then differs, and the manifest tells the layer)."""
    if layer == SECTIONS:
        return SECTION_PREFIX + label
    return "\x00" + label if label.startswith(SECTION_PREFIX) else label


def ann_lines(d: Document, types: SafeNames | None = None) -> list[str]:
    text, lines, n = d.article.text, [], 0
    types = types or SafeNames()
    for layer in (ENTITIES, SECTIONS):
        for s in sorted(d.spans(layer)):
            if not text[s.start:s.end].strip():
                raise ExportError(f"article {d.article.id}: {layer} span [{s.start}, {s.end}) {s.label} is only whitespace, "
                                  "which brat cannot show")
            n += 1
            frags = fragments(text, s)
            ranges = ";".join(f"{a} {b}" for a, b in frags)
            shown = " ".join(text[a:b] for a, b in frags)
            lines.append(f"T{n}\t{types(kind_of(layer, s.label))} {ranges}\t{shown}")
    return lines


def write_brat(docs: Iterable[Document], out: Path, schema: Schema, **opts: Any) -> int:
    """Write a brat folder; returns the number of documents written."""
    count = 0
    files, types = SafeNames(), SafeNames()
    layer_of = {kind_of(layer, name): (layer, name) for layer in (ENTITIES, SECTIONS) for name in schema.names(layer)}
    for kind in layer_of:  # schema types first: their names do not depend on the documents
        types(kind)
    with atomic_dir(out) as tmp:
        for d in docs:
            stem = files(d.article.id)
            (tmp / f"{stem}.txt").write_text(d.article.text, encoding="utf-8", newline="")
            body = "\n".join(ann_lines(d, types))
            (tmp / f"{stem}.ann").write_text(body + "\n" if body else "", encoding="utf-8", newline="")
            for layer in (ENTITIES, SECTIONS):
                for s in d.spans(layer):
                    layer_of.setdefault(kind_of(layer, s.label), (layer, s.label))
            count += 1
        conf = "[entities]\n" + "".join(f"{t}\n" for t in types.original) + "\n[relations]\n\n[events]\n\n[attributes]\n"
        (tmp / "annotation.conf").write_text(conf, encoding="utf-8")
        manifest = {"documents": files.original,
                    "types": {t: {"layer": layer_of[k][0], "label": layer_of[k][1]} for t, k in types.original.items()}}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return count


def sniff_brat(path: Path) -> bool:
    if path.is_file():
        return path.suffix.lower() == ".ann" or (path.suffix.lower() == ".txt" and path.with_suffix(".ann").is_file())
    if path.is_dir():
        return next(path.glob("*.ann"), None) is not None
    return False


register(Format("brat", "brat standoff (.txt + .ann, text-bound annotations)", read=read_brat, write=write_brat, sniff=sniff_brat))
