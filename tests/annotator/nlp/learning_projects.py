"""Projects of CoNLL-2003 dev documents for the training tests (read from the shared data at run time)."""
from __future__ import annotations

from pathlib import Path

from annotator.io.importing import import_documents
from annotator.model import Status
from annotator.schema import Schema
from annotator.store.project import Project
from exports.formats.conll import read_conll
from tests.conftest import CONLL_DEV, ROOT

SCHEMA = ROOT / "examples" / "conll2003_schema.json"


def conll_project(path: Path, articles: int, done: int) -> Project:
    """The first ``articles`` dev documents: the first ``done`` done with their gold entities, the rest new and bare."""
    docs = []
    for i, doc in enumerate(read_conll(CONLL_DEV)):
        if i == articles:
            break
        if i < done:
            doc.status = Status.DONE
        else:
            doc.entities.clear()
        docs.append(doc)
    project = Project.create(path, Schema.from_file(SCHEMA))
    import_documents(project, docs)
    return project
