"""CoNLL NER columns: IOB1, IOB2 and BILOU in, IOB2 out.

Reading: the token is the first column and the tag the last (columns split at tabs, else at any
whitespace); spaCy's one-sentence-per-line ``token|...|TAG`` form (``.iob``) is read too.
``-DOCSTART-`` separates documents, blank lines separate sentences. The tagging scheme needs no
option: one tolerant decoder reads all three (``I-X`` after ``O`` or another type opens an
entity, as IOB1 wants; ``L-``/``E-`` close one, ``U-``/``S-`` are single tokens). The text is
rebuilt with tokens joined by one space and sentences by a newline; entities land on the rebuilt
offsets. A tag that is not ``O`` or ``[BIELUS]-TYPE`` is an :class:`InputError` naming the line.

Reading keeps the file's tokens and sentences as the article's tokens
(:mod:`annotator.store.source_tokens`). Writing: ``token -X- _ TAG`` in IOB2; an article's source
tokens and sentences as they came, else the project tokenizer's tokens (whitespace tokens
dropped), a blank line between sentences (at newlines and after ``.``/``!``/``?``, never inside an
entity) and ``-DOCSTART- -X- -X- O`` before each document.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc
from spacy.training import biluo_to_iob, offsets_to_biluo_tags

from annotator.errors import ExportError, InputError
from annotator.io.readers.text_file import read_utf8
from annotator.model import ENTITIES, Document
from annotator.schema import Schema
from exports.common import aligned_span, atomic_file, build_document, head
from exports.source_docs import attach_tokens, source_indices, token_doc
from exports.registry import Format, register

TAG = re.compile(r"^(O|[BIELUS]-\S+)$")
DOCSTART = "-DOCSTART-"
SENTENCE_ENDS = {".", "!", "?"}
SUFFIXES = (".conll", ".iob", ".bio", ".iob2", ".bilou", ".conll03")

Sentence = list[tuple[str, str, int]]  # (token, tag, line)


def read_conll(path: Path) -> Iterator[Document]:
    lines = read_utf8(path).lstrip("\ufeff").splitlines()
    docs: list[list[Sentence]] = [[]]
    starts = [1]
    current: Sentence = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith(DOCSTART):
            if current:
                docs[-1].append(current)
                current = []
            if docs[-1]:
                docs.append([])
                starts.append(number)
            else:
                starts[-1] = number
            continue
        if not line:
            if current:
                docs[-1].append(current)
                current = []
            continue
        fields = line.split("\t") if "\t" in line else line.split()
        if "|" not in fields[-1] or "\t" in line:
            current.append(_token(fields, path, number))
        else:  # token|...|TAG, one sentence per line (spaCy's .iob)
            if current:
                docs[-1].append(current)
                current = []
            docs[-1].append([_token(item.split("|"), path, number) for item in line.split()])
    if current:
        docs[-1].append(current)
    found = False
    for k, (sentences, start) in enumerate(zip(docs, starts), start=1):
        if sentences:
            found = True
            yield _document(sentences, f"{path}:{start}", k)
    if not found:
        raise InputError(str(path), "the file holds no tokens")


def _token(fields: list[str], path: Path, line: int) -> tuple[str, str, int]:
    fields = [f.strip() for f in fields]
    if len(fields) < 2 or not fields[0]:
        raise InputError(str(path), f"expected a token and a tag, got {' '.join(fields)!r}", line)
    tag = fields[-1]
    if not TAG.match(tag):
        raise InputError(str(path), f"unknown tag {tag!r}: tags are O or B-/I-/L-/U-/E-/S- followed by a type", line)
    return fields[0], tag, line


def _document(sentences: list[Sentence], source: str, index: int) -> Document:
    parts: list[str] = []
    entities: list[tuple[int, int, str]] = []
    tokens: list[tuple[int, int]] = []
    sentence_starts: list[int] = []
    offset = 0
    for si, sentence in enumerate(sentences):
        if si:
            parts.append("\n")
            offset += 1
        sentence_starts.append(len(tokens))
        open_: tuple[int, int, str] | None = None  # start, end, type
        for ti, (token, tag, _line) in enumerate(sentence):
            if ti:
                parts.append(" ")
                offset += 1
            start, end = offset, offset + len(token)
            parts.append(token)
            tokens.append((start, end))
            offset = end
            prefix, _, kind = tag.partition("-")
            if prefix == "O" or prefix in "BUS" or (prefix in "ILE" and (open_ is None or open_[2] != kind)):
                if open_:
                    entities.append(open_)
                open_ = None if prefix == "O" else (start, end, kind)
            else:
                open_ = (open_[0], end, kind)  # type: ignore[index]
            if prefix in "LEUS" and open_:
                entities.append(open_)
                open_ = None
        if open_:
            entities.append(open_)
    text = "".join(parts)
    doc = build_document(text, {ENTITIES: entities}, source, meta={"conll_document": index})
    return attach_tokens(doc, text, tokens, sentence_starts)


def write_conll(docs: Iterable[Document], out: Path, schema: Schema, **opts: Any) -> int:
    """Write every document as IOB2 columns; returns the number written."""
    count = 0
    with atomic_file(out) as fh:
        for d in docs:
            fh.write(f"{DOCSTART} -X- -X- O\n\n")
            for sentence in sentences_of(d):
                fh.write("".join(f"{tok} -X- _ {tag}\n" for tok, tag in sentence))
                fh.write("\n")
            count += 1
    return count


def sentences_of(d: Document) -> list[list[tuple[str, str]]]:
    """The document's (token, IOB2 tag) pairs, split into sentences; whitespace tokens dropped.

    Source tokens go out as they came in, split at their own sentence breaks."""
    art = d.article
    sdoc = token_doc(d)
    for s in d.entities:
        aligned_span(sdoc, s, art, ENTITIES)
    tags = biluo_to_iob(offsets_to_biluo_tags(sdoc, [(s.start, s.end, s.label) for s in d.entities]))
    if "-" in tags:
        raise ExportError(f"article {art.id}: an entity does not fall on token boundaries")
    if d.tokens is not None and len(d.tokens):
        return _source_sentences(sdoc, tags, art.id)
    sentences: list[list[tuple[str, str]]] = [[]]
    for i, token in enumerate(sdoc):
        following = next((tags[j] for j in range(i + 1, len(sdoc)) if not sdoc[j].is_space), "O")
        boundary_ok = not following.startswith("I-")
        if token.text.isspace():
            if "\n" in token.text and boundary_ok and sentences[-1]:
                sentences.append([])
            continue
        if any(c.isspace() for c in token.text):
            raise ExportError(f"article {art.id}: token {token.text!r} at {token.idx} holds whitespace; CoNLL cannot")
        sentences[-1].append((token.text, tags[i]))
        if token.text in SENTENCE_ENDS and boundary_ok:
            sentences.append([])
    return [s for s in sentences if s]


def _source_sentences(sdoc: Doc, tags: list[str], article: str) -> list[list[tuple[str, str]]]:
    keep = set(source_indices(sdoc))
    sentences: list[list[tuple[str, str]]] = []
    for sent in sdoc.sents:
        row = [(t.text, tags[t.i]) for t in sent if t.i in keep and not t.text.isspace()]
        for t in sent:
            if t.i in keep and not t.text.isspace() and any(c.isspace() for c in t.text):
                raise ExportError(f"article {article}: token {t.text!r} at {t.idx} holds whitespace; CoNLL cannot")
        if row:
            sentences.append(row)
    return sentences


def sniff_conll(path: Path) -> bool:
    """CoNLL by extension, or a ``.txt`` that opens with ``-DOCSTART-`` or with five
    ``token ... TAG`` lines."""
    if not path.is_file():
        return False
    if path.suffix.lower() in SUFFIXES:
        return True
    if path.suffix.lower() != ".txt":
        return False
    start = head(path, 1024)
    if start.startswith(DOCSTART):
        return True
    lines = [line.split() for line in start.splitlines()[:-1] if line.strip()][:5]
    return len(lines) == 5 and all(len(f) >= 2 and TAG.match(f[-1]) for f in lines)


register(Format("conll", "CoNLL NER columns (IOB1/IOB2/BILOU in, IOB2 out)", read=read_conll, write=write_conll, sniff=sniff_conll))
