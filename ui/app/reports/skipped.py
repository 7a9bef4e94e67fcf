"""Telling the user which articles pre-labeling skipped (too long for the pipeline), and why.

The status bar says how many; this dialog names the first few (by title, else their opening
words) so the user can find and split them.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.errors import AnnotatorError
from annotator.store.project import Project
from ui.app.reports.messages import SHOWN, skipped_details

NAME_LENGTH = 60


def article_name(project: Project, article_id: str) -> str:
    """``“Title”``, else the article's opening words, else its id."""
    try:
        article = project.article(article_id)
    except AnnotatorError:
        return article_id
    name = (article.title or "").strip() or " ".join(article.text[: NAME_LENGTH * 2].split())
    if not name:
        return article_id
    return f"“{name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + '…'}”"


def skipped_text(project: Project, skipped: list[tuple[str, str]]) -> str:
    """The dialog text for ``skipped``; reads the names of the first few from ``project``."""
    names = {article_id: article_name(project, article_id) for article_id, _ in skipped[:SHOWN]}
    return skipped_details(skipped, lambda article_id: names.get(article_id, article_id))


def show_skipped(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, "Pre-labeling skipped articles", text)
