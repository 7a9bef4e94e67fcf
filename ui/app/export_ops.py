"""Export from the window: in the background, and "Replace anyway?" when the target is refused.

An export refuses to replace a file or folder it did not write (:class:`ExportRefused`); the
CLI's answer is ``--force``, the app's is a question. What forcing cannot replace (the project
file or any SQLite database, a symbolic link, a device) raises a plain :class:`ExportError`, which
the operation shows as an error with no way round it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import QMessageBox

from annotator.errors import AnnotatorError, Cancelled, ExportRefused
from ui.app.host import WindowHost
from ui.app.workers import Job, Operation, Progress, ShouldStop

Opener = Callable[[], Any]


def export_job(open_project: Opener, fmt: str, out: Path, force: bool = False) -> Job:
    """Write the whole project as ``fmt`` at ``out``; ``force`` replaces what the export did not write."""
    def job(progress: Progress, should_stop: ShouldStop) -> Any:
        from exports.registry import write_any

        def on_batch(done: int) -> None:
            if should_stop():
                raise Cancelled()
            progress(done, total)

        with open_project() as project:
            total = project.count()
            return write_any(fmt, project.documents().watched(on_batch), out, project.schema, force=force)
    return job


def replace_question(exc: ExportRefused) -> str:
    """The dialog's text: what is in the way and what replacing does, in the app's words."""
    then = "" if exc.if_forced == "replace it" else f" This will {exc.if_forced}."
    return f"{exc.target}\n\n{exc.problem[:1].upper()}{exc.problem[1:]}.\n\nReplace anyway?{then}"


class ExportOps:
    """File › Export of one window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window

    def export_to(self, fmt: str, out: Path, force: bool = False) -> Operation:
        """Export in the background; a refused target asks once, then exports again forced."""
        def refused(exc: AnnotatorError) -> bool:
            if force or not isinstance(exc, ExportRefused):
                return False  # shown as an error: forcing cannot help
            answer = QMessageBox.question(self.window, f"Export {fmt}", replace_question(exc),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.export_to(fmt, out, force=True)
            else:
                self.window.report(f"Export not written: {out} was left as it was")
            return True

        return Operation(self.window, f"Exporting {fmt}", export_job(self.window.project.another_connection, fmt, out, force),
                         lambda _: self.window.report(f"Exported to {out}"), on_done=self.window.focus_view,
                         on_error=refused).start()
