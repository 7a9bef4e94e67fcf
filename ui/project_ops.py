"""Project operations shared by the command line and the demo, free of Qt.

Importing is :func:`exports.importing.import_paths`, the one import path of every interface.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from annotator.nlp.pipeline import DEFAULT_MODEL, model_entity_labels, pipeline_id
from annotator.nlp.prelabel import PrelabelResult, prelabel, prelabel_pipeline
from annotator.nlp.learning.suggester import resolve_suggester, resuggestable
from annotator.schema import Schema
from annotator.store.project import Project
from ui.package_data import example_schema


def open_or_create(path: str | Path, schema_file: str | Path | None = None, model: str = DEFAULT_MODEL) -> Project:
    """Open a project, or create it with the given schema (default: the model's labels)."""
    path = Path(path)
    if path.exists():
        return Project.open(path)
    if schema_file and not Path(schema_file).exists():  # a schema shipped with the app, by name
        schema_file = example_schema(str(schema_file)) or schema_file
    schema = Schema.from_file(schema_file) if schema_file else Schema.friendly(model_entity_labels(model))
    return Project.create(path, schema, model)


def run_prelabel(project: Project, model: str | None = None, *, force: bool = False, n_process: int = 1,
                 batch_size: int = 64, sections: bool = True, show_progress: bool = True) -> PrelabelResult:
    """Pre-label the project's pending articles with a progress bar showing docs/s.

    ``model``: base, latest, vN, a pipeline name or path; None is the active trained version (which
    re-suggests every untouched article it has not suggested yet), else the project's base pipeline.
    """
    # A model named by the project file must be an installed package; a path only when given here.
    suggester = resolve_suggester(project, model)
    nlp = prelabel_pipeline(suggester.target, project.schema, sections=sections, allow_path=suggester.allow_path,
                            section_model=suggester.section_model)
    ids = None
    if model is None and suggester.version is not None and not force:
        ids, force = resuggestable(project, *pipeline_id(nlp)), True
    bar = tqdm(total=0, unit="doc", disable=not show_progress, file=sys.stderr, desc="pre-labeling")

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        return prelabel(project, nlp, force=force, article_ids=ids, n_process=n_process, batch_size=batch_size,
                        progress=progress)
    finally:
        bar.close()
