"""The registry of interchange formats: reading and writing by format name.

Each format is one module of this package with ``read_<fmt>`` and ``write_<fmt>``. A reader
takes a path and yields :class:`~annotator.model.Document` objects; a writer takes documents,
the output path and the project's schema. ``detect`` picks a format from a path.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from annotator.errors import InputError
from annotator.io.readers import READERS, read_path
from annotator.model import Document
from annotator.schema import Schema
from exports.targets import exporting

ReadFn = Callable[[Path], Iterator[Document]]
WriteFn = Callable[..., object]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    read: ReadFn | None = None
    write: WriteFn | None = None
    sniff: Callable[[Path], bool] | None = None


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


def detect(path: Path) -> str:
    """The format of ``path``: from a format's sniffer, else the native readers (txt, jsonl, folders)."""
    for fmt in FORMATS.values():
        if fmt.sniff is not None and fmt.read is not None and fmt.sniff(path):
            return fmt.name
    return "native"


def read_any(path: str | Path, fmt: str | None = None, schema: Schema | None = None) -> Iterator[Document]:
    """Documents from ``path`` in format ``fmt`` (detected when None).

    Readers that can use the project schema (to tell entity labels from section types) get it.
    """
    path = Path(path)
    name = fmt or detect(path)
    if name == "native":
        yield from read_path(path)
        return
    spec = FORMATS.get(name)
    if spec is None or spec.read is None:
        readable = sorted(["native"] + [f.name for f in FORMATS.values() if f.read])
        raise InputError(str(path), f"cannot import format {name!r}; importable formats: {', '.join(readable)}")
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    if schema is not None and "schema" in inspect.signature(spec.read).parameters:
        yield from spec.read(path, schema=schema)  # type: ignore[call-arg]
    else:
        yield from spec.read(path)


def write_any(fmt: str, docs: Iterable[Document], out: str | Path, schema: Schema, *, force: bool = False,
              **options: object) -> object:
    """Write ``docs`` as ``fmt`` at ``out``. An existing file or folder there is replaced only when
    it is an earlier export of ``fmt`` (its sniffer says so, or the folder's export marker), or with
    ``force``; never a project file, symbolic link or device (see :mod:`exports.targets`)."""
    spec = FORMATS.get(fmt)
    if spec is None or spec.write is None:
        writable = sorted(f.name for f in FORMATS.values() if f.write)
        raise InputError(str(out), f"cannot export format {fmt!r}; exportable formats: {', '.join(writable)}")
    with exporting(fmt, spec.sniff, force):
        return spec.write(docs, Path(out), schema, **options)


def native_suffixes() -> list[str]:
    return sorted(READERS)
