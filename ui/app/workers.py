"""Background operations: run off the GUI thread, report progress, finish on the GUI thread.

A job gets the project *path*, never the window's connection (SQLite connections stay on their
thread): it opens its own :class:`Project`, reports ``progress(done, total)``, and checks
``should_stop()``. Success calls back on the GUI thread; an error shows its message in a dialog,
unless ``on_error`` handles it (e.g. asks whether to retry).
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.errors import AnnotatorError, Cancelled

Progress = Callable[[int, int], None]
ShouldStop = Callable[[], bool]
Job = Callable[[Progress, ShouldStop], Any]



class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str, object)  # the message ("" when cancelled) and the AnnotatorError, if one


class _Runnable(QRunnable):
    def __init__(self, job: Job, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.job, self.signals, self.stop = job, signals, stop

    def run(self) -> None:
        try:
            result = self.job(lambda done, total: self.signals.progress.emit(done, total), self.stop.is_set)
        except Cancelled:
            self.signals.failed.emit("", None)
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc), exc)
        except Exception as exc:  # a bug or an environment problem: still a dialog, with the gist
            traceback.print_exc()
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}", None)
        else:
            self.signals.finished.emit(result)


class Operation:
    """One background job with a cancellable progress dialog."""

    running: list[Operation] = []  # keeps operations alive until they finish

    def __init__(self, parent: QWidget | None, title: str, job: Job,
                 on_success: Callable[[Any], None] | None = None,
                 on_done: Callable[[], None] | None = None,
                 show_errors: bool = True,
                 on_error: Callable[[AnnotatorError], bool] | None = None) -> None:
        """``on_error`` gets the job's AnnotatorError on the GUI thread; True: handled, no dialog."""
        self.parent, self.title = parent, title
        self.on_success, self.on_done, self.on_error = on_success, on_done, on_error
        self.show_errors = show_errors
        self.error: str | None = None
        self.stop = threading.Event()
        self.signals = _Signals()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)
        self.signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(job, self.signals, self.stop)
        self._runnable.setAutoDelete(False)
        self.done = False

    def start(self) -> Operation:
        Operation.running.append(self)
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def cancel(self) -> None:
        self.stop.set()
        self.dialog.setLabelText(f"{self.title}: stopping…")

    def _alive(self) -> bool:
        """False once the window (and with it the dialog) is gone: nothing left to update."""
        return shiboken6.isValid(self.dialog) and (self.parent is None or shiboken6.isValid(self.parent))

    def _progress(self, done: int, total: int) -> None:
        if total > 0 and self._alive():
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _end(self) -> bool:
        """Close the dialog; False when the window closed meanwhile (no callbacks then)."""
        self.done = True
        if self in Operation.running:
            Operation.running.remove(self)
        if not self._alive():
            return False
        self.dialog.reset()
        self.dialog.hide()
        if self.on_done:
            self.on_done()
        return True

    def _finished(self, result: Any) -> None:
        if self._end() and self.on_success:
            self.on_success(result)

    def _failed(self, message: str, exc: AnnotatorError | None) -> None:
        self.error = message
        if not self._end() or not message:
            return
        if exc is not None and self.on_error is not None and self.on_error(exc):
            return
        if self.show_errors:
            QMessageBox.warning(self.parent, self.title, f"{self.title} failed.\n\n{message}")


def run_in_background(parent: QWidget | None, title: str, job: Job, on_success: Callable[[Any], None] | None = None,
                      on_done: Callable[[], None] | None = None) -> Operation:
    return Operation(parent, title, job, on_success, on_done).start()
