"""The Team menu: review and adjudicate, and who is annotating."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from annotator.errors import AnnotatorError
from ui.app.host import WindowHost


def add_team_menu(window: WindowHost, bar: QMenuBar, acts: dict[str, QAction]) -> None:
    team = bar.addMenu("&Team")
    review = QAction("&Review and Adjudicate…", window)
    review.setShortcut(QKeySequence("Ctrl+Shift+R"))
    review.triggered.connect(lambda _=False: _review(window))
    who = QAction("Set &Annotator Name…", window)
    who.triggered.connect(lambda _=False: _set_name(window))
    for key, action in (("review", review), ("annotator_name", who)):
        team.addAction(action)
        window.addAction(action)
        acts[key] = action


def _review(window: WindowHost) -> None:
    from ui.app.team.review import open_review

    open_review(window)


def _set_name(window: WindowHost) -> None:
    from ui.app.team.identity import ask_dialog, save_name

    name = ask_dialog(window if hasattr(window, "isVisible") else None, window.project.annotator)  # type: ignore[arg-type]
    if name is None:
        return
    try:
        window.project.set_annotator(name)
        save_name(name)
    except AnnotatorError as exc:
        window.report(str(exc), error=True)
        return
    window.report(f"Annotating as {window.project.annotator}")
