"""The main window: article list, article view, label bar, span list and status bar.

The window renders the project and turns gestures into commands (see :mod:`.gestures`). It keeps
no spans of its own: whenever the project signals a change it re-reads what it shows.
"""
from __future__ import annotations

import sqlite3

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from annotator.editing.commands import Editor
from annotator.errors import AnnotatorError
from annotator.model import ENTITIES, SECTIONS, Status
from annotator.store.project import Project
from ui.app.menus.actions import build_menus
from ui.app.panels.article_list import ArticleList
from ui.app.view.article_view import ArticleView
from ui.app.panels.find_bar import FindBar
from ui.app.focus import FocusKeeper
from ui.app.team.identity import ensure_annotator
from ui.app.gestures import Gestures
from ui.app.panels.label_bar import LabelBar
from ui.app.project_ops import ProjectOps
from ui.app.recent import add_recent
from ui.app.panels.span_panel import SpanPanel
from ui.app.trainer import TrainingControl
from ui.app.window_layout import restore_layout, save_layout

_windows: list[MainWindow] = []  # the open windows, kept alive


class MainWindow(QMainWindow):
    """One open project."""

    open_requested = Signal(object)  # a Path: open that project in place of this one

    def __init__(self, project: Project, editor: Editor | None = None) -> None:
        super().__init__()
        self.project = project
        self.editor = editor or Editor(project)
        self.article_id: str | None = None
        self.owns_project = False  # close the project with the window (set by open_window)
        self._closed = False
        self._done_text: str | None = None
        self.gestures = Gestures(self)
        self.ops = ProjectOps(self)
        self.open_requested.connect(self._open_other)
        self.setWindowTitle(f"{project.path.name}{' (read-only)' if project.read_only else ''} — Annotator")

        self.view = ArticleView(project.schema)
        self.view.snapper = lambda s, e: self.editor.bounds(self.article_id).snap_intent(s, e) if self.article_id else None
        self.label_bar = LabelBar(project.schema)
        self.find_bar = FindBar(self.view)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.label_bar)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.article_list = ArticleList(project)
        self.span_panel = SpanPanel(project, self.view, self.editor.text)
        self.span_list = self.span_panel.table
        self.docks = [self._dock("Articles", self.article_list, Qt.DockWidgetArea.LeftDockWidgetArea),
                      self._dock("Spans", self.span_panel, Qt.DockWidgetArea.RightDockWidgetArea)]
        self._status_bar()
        self.training = TrainingControl(self)
        self.actions_by_name = build_menus(self, self.gestures, self.ops)

        self.label_bar.label_clicked.connect(lambda layer, name: self.gestures.label(layer, name))
        self.article_list.article_chosen.connect(self.open_article)
        self.span_list.span_chosen.connect(lambda sid: self.view.select_span(sid))
        self.span_panel.section_chosen.connect(self.go_to_section)
        self.view.span_selected.connect(self.span_list.select_span)
        self.view.selection_snapped.connect(self._selection_snapped)
        self._error_timer = QTimer(self, singleShot=True, interval=2500)
        self._error_timer.timeout.connect(lambda: self.statusBar().setStyleSheet(""))
        self._scroll_timer = QTimer(self, singleShot=True, interval=400)
        self._scroll_timer.timeout.connect(self.save_scroll)
        self.view.verticalScrollBar().valueChanged.connect(lambda _: self._closed or self._scroll_timer.start())
        project.spans_changed.connect(self._spans_changed)
        project.status_changed.connect(self._status_changed)
        project.articles_changed.connect(self._articles_changed)
        project.history_changed.connect(self._history_changed)
        self.focus_keeper = FocusKeeper(self, self.focus_view)
        add_recent(project.path)
        self.resume()
        self._history_changed()

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _status_bar(self) -> None:
        self.status_project = QLabel(f"Project: {self.project.path.name}")
        self.status_model = QLabel(f"Model: {self.project.model_name}")
        self.status_saved = QLabel("All changes saved")
        self.status_counts = QLabel()
        for w in (self.status_project, self.status_model, self.status_counts, self.status_saved):
            self.statusBar().addPermanentWidget(w)

    # -- showing articles -----------------------------------------------------------------------

    def resume(self) -> None:
        """Open the article and scroll position of the last session, or the first article."""
        session = self.project.session()
        article = session.get("article")
        ids = self.project.rows(0, 1)
        if not isinstance(article, str) or not self._exists(article):
            article = ids[0].id if ids else None
        if article is None:
            self.report("The project has no articles yet: use File › Import")
            return
        self.open_article(article, scroll=int(session.get("scroll", 0) or 0))

    def _exists(self, article_id: str) -> bool:
        try:
            self.project.seq(article_id)
        except Exception:
            return False
        return True

    def open_article(self, article_id: str, scroll: int = 0) -> None:
        if self.article_id is not None and article_id != self.article_id:
            self.save_scroll()
        self.article_id = article_id
        text = self.editor.text(article_id)
        entities, sections = self.project.spans(article_id, ENTITIES), self.project.spans(article_id, SECTIONS)
        self.view.show_article(article_id, text, entities, sections)
        self.span_list.show_article(article_id, entities)
        self.span_panel.show_sections(article_id, sections)
        self.article_list.set_current(article_id)
        self._save_session(article=article_id, scroll=scroll)
        self.restore_scroll(scroll)
        if self.find_bar.isVisible():
            self.find_bar.highlight_all()
        self._update_counts()

    def go_to_section(self, offset: int) -> None:
        """Bring a section to the top of the view, with the cursor at its start."""
        self.view.set_scroll_value(offset)
        self.view.set_cursor_offset(offset)
        self.focus_view()

    def restore_scroll(self, offset: int) -> None:
        if offset > 0:
            self.view.set_scroll_value(offset)

    def save_scroll(self) -> None:
        if self.article_id is not None:
            self._save_session(article=self.article_id, scroll=self.view.scroll_value())

    def _save_session(self, **values: object) -> None:
        if not self.project.read_only:
            self.project.save_session(**values)

    def reload_article(self) -> None:
        if self.article_id is not None:
            for layer in (SECTIONS, ENTITIES):
                self._spans_changed(self.article_id, layer)

    # -- following the project --------------------------------------------------------------------

    def _spans_changed(self, article_id: str, layer: str) -> None:
        if article_id == self.article_id:
            spans = self.project.spans(article_id, layer)
            self.view.set_layer(layer, spans)
            if layer == ENTITIES:
                self.span_list.reload(spans)
            else:
                self.span_panel.show_sections(article_id, spans)
            self._update_counts()

    def _status_changed(self, article_id: str, status: str) -> None:
        self._update_counts(totals=True)

    def _articles_changed(self) -> None:
        if self.article_id is None:
            self.resume()
        self._update_counts(totals=True)

    def _history_changed(self) -> None:
        undo, redo = self.editor.undo_text(), self.editor.redo_text()
        self.actions_by_name["undo"].setText(f"&Undo {undo}" if undo else "&Undo")
        self.actions_by_name["undo"].setEnabled(undo is not None)
        self.actions_by_name["redo"].setText(f"&Redo {redo}" if redo else "&Redo")
        self.actions_by_name["redo"].setEnabled(redo is not None)

    def _update_counts(self, totals: bool = False) -> None:
        """The status bar's counts; the project-wide ones only when statuses or articles changed."""
        if totals or self._done_text is None:
            counts = self.project.status_counts()
            self._done_text = f"{counts[Status.DONE]} of {sum(counts.values())} done"
        text = self._done_text
        if self.article_id is not None:
            status = self.project.status(self.article_id).value.replace("_", " ")
            text += f" · this article: {status}, {len(self.view.entities)} entities, {len(self.view.sections)} sections"
        self.status_counts.setText(text)

    def _selection_snapped(self, start: int, end: int) -> None:
        self.report(f"Selected {self.view.selected_text()!r}: press an entity key to label it")

    def report(self, message: str, error: bool = False) -> None:
        """Show the outcome of the last gesture; every edit is already committed."""
        self.statusBar().showMessage(message, 8000)
        self.status_saved.setText("All changes saved")
        if error:
            self.statusBar().setStyleSheet("QStatusBar { color: palette(bright-text); background: #b3261e; }")
            self._error_timer.start()

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.field.setFocus()
        self.find_bar.field.selectAll()
        self.find_bar.highlight_all()

    def focus_view(self) -> None:
        """Give the keyboard back to the article view (after a dialog or a background job)."""
        if self._closed:
            return
        self.activateWindow()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_other(self, path: Path) -> None:
        if open_window(path, self) is not None:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            return super().closeEvent(event)
        self._closed = True
        self.focus_keeper.stop()
        self._scroll_timer.stop()
        self.training.cancel()
        for action in self.actions():  # a closed window must not answer shortcuts any more
            action.setEnabled(False)
        try:
            self.save_scroll()
        except (AnnotatorError, sqlite3.Error):
            pass
        if self.owns_project:
            save_layout(self)
        self._disconnect()
        if self.owns_project:
            self.project.close()
        super().closeEvent(event)

    def _disconnect(self) -> None:
        for signal, slot in ((self.project.spans_changed, self._spans_changed), (self.project.status_changed, self._status_changed),
                             (self.project.articles_changed, self._articles_changed), (self.project.history_changed, self._history_changed),
                             (self.project.status_changed, self.article_list._status_changed),
                             (self.project.articles_changed, self.article_list.refresh),
                             (self.project.spans_changed, self.article_list.model.forget_headline)):
            try:
                signal.disconnect(slot)
            except Exception:
                pass


def open_window(path: Path, parent: QWidget | None = None) -> MainWindow | None:
    """Open a project in a new main window; a problem shows a dialog and returns None."""
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
    ensure_annotator(project, window)
    window.owns_project = True
    if not restore_layout(window):
        window.resize(1400, 900)
    window.show()
    _windows[:] = [w for w in _windows if w.isVisible()] + [window]
    return window
