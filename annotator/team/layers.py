"""The export layers: adjudicated (the default), one annotator's versions, or all of them.

Which annotations of an article count (:func:`~annotator.store.layers.trusted.train_annotations`) lives
in the store, so training (``annotator.nlp.learning``) and the export give the same answer.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from annotator.errors import ProjectError
from annotator.model import Document, Status
from annotator.store.identity import ADJUDICATED
from annotator.store.project import Project
from annotator.store.layers.trusted import train_annotations, version_document
from annotator.store.layers.versions import annotators, versions

ALL = "all"


def layer_documents(project: Project, layer: str = ADJUDICATED, status: Status | None = Status.DONE) -> Iterator[Document]:
    """The documents of one export ``layer``: ``adjudicated`` (adjudicated, else done; with
    ``status=None`` the rest as they are), an annotator's name (their versions of ``status``),
    or ``all`` (every version, as ``<id>@<annotator>``, plus the adjudicated layer)."""
    if layer not in (ADJUDICATED, ALL) and layer not in annotators(project.conn):
        known = ", ".join([ADJUDICATED, ALL, *annotators(project.conn)])
        raise ProjectError(f"{project.path}: no layer {layer!r}; the project has {known}")
    for article_id in project.ids():
        seq = project.seq(article_id)
        if layer == ADJUDICATED:
            doc = train_annotations(project, article_id)
            if doc is None and status is None:
                doc = project.document(article_id)
            if doc is not None and (status is None or doc.status == status):
                yield doc
            continue
        for v in versions(project.conn, seq, status):
            if layer == ALL:
                yield version_document(project, v, f"{article_id}@{v.annotator}")
            elif v.annotator == layer:
                yield version_document(project, v)
        if layer == ALL and project.conn.execute("SELECT 1 FROM adjudications WHERE article = ?", (seq,)).fetchone():
            doc = project.document(article_id)
            doc.article = replace(doc.article, id=f"{article_id}@{ADJUDICATED}", meta={**doc.article.meta, "article_id": article_id})
            doc.status = Status.DONE
            yield doc


