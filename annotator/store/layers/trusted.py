"""Which annotations of an article count: adjudicated, then done, never two conflicting versions.

:func:`train_annotations` is the one answer for training (``annotator.nlp.learning``) and for the
default export layer (``annotator.team.layers``).
"""
from __future__ import annotations

from dataclasses import replace

from annotator.model import LAYERS, Document, Status
from annotator.store.project import Project
from annotator.store.layers.versions import Version, versions


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
