"""Keyboard focus goes back to the article view when a modal dialog of the window closes.

A modal dialog (progress, message box, file or input dialog) takes the keyboard; when it hides,
Qt gives focus back to whatever the window manager reactivates, sometimes nothing, so the
window's shortcuts (Ctrl+PgDown, entity keys) went dead until a click. Qt has no setting for
this, hence an application event filter.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class FocusKeeper(QObject):
    """Calls ``give_back`` after any modal dialog whose parent is inside ``window`` hides."""

    def __init__(self, window: QWidget, give_back: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.give_back = window, give_back
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(obj, QDialog) and self._ours(obj):
            QTimer.singleShot(0, self._give_back)
        return False

    def _ours(self, dialog: QDialog) -> bool:
        try:
            parent = dialog.parentWidget()
            modal = dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
            return modal and parent is not None and parent.window() is self.window
        except RuntimeError:  # a dialog hidden while its window is being destroyed
            return False

    def _give_back(self) -> None:
        if self.window.isVisible() and QApplication.activeModalWidget() is None:
            self.give_back()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
