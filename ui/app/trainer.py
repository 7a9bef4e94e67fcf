"""Training from the window: Model › Train Now, and retraining after every N newly done articles.

Training runs in its own process (``python -m annotator.nlp.learning.train_job``, started by QProcess:
fork-and-exec, never a fork of the Qt process) at low priority, so annotating stays responsive;
it reports progress lines that drive the status bar and can be cancelled (the process is killed;
a killed training leaves no half version). When a version is accepted, that process has already
re-suggested the untouched articles; the window re-reads what it shows.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Protocol

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal
from PySide6.QtWidgets import QInputDialog, QLabel

from annotator.model import Status
from annotator.nlp.learning.model_versions import active_version, done_at_last_training, retrain_every, set_retrain_every
from annotator.store.project import Project


class Trainer(QObject):
    """Runs trainings of one open project in a child process; one at a time."""

    started = Signal()
    progress = Signal(int, int)  # steps done, steps in all
    finished = Signal(dict)  # the child's report: version, accepted, f1, resuggested...
    failed = Signal(str)  # "" when cancelled

    def __init__(self, project: Project, steps: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project, self.steps = project, steps
        self.process: QProcess | None = None
        self._report: dict | None = None
        self._error = ""
        self._buffer = b""

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self) -> bool:
        """Start a training; False (and nothing started) when one runs or the project is read-only."""
        if self.running or self.project.read_only:
            return False
        proc = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONPATH", ":".join(p for p in sys.path if p))  # this checkout's packages, as the app sees them
        proc.setProcessEnvironment(env)
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(self._ended)
        self._report, self._error, self._buffer = None, "", b""
        self.process = proc
        args = ["-m", "annotator.nlp.learning.train_job", str(self.project.path)]
        if self.steps:
            args += ["--steps", str(self.steps)]
        proc.start(sys.executable, args)
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self.process is not None:
            self._error = ""
            self.process.kill()

    def maybe_retrain(self) -> bool:
        """Start a training when N articles were done since the last one (N: the project's setting)."""
        every = retrain_every(self.project)
        if not every or self.running or self.project.read_only:
            return False
        if self.project.count(Status.DONE) - done_at_last_training(self.project.path) < every:
            return False
        return self.start()

    def status_text(self) -> str:
        """What the status bar says of the suggester: "model v4 · held-out F1 0.81", or the base."""
        version = active_version(self.project)
        if version is None:
            return f"Model: {self.project.model_name}"
        return f"model {version.name} · held-out F1 {version.scores.f1:.2f}"

    def _read(self) -> None:
        assert self.process is not None
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                data = json.loads(line)
            except ValueError:
                continue
            if "progress" in data:
                self.progress.emit(*data["progress"])
            elif "error" in data:
                self._error = str(data["error"])
            else:
                self._report = data

    def _ended(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read()
        proc, self.process = self.process, None
        if proc is not None:
            stderr = bytes(proc.readAllStandardError().data()).decode(errors="replace").strip()
            proc.deleteLater()
        else:
            stderr = ""
        if self._report is not None and code == 0:
            self.finished.emit(self._report)
        elif status == QProcess.ExitStatus.CrashExit and not self._error:
            self.failed.emit("")  # killed: cancelled
        else:
            self.failed.emit(self._error or (stderr.splitlines()[-1] if stderr else f"training stopped (exit code {code})"))


class _Window(Protocol):
    """What the training controls use of the main window (:class:`ui.app.host.WindowHost` and its status bar)."""

    project: Project
    status_model: QLabel
    article_list: Any

    def reload_article(self) -> None: ...

    def report(self, message: str, error: bool = False) -> None: ...


class TrainingControl:
    """The Model menu's training actions and the status bar's model line, for one window."""

    def __init__(self, window: _Window, steps: int = 0) -> None:
        self.window = window
        self.trainer = Trainer(window.project, steps, parent=window)  # type: ignore[arg-type]
        self.trainer.progress.connect(self._progress)
        self.trainer.finished.connect(self._finished)
        self.trainer.failed.connect(self._failed)
        window.project.status_changed.connect(self._status_changed)
        self.show_model()

    def train_now(self) -> None:
        if self.window.project.read_only:
            self.window.report("This project is open read-only: training needs to record its new version", error=True)
        elif not self.trainer.start():
            self.window.report("A training is already running (Model › Cancel Training stops it)")
        else:
            self.window.status_model.setText("training: starting…")

    def cancel(self) -> None:
        if self.trainer.running:
            self.trainer.cancel()

    def ask_retrain_every(self) -> None:
        project = self.window.project
        n, ok = QInputDialog.getInt(self.window, "Retrain automatically",  # type: ignore[arg-type]
                                    "Retrain after this many newly done articles (0: never):", retrain_every(project), 0, 10000)
        if ok and not project.read_only:
            set_retrain_every(project, n)

    def show_model(self) -> None:
        self.window.status_model.setText(self.trainer.status_text())

    def _status_changed(self, article_id: str, status: str) -> None:
        if status == Status.DONE.value and self.trainer.maybe_retrain():
            self.window.status_model.setText("training: starting…")

    def _progress(self, done: int, total: int) -> None:
        self.window.status_model.setText(f"training {100 * done // max(total, 1)}%")

    def _finished(self, report: dict) -> None:
        self.show_model()
        w = self.window
        sections = f"; {report['sections']}" if report.get("sections") else ""
        if report.get("accepted"):
            w.project.articles_changed.emit()
            w.article_list.refresh()
            w.reload_article()
            w.report(f"Model {report['version']} suggests now: held-out F1 {report['f1']:.3f} (was {report['baseline_f1']:.3f}); "
                     f"{report['resuggested']} untouched article(s) got its suggestions{sections}")
        else:
            w.report(f"Model {report['version']} scored F1 {report['f1']:.3f} on the held-out articles, not better than "
                     f"{report['compared_with']} ({report['baseline_f1']:.3f}): kept, not used{sections}")

    def _failed(self, message: str) -> None:
        self.show_model()
        self.window.report(f"Training failed: {message}" if message else "Training cancelled", error=bool(message))
