"""File and model operations of the window: new, open, recent, import, export, pre-label.

Long work runs through :mod:`.workers` with its own project connection; when it ends the window
re-reads what it shows.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from annotator.errors import AnnotatorError, Cancelled, ModelError
from annotator.io.importing import ImportResult
from annotator.nlp.pipeline import DEFAULT_MODEL, model_entity_labels
from annotator.nlp.prelabel import PrelabelResult, prelabel, prelabel_pipeline, use_section_model
from annotator.nlp.learning.suggester import resolve_suggester
from annotator.schema import Schema
from annotator.store.project import Project
from ui.app.export_ops import ExportOps
from ui.app.host import WindowHost
from ui.app.recent import recent_projects
from ui.app.reports.skipped import show_skipped, skipped_text
from ui.app.reports.messages import import_message, prelabel_message
from ui.app.workers import Job, Operation, Progress, ShouldStop

if TYPE_CHECKING:
    from spacy.language import Language


Opener = Callable[[], Project]

PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"


def default_schema() -> Schema:
    """The default model's entity labels and the news section types, common ones first."""
    return Schema.friendly(model_entity_labels(DEFAULT_MODEL))


def load_prelabel_pipeline(model: str, schema: Schema, allow_path: bool = False) -> Language:
    """The project's pre-labeling pipeline; the project file names the model, so no paths."""
    return prelabel_pipeline(model, schema, allow_path=allow_path)


def import_job(open_project: Opener, source: Path):  # type: ignore[no-untyped-def]
    """Import ``source``; returns its :class:`ImportResult` (the ids added, the duplicate texts)."""
    def job(progress: Progress, should_stop: ShouldStop) -> ImportResult:
        from exports.importing import import_paths

        with open_project() as project:
            return import_paths(project, [source], progress=progress, should_stop=should_stop)
    return job


def prelabel_job(open_project: Opener, model: str | None, article_ids: list[str] | None):  # type: ignore[no-untyped-def]
    """``model`` None: the project's active trained version, else its base pipeline."""
    def job(progress: Progress, should_stop: ShouldStop) -> Any:
        with open_project() as project:
            suggester = resolve_suggester(project, model)
            nlp = load_prelabel_pipeline(suggester.target, project.schema, allow_path=suggester.allow_path)
            if suggester.section_model is not None:
                use_section_model(nlp, suggester.section_model)
            return prelabel(project, nlp, article_ids=article_ids, n_process=1, progress=progress, should_stop=should_stop)
    return job


class ProjectOps:
    """The File and Model menus of one window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window

    # -- projects -------------------------------------------------------------------------------

    def new_from_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, "Articles for the new project", "",
                                                "Articles (*.txt *.jsonl *.json *.html);;All files (*)")
        if files:
            self.create_project([Path(p) for p in files])

    def new_from_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Folder of articles for the new project")
        if folder:
            self.create_project([Path(folder)])

    def create_project(self, sources: list[Path], target: Path | None = None) -> Operation | None:
        if target is None:
            name, _ = QFileDialog.getSaveFileName(self.window, "Save the new project as", "articles.annotator", PROJECT_FILTER)
            if not name:
                return None
            target = Path(name)
        if target.suffix != ".annotator":
            target = target.with_suffix(".annotator")
        try:
            Project.create(target, default_schema()).close()
        except AnnotatorError as exc:
            QMessageBox.warning(self.window, "New project", f"Cannot create the project.\n\n{exc}")
            return None

        def job(progress: Progress, should_stop: ShouldStop) -> str | None:
            """Returns the skipped articles' dialog text, if any were."""
            added = [a for src in sources for a in import_job(lambda: Project.open(target), src)(progress, should_stop).added]
            try:
                result = prelabel_job(lambda: Project.open(target), DEFAULT_MODEL, added)(progress, should_stop)
            except (ModelError, Cancelled):  # the articles are in: open them bare; Model › Pre-label All retries
                return None
            if not result.skipped:
                return None
            with Project.open(target) as project:
                return skipped_text(project, result.skipped)

        def opened(skipped: str | None) -> None:
            self.open_project(target)
            if skipped:
                show_skipped(QApplication.activeWindow(), skipped)
        return self._background("Importing and pre-labeling articles", job, opened)

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Open project", "", PROJECT_FILTER)
        if name:
            self.open_project(Path(name))

    def fill_recent(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        for path in recent_projects():
            menu.addAction(str(path)).triggered.connect(lambda _=False, p=path: self.open_project(p))
        if menu.isEmpty():
            menu.addAction("No recent projects").setEnabled(False)

    def open_project(self, path: Path) -> None:
        if Path(path).resolve() == self.window.project.path.resolve():
            self.window.project.articles_changed.emit()
            return
        self.window.open_requested.emit(Path(path))

    # -- import and export --------------------------------------------------------------------

    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Import articles or annotations", "", "All files (*)")
        if name:
            self.import_path(Path(name))

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of articles")
        if folder:
            self.import_path(Path(folder))

    def import_path(self, source: Path) -> Operation:
        """Import in the background, then pre-label what was added, so it opens with suggestions."""
        def imported(result: ImportResult) -> None:
            self.window.project.articles_changed.emit()
            added, duplicates = result.added, len(result.duplicates)
            if not added:
                self.window.report(import_message(0, source.name, duplicates=duplicates))
                return
            self.window.report(f"Imported {len(added)} article(s); pre-labeling them…")
            self.prelabel_ids(added, lambda done: import_message(len(added), source.name, done, duplicates))
        return self._background(f"Importing {source.name}", import_job(self.window.project.another_connection, source), imported)

    def export_dialog(self) -> None:
        try:
            import exports.all_formats  # noqa: F401  registers every format
            from exports.registry import FORMATS
        except ImportError:  # an incomplete build: say so instead of failing
            QMessageBox.information(self.window, "Export", "Export formats are not available in this build yet.")
            return
        names = sorted(f.name for f in FORMATS.values() if f.write)
        fmt, ok = QInputDialog.getItem(self.window, "Export", "Format:", names, 0, False)
        if not ok:
            return
        # no "already exists" question here: the export itself replaces an earlier export silently
        # and asks "Replace anyway?" for anything else (see export_ops)
        name, _ = QFileDialog.getSaveFileName(self.window, f"Export as {fmt}", f"export-{fmt}", "",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.export_to(fmt, Path(name))

    def export_to(self, fmt: str, out: Path) -> Operation:
        """Export in the background; asks "Replace anyway?" when the target is refused."""
        return ExportOps(self.window).export_to(fmt, out)

    # -- model ----------------------------------------------------------------------------------

    def prelabel(self, current_only: bool) -> Operation | None:
        window = self.window
        if current_only and window.article_id is None:
            return None
        return self.prelabel_ids([window.article_id] if current_only and window.article_id else None, prelabel_message)

    def prelabel_ids(self, ids: list[str] | None, say: Callable[[PrelabelResult], str]) -> Operation:
        """Pre-label these articles (None: all pending), then re-read and say what happened."""
        window = self.window

        def finished(result: PrelabelResult) -> None:
            window.project.articles_changed.emit()
            window.reload_article()
            window.report(say(result))
            if result.skipped:
                show_skipped(window, skipped_text(window.project, result.skipped))
        return self._background("Pre-labeling", prelabel_job(window.project.another_connection, None, ids), finished)

    def _background(self, title: str, job: Job, on_success: Callable[[Any], None]) -> Operation:
        """A background job whose end gives the keyboard back to the article view."""
        return Operation(self.window, title, job, on_success, on_done=self.window.focus_view).start()
