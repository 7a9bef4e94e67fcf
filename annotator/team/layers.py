"""Which annotations of an article count: adjudicated, then done, never two conflicting versions.

:func:`train_annotations` is the one answer for training and the default export; the export's
``--layer`` picks an annotator's versions or all of them instead (:func:`layer_documents`).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from annotator.errors import ProjectError
from annotator.model import LAYERS, Document, Status
from annotator.store.identity import ADJUDICATED
from annotator.store.project import Project
from annotator.store.versions import Version, annotators, versions

ALL = "all"


def has_team_layers(project: Project) -> bool:
    """True when the project holds annotator versions or adjudications (else export as before)."""
    return project.conn.execute("SELECT EXISTS(SELECT 1 FROM versions) OR EXISTS(SELECT 1 FROM adjudications)").fetchone()[0] == 1


def train_annotations(project: Project, article_id: str) -> Document | None:
    """The annotations to train on for one article, or None when there are none to trust.

    In order: the adjudicated layer; the project's own annotations when the article is done;
    the one done annotator version, or several that agree exactly. Conflicting versions that
    nobody adjudicated give None. The document's ``annotator`` says whose annotations they are.
    """
    seq = project.seq(article_id)
    row = project.conn.execute("SELECT annotator FROM adjudications WHERE article = ?", (seq,)).fetchone()
    status = project.status(article_id)
    if row is not None or status == Status.DONE:
        doc = project.document(article_id)
        doc.status = Status.DONE
        doc.annotator = row[0] if row is not None else doc.annotator
        return doc
    done = versions(project.conn, seq, Status.DONE)
    if not done or len({v.digest() for v in done}) > 1:
        return None
    return version_document(project, done[0])


def version_document(project: Project, version: Version, article_id: str | None = None) -> Document:
    """An annotator's version as a document (optionally under another id)."""
    article = project.article(version.article_id)
    if article_id is not None:
        article = replace(article, id=article_id, meta={**article.meta, "article_id": version.article_id})
    doc = Document(article, status=version.status, annotator=version.annotator)
    for layer in LAYERS:
        doc.spans(layer).extend(version.spans[layer])
    return doc


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


