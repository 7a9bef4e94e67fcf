"""Helpers shared by the interchange formats: JSON records with line numbers, building documents
from raw text and offsets, token alignment for the token-based formats, and atomic writes."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from annotator.errors import ExportError, InputError, SpanError
from annotator.io.importing import check_no_overlap
from annotator.io.readers.text_file import read_utf8
from annotator.model import Article, Document, NormalizedText, Span, article_id, normalize_text
from annotator.nlp.tokenizer import blank_pipeline
from annotator.store.durable import fsync_dir
from exports.targets import check_file

SNIFF_BYTES = 4096


def head(path: Path, size: int = SNIFF_BYTES) -> str:
    """The first ``size`` bytes of a file as text (for sniffers); '' when unreadable."""
    try:
        with open(path, "rb") as fh:
            return fh.read(size).decode("utf-8", errors="ignore").lstrip("\ufeff")
    except OSError:
        return ""


def first_record(path: Path) -> Any:
    """The first JSON value of a JSONL file, parsed from its head; None when it cannot be parsed."""
    text = head(path, 65536).lstrip()
    try:
        value, _ = json.JSONDecoder().raw_decode(text)
    except ValueError:
        return None
    return value


def iter_records(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line, value)`` for each JSON value of a file: JSON Lines or pretty-printed objects one
    after the other (doccano exports both). Raises :class:`InputError` naming the line."""
    raw = read_utf8(path).lstrip("\ufeff")
    decoder = json.JSONDecoder()
    pos, n, found = 0, len(raw), False
    line, counted = 1, 0  # lines are counted from the last record on: linear in the file, not quadratic
    while True:
        while pos < n and raw[pos] in " \t\r\n":
            pos += 1
        if pos >= n:
            break
        line += raw.count("\n", counted, pos)
        counted = pos
        try:
            value, pos = decoder.raw_decode(raw, pos)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not valid JSON ({exc.msg})", line + raw.count("\n", counted, exc.pos)) from None
        found = True
        yield line, value
    if not found:
        raise InputError(str(path), "the file holds no records")


MAX_INFLATED_BYTES = 1 << 30  # 1 GiB: a DocBin of some 40,000 news articles (seven 8-byte attributes a token)


def check_inflated_size(path: Path, limit: int = MAX_INFLATED_BYTES) -> None:
    """Refuse a zlib-compressed file (a ``.spacy`` DocBin) that would inflate past ``limit`` bytes,
    counting in bounded steps before anything is decompressed in one piece (a zip bomb)."""
    import zlib

    inflate, total = zlib.decompressobj(), 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                while chunk:
                    total += len(inflate.decompress(chunk, 1 << 24))
                    chunk = inflate.unconsumed_tail
                    if total > limit:
                        raise InputError(str(path), f"decompresses to more than {limit:,} bytes; refused before "
                                                    "decompressing it (split the data into smaller files)")
    except zlib.error as exc:
        raise InputError(str(path), f"not a spaCy DocBin file (not zlib data: {exc})") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None


def build_document(raw_text: str, layers: dict[str, Iterable[tuple[int, int, str]]], source: str,
                   *, title: str | None = None, url: str | None = None, meta: dict[str, Any] | None = None,
                   doc_id: str | None = None, check_overlap: bool = True) -> Document:
    """A document from raw text and spans given against it: the text is normalized, offsets are
    mapped, and spans outside the text or overlapping within a layer raise :class:`InputError`."""
    path, _, line = source.rpartition(":")
    where = (path, int(line)) if path and line.isdigit() else (source, None)
    norm: NormalizedText = normalize_text(raw_text)
    if not norm.text.strip():
        raise InputError(where[0], "the text is empty", where[1])
    doc = Document(Article(doc_id or article_id(norm.text), norm.text, title, url, dict(meta or {})), source=source)
    for layer, spans in layers.items():
        out = doc.spans(layer)
        for start, end, label in spans:
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw_text)):
                raise InputError(where[0], f"{layer} span [{start}, {end}) {label!r} is outside the text (length {len(raw_text)})", where[1])
            out.append(Span(norm.offset(start), norm.offset(end), str(label)))
        out.sort()
        if check_overlap:
            try:
                check_no_overlap(out, layer)
            except SpanError as exc:
                raise InputError(where[0], f"{exc}; this format's {layer} cannot overlap in a project", where[1]) from None
    return doc


def project_doc(text: str) -> Doc:
    """The text tokenized with the project tokenizer."""
    return blank_pipeline().make_doc(text)


def aligned_span(doc: Doc, span: Span, article: Article, layer: str) -> Any:
    """``doc.char_span`` for ``span``, or :class:`ExportError` naming article and span."""
    sp = doc.char_span(span.start, span.end, label=span.label)
    if sp is None:
        raise ExportError(
            f"article {article.id}: {layer} span [{span.start}, {span.end}) {span.label} "
            f"{article.text[span.start:span.end]!r} is not on token boundaries; "
            f"run `annotator check PROJECT --fix` to snap it"
        )
    return sp


@contextmanager
def atomic_file(out: Path, mode: str = "w") -> Iterator[Any]:
    """A file handle whose content replaces ``out`` only when the block succeeds.

    ``out`` is checked first and again just before the rename (:func:`exports.targets.check_file`:
    never a project, link, folder or device; an existing file only if it is an earlier export of
    the same format); the content is fsynced before the rename and the folder after it.
    """
    out = Path(out)
    check_file(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())
    try:
        with open(tmp, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "") as fh:
            try:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as exc:  # a full disk
                raise ExportError(f"{out}: cannot write the export ({exc.strerror}); nothing was changed") from None
        check_file(out)
        os.replace(tmp, out)
        fsync_dir(out.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
