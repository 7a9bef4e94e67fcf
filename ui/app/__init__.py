"""The PySide6 desktop app: ``run_app`` opens a project (or the last one) in the main window."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .main_window import MainWindow

_windows: list[MainWindow] = []


def open_window(path: Path, parent: QWidget | None = None) -> MainWindow | None:
    """Open a project in a new main window; a problem shows a dialog and returns None."""
    from PySide6.QtWidgets import QMessageBox

    from annotator.errors import AnnotatorError
    from annotator.project import Project

    from .main_window import MainWindow
    from .window_layout import restore_layout

    try:
        project = Project.open(path)
    except AnnotatorError as exc:
        if "another window" not in str(exc):
            QMessageBox.warning(parent, "Open project", f"Cannot open {path}.\n\n{exc}")
            return None
        answer = QMessageBox.question(parent, "Open project", f"{exc}\n\nOpen it read-only, to look without editing?")
        if answer != QMessageBox.StandardButton.Yes:
            return None
        project = Project.open(path, read_only=True)
    window = MainWindow(project)
    window.owns_project = True
    if not restore_layout(window):
        window.resize(1400, 900)
    window.show()
    _windows[:] = [w for w in _windows if w.isVisible()] + [window]
    return window


def run_app(project_path: Path | None = None, argv: list[str] | None = None) -> int:
    """Start the app on ``project_path``, or on the last project used; returns the exit code."""
    from PySide6.QtWidgets import QApplication, QFileDialog

    from .recent import last_project

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Annotator")
    path = project_path or last_project()
    if path is None:
        name, _ = QFileDialog.getOpenFileName(None, "Open project", "", "Annotator projects (*.annotator);;All files (*)")
        if not name:
            return 0
        path = Path(name)
    if open_window(Path(path)) is None:
        return 1
    return app.exec()
