"""What the window's parts (gestures, menus, file and model operations) see of the main window.

:class:`~ui.app.main_window.MainWindow` satisfies :class:`WindowHost`; the parts are typed against
this protocol instead of importing the window, so the window module sits above them.
"""
from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QWidget

from annotator.editing.commands import Editor
from annotator.store.project import Project
from ui.app.panels.article_list import ArticleList
from ui.app.panels.find_bar import FindBar
from ui.app.panels.label_bar import LabelBar
from ui.app.trainer import TrainingControl
from ui.app.view.article_view import ArticleView


class WindowHost(Protocol):
    project: Project
    editor: Editor
    view: ArticleView
    article_list: ArticleList
    label_bar: LabelBar
    find_bar: FindBar
    recent_menu: QMenu
    docks: list[QDockWidget]
    article_id: str | None
    training: TrainingControl
    open_requested: SignalInstance  # emit a project Path to open it in place of this window

    def open_article(self, article_id: str, scroll: int = 0) -> None: ...

    def reload_article(self) -> None: ...

    def report(self, message: str, error: bool = False) -> None: ...

    def show_find(self) -> None: ...

    def focus_view(self) -> None: ...


    # the QMainWindow parts the menus and dialogs use

    def addAction(self, action: QAction) -> None: ...

    def menuBar(self) -> QMenuBar: ...

    def close(self) -> bool: ...
