"""Readers turn input files into :class:`~annotator.model.Document` objects.

``read_path`` dispatches on the extension; folders are read recursively, in sorted order.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from annotator.errors import InputError
from annotator.io.readers.html import read_html
from annotator.io.readers.jsonl import read_jsonl
from annotator.io.readers.txt import read_txt
from annotator.model import Document

Reader = Callable[[Path], Iterator[Document]]

READERS: dict[str, Reader] = {".txt": read_txt, ".jsonl": read_jsonl, ".html": read_html, ".htm": read_html}


def register_reader(suffix: str, reader: Reader) -> None:
    """Make ``read_path`` read files ending in ``suffix`` with ``reader``."""
    READERS[suffix.lower()] = reader


def read_path(path: str | Path) -> Iterator[Document]:
    """Documents from one file, or from every readable file below a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS and not p.name.startswith("."))
        for f in files:
            yield from READERS[f.suffix.lower()](f)
        return
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; readable: {', '.join(sorted(READERS))}")
    yield from reader(path)


__all__ = ["READERS", "read_html", "read_path", "read_jsonl", "read_txt", "register_reader"]
