"""The one import path of every interface: files of any format into a project.

The command line, the desktop app and the demo all call :func:`import_paths`; it reads each path
with the format registry (native readers plus every interchange format) and adds the documents
in one transaction through :func:`annotator.io.importing.import_documents`, so a bad file or a
cancel leaves the project exactly as it was.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

import exports.all_formats  # noqa: F401  (registers the interchange formats)
from annotator.errors import Cancelled, InputError
from annotator.io.importing import ImportResult, import_documents
from annotator.model import LAYERS, Document, Span, Suggestion
from annotator.store.identity import check_name
from annotator.store.project import Project
from exports.registry import read_any

Progress = Callable[[int, int], None]  # (documents read so far, total or 0 when unknown)
ShouldStop = Callable[[], bool]


def import_paths(project: Project, paths: Iterable[str | Path], fmt: str | None = None, *,
                 label_map: dict[str, str] | None = None, progress: Progress | None = None,
                 should_stop: ShouldStop | None = None, annotator: str | None = None) -> ImportResult:
    """Import every path in one transaction: all of them land, or none.

    ``label_map`` renames labels on the way in (``{"LOCATION": "LOC"}``); ``progress`` is called
    after each document; ``should_stop`` returning True raises :class:`Cancelled` (rolling back).
    ``annotator`` is recorded as the author of the imported annotations (default: the file's own,
    else the project's annotator for documents that come with annotations).
    """
    name = check_name(annotator, "--annotator") if annotator else None
    def docs() -> Iterator[Document]:
        n = 0
        for path in paths:
            for doc in _read(path, fmt, project):
                if should_stop is not None and should_stop():
                    raise Cancelled()
                if name or (doc.annotator is None and any(doc.spans(layer) for layer in LAYERS)):
                    doc.annotator = name or project.annotator
                yield rename_labels(doc, label_map) if label_map else doc
                n += 1
                if progress is not None:
                    progress(n, 0)

    return import_documents(project, docs())


_UNEXPECTED = (AttributeError, TypeError, KeyError, IndexError, ValueError)


def _read(path: str | Path, fmt: str | None, project: Project) -> Iterator[Document]:
    """The documents of one path; a reader tripping over content it did not expect (a list where an
    object goes) becomes an :class:`InputError` naming the file, not an "unexpected" crash."""
    docs = read_any(path, fmt, schema=project.schema)
    while True:
        try:
            doc = next(docs)
        except StopIteration:
            return
        except _UNEXPECTED as exc:
            raise InputError(str(path), f"content this format does not allow ({type(exc).__name__}: {exc}); "
                                        "check the file against the format") from exc
        yield doc


def rename_labels(doc: Document, mapping: dict[str, str]) -> Document:
    """``doc`` with its span and suggestion labels renamed through ``mapping``."""
    for layer in LAYERS:
        doc.spans(layer)[:] = [Span(s.start, s.end, mapping.get(s.label, s.label)) for s in doc.spans(layer)]
        doc.suggestions(layer)[:] = [Suggestion(s.start, s.end, mapping.get(s.label, s.label), s.score)
                                     for s in doc.suggestions(layer)]
    return doc
