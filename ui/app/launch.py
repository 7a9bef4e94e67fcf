"""Starting the desktop app: ``run_app`` opens a project (or the last one) in a main window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from ui.app.team.identity import ask_dialog, ensure_annotator
from ui.app.main_window import open_window
from ui.app.recent import last_project


def run_app(project_path: Path | None = None, argv: list[str] | None = None) -> int:
    """Start the app on ``project_path``, or on the last project used; returns the exit code."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Annotator")
    path = project_path or last_project()
    if path is None:
        name, _ = QFileDialog.getOpenFileName(None, "Open project", "", "Annotator projects (*.annotator);;All files (*)")
        if not name:
            return 0
        path = Path(name)
    window = open_window(Path(path))
    if window is None:
        return 1
    ensure_annotator(window.project, window, ask_dialog)  # the first run asks who annotates
    return app.exec()
