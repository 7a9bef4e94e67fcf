"""Project operations shared by the command line and the demo, free of Qt."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from annotator.importing import ImportResult, import_documents
from annotator.model import LAYERS, Document, Span, Suggestion
from annotator.pipeline import DEFAULT_MODEL, model_entity_labels
from annotator.prelabel import PrelabelResult, prelabel, prelabel_pipeline
from annotator.project import Project
from annotator.schema import Schema


def open_or_create(path: str | Path, schema_file: str | Path | None = None, model: str = DEFAULT_MODEL) -> Project:
    """Open a project, or create it with the given schema (default: the model's labels)."""
    path = Path(path)
    if path.exists():
        return Project.open(path)
    schema = Schema.from_file(schema_file) if schema_file else Schema.default(model_entity_labels(model))
    return Project.create(path, schema, model)


def import_paths(project: Project, paths: Iterable[str | Path], fmt: str | None = None,
                 label_map: dict[str, str] | None = None) -> ImportResult:
    """Import every path in one transaction: all of them land, or none.

    ``label_map`` renames labels on the way in (``{"LOCATION": "LOC"}``).
    """
    import exports.all_formats  # noqa: F401  (registers the interchange formats)
    from exports.formats import read_any

    def docs() -> Iterator[Document]:
        for p in paths:
            for doc in read_any(p, fmt, schema=project.schema):
                yield rename_labels(doc, label_map) if label_map else doc

    return import_documents(project, docs())


def rename_labels(doc: Document, mapping: dict[str, str]) -> Document:
    for layer in LAYERS:
        doc.spans(layer)[:] = [Span(s.start, s.end, mapping.get(s.label, s.label)) for s in doc.spans(layer)]
        doc.suggestions(layer)[:] = [Suggestion(s.start, s.end, mapping.get(s.label, s.label), s.score)
                                     for s in doc.suggestions(layer)]
    return doc


def run_prelabel(project: Project, model: str | None = None, *, force: bool = False, n_process: int = 1,
                 batch_size: int = 64, sections: bool = True, show_progress: bool = True) -> PrelabelResult:
    """Pre-label the project's pending articles with a progress bar showing docs/s."""
    # A model named by the project file must be an installed package; a path only when given here.
    nlp = prelabel_pipeline(model or project.model_name, project.schema, sections=sections, allow_path=bool(model))
    bar = tqdm(total=0, unit="doc", disable=not show_progress, file=sys.stderr, desc="pre-labeling")

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        return prelabel(project, nlp, force=force, n_process=n_process, batch_size=batch_size, progress=progress)
    finally:
        bar.close()
