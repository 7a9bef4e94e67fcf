"""Pre-labeling with ``n_process=2`` (small batches) against our own single process.

Both runs pre-label the same generated articles (texts only) in fresh projects with the same
pipeline: the English model's NER plus the section component, store writes included.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Sequence

from annotator.importing import import_documents
from annotator.model import Document
from annotator.pipeline import load_pipeline, model_entity_labels
from annotator.prelabel import prelabel
from annotator.project import Project
from annotator.schema import Schema
from annotator.sections import add_section_pipe


def prelabel_run(docs: Sequence[Document], n_process: int, batch_size: int) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        with Project.create(Path(tmp) / "mp.annotator", Schema.default(model_entity_labels())) as project:
            import_documents(project, docs)
            nlp = load_pipeline()
            add_section_pipe(nlp, project.schema)
            result = prelabel(project, nlp, n_process=n_process, batch_size=batch_size)
            return result.words, result.seconds


def run(docs: Sequence[Document]) -> dict[str, Any]:
    words1, single = prelabel_run(docs, 1, 64)
    words2, multi = prelabel_run(docs, 2, 16)
    if words1 != words2:
        raise RuntimeError(f"the two runs saw different texts ({words1} and {words2} words)")
    return {"articles": len(docs), "words": words1, "single_s": single, "multi_s": multi,
            "single_words_per_s": words1 / single, "multi_words_per_s": words2 / multi}
