"""Ctrl+F: a search bar over the article view."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ui.app.view.article_view import ArticleView


class FindBar(QWidget):
    """Ctrl+F: a search field over the article; Enter finds the next match, Shift+Enter the previous."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in article (Enter: next, Shift+Enter: previous, Esc: close)")
        close = QPushButton("Close")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.field)
        layout.addWidget(close)
        close.clicked.connect(self.hide)
        self.field.returnPressed.connect(lambda: self.find(backward=False))
        self.hide()

    def find(self, backward: bool = False) -> bool:
        from PySide6.QtGui import QTextDocument

        text = self.field.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.view.find(text, flags):
            return True
        cursor = self.view.textCursor()  # wrap around once
        cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
        self.view.setTextCursor(cursor)
        return self.view.find(text, flags)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.view.setFocus()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find(backward=True)
        else:
            super().keyPressEvent(event)
