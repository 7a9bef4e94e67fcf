"""spaCy DocBin (``.spacy``): what ``spacy train`` reads.

Each article's tokens are its source tokens (a DocBin's own tokens are kept at import, with its
sentence starts when it has them), else the project tokenizer's; ``doc.ents`` are its entities and
``doc.spans["sections"]`` its sections. ``user_data`` keeps the article's ``id``, ``title``,
``url``, ``status`` and ``meta``. A span not on token boundaries is an :class:`ExportError`
naming the article and span. Suggestions are not written (training data holds final spans).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.tokens import DocBin

from annotator.errors import InputError
from annotator.model import ENTITIES, SECTIONS, Document, Status
from annotator.nlp.tokenizer import blank_pipeline
from annotator.schema import Schema
from exports.common import aligned_span, atomic_file, build_document, check_inflated_size
from exports.source_docs import GAPS, attach_tokens, token_doc
from exports.registry import Format, register

SECTIONS_KEY = "sections"


def read_spacy(path: Path) -> Iterator[Document]:
    check_inflated_size(path)
    try:
        docbin = DocBin().from_disk(path)
    except Exception as exc:  # DocBin raises bare ValueErrors / msgpack errors on foreign files
        raise InputError(str(path), f"not a spaCy DocBin file ({exc})") from None
    for i, sdoc in enumerate(docbin.get_docs(blank_pipeline().vocab), start=1):
        data = sdoc.user_data or {}
        layers = {
            ENTITIES: [(e.start_char, e.end_char, e.label_) for e in sdoc.ents],
            SECTIONS: [(s.start_char, s.end_char, s.label_) for s in sdoc.spans.get(SECTIONS_KEY, [])],
        }
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        doc = build_document(sdoc.text, layers, f"{path}:{i}", title=data.get("title"), url=data.get("url"),
                             meta=meta, doc_id=data.get("id"))
        if data.get("status") in {s.value for s in Status}:
            doc.status = Status(data["status"])
        starts = [0] + [s.start for s in sdoc.sents][1:] if sdoc.has_annotation("SENT_START") else [0]
        yield attach_tokens(doc, sdoc.text, [(t.idx, t.idx + len(t)) for t in sdoc], starts)


def write_spacy(docs: Iterable[Document], out: Path, schema: Schema, **opts: Any) -> int:
    """Write a DocBin of every document; returns the number written."""
    docbin = DocBin(store_user_data=True)
    count = 0
    for d in docs:
        art = d.article
        sdoc = token_doc(d)
        sdoc.user_data.pop(GAPS, None)
        sdoc.ents = [aligned_span(sdoc, s, art, ENTITIES) for s in sorted(d.entities)]
        sdoc.spans[SECTIONS_KEY] = [aligned_span(sdoc, s, art, SECTIONS) for s in sorted(d.sections)]
        sdoc.user_data.update({"id": art.id, "title": art.title, "url": art.url, "status": d.status.value,
                               "meta": dict(art.meta)})
        docbin.add(sdoc)
        count += 1
    with atomic_file(out, "wb") as fh:
        fh.write(docbin.to_bytes())
    return count


def sniff_spacy(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".spacy"


register(Format("spacy", "spaCy DocBin (.spacy) for spacy train", read=read_spacy, write=write_spacy, sniff=sniff_spacy))
