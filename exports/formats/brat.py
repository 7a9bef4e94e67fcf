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

Writing: a folder with ``<article id>.txt`` and ``.ann`` per article, sections as
``section-<type>`` split at line breaks, and an ``annotation.conf`` listing the types.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from annotator.errors import InputError
from annotator.io.readers.text_file import read_utf8
from annotator.model import ENTITIES, SECTIONS, Document, Span
from annotator.schema import Schema
from exports.atomic import atomic_dir
from exports.common import build_document
from exports.registry import Format, register

SECTION_PREFIX = "section-"


def read_brat(path: Path) -> Iterator[Document]:
    if path.is_dir():
        anns = sorted(p for p in path.rglob("*.ann") if not p.name.startswith("."))
        if not anns:
            raise InputError(str(path), "no .ann files in this folder")
    else:
        anns = [path.with_suffix(".ann")]
    for ann in anns:
        yield read_pair(ann)


def read_pair(ann: Path) -> Document:
    txt = ann.with_suffix(".txt")
    if not txt.is_file():
        raise InputError(str(ann), f"no text file {txt.name} beside it")
    if not ann.is_file():
        raise InputError(str(txt), f"no annotation file {ann.name} beside it")
    text = read_utf8(txt)
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
        if kind.startswith(SECTION_PREFIX):
            layers[SECTIONS].append((start, end, kind[len(SECTION_PREFIX):]))
        else:
            layers[ENTITIES].append((start, end, kind))
    return build_document(text, layers, str(ann), meta={"brat_file": ann.stem}, check_overlap=False)


def _trigger(event_line: str) -> str:
    """The id of the text-bound trigger of an ``E`` line (``E1<TAB>Type:T3 Role:T4``)."""
    fields = event_line.split("\t")
    return fields[1].split()[0].partition(":")[2] if len(fields) > 1 and fields[1].split() else ""


def _line_fragments(text: str, s: Span) -> list[tuple[int, int]]:
    frags, pos = [], s.start
    for piece in text[s.start:s.end].split("\n"):
        a, b = pos, pos + len(piece)
        if text[a:b].strip():
            lead = len(piece) - len(piece.lstrip())
            frags.append((a + lead, b - (len(piece) - len(piece.rstrip()))))
        pos = b + 1
    if frags:  # keep the exact outer edges so the hull reads back as the span
        frags[0] = (s.start, frags[0][1])
        frags[-1] = (frags[-1][0], s.end)
    return frags or [(s.start, s.end)]


def ann_lines(d: Document) -> list[str]:
    text, lines, n = d.article.text, [], 0
    for layer, prefix in ((ENTITIES, ""), (SECTIONS, SECTION_PREFIX)):
        for s in sorted(d.spans(layer)):
            n += 1
            frags = _line_fragments(text, s)
            ranges = ";".join(f"{a} {b}" for a, b in frags)
            shown = " ".join(text[a:b] for a, b in frags).replace("\n", " ").replace("\t", " ")
            lines.append(f"T{n}\t{prefix}{s.label} {ranges}\t{shown}")
    return lines


def write_brat(docs: Iterable[Document], out: Path, schema: Schema, **opts: Any) -> int:
    """Write a brat folder; returns the number of documents written."""
    count = 0
    with atomic_dir(out) as tmp:
        for d in docs:
            stem = d.article.id
            (tmp / f"{stem}.txt").write_text(d.article.text, encoding="utf-8", newline="")
            body = "\n".join(ann_lines(d))
            (tmp / f"{stem}.ann").write_text(body + "\n" if body else "", encoding="utf-8", newline="")
            count += 1
        types = schema.names(ENTITIES) + [SECTION_PREFIX + name for name in schema.names(SECTIONS)]
        conf = "[entities]\n" + "".join(f"{t}\n" for t in types) + "\n[relations]\n\n[events]\n\n[attributes]\n"
        (tmp / "annotation.conf").write_text(conf, encoding="utf-8")
    return count


def sniff_brat(path: Path) -> bool:
    if path.is_file():
        return path.suffix.lower() == ".ann" or (path.suffix.lower() == ".txt" and path.with_suffix(".ann").is_file())
    if path.is_dir():
        return next(path.glob("*.ann"), None) is not None
    return False


register(Format("brat", "brat standoff (.txt + .ann, text-bound annotations)", read=read_brat, write=write_brat, sniff=sniff_brat))
