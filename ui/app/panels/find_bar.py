"""Ctrl+F: a search bar over the article view, with the match count, previous and next, and
every match highlighted (the view's extra selections, capped so a huge article stays quick)."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextEdit, QWidget

from ui.app.view.article_view import ArticleView

MAX_HIGHLIGHTS = 5000


class FindBar(QWidget):
    """Enter: next match, Shift+Enter or the ◀ button: previous, Esc: close."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in article (Enter: next, Shift+Enter: previous, Esc: close)")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        self.previous = QPushButton("◀ Previous")
        self.next = QPushButton("Next ▶")
        close = QPushButton("Close")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (self.field, self.count, self.previous, self.next, close):
            layout.addWidget(w)
        close.clicked.connect(self.close_bar)
        self.previous.clicked.connect(lambda: self.find(backward=True))
        self.next.clicked.connect(lambda: self.find(backward=False))
        self.field.returnPressed.connect(lambda: self.find(backward=False))
        self.field.textChanged.connect(lambda _: self.highlight_all())
        self.starts: list[int] = []  # Qt positions of every match, in order
        self.hide()

    def highlight_all(self) -> int:
        """Mark every match of the field's text and show how many there are."""
        text = self.field.text()
        self.starts = []
        if text:
            haystack = self.view.toPlainText()
            self.starts = [m.start() for m in re.finditer(re.escape(text), haystack, re.IGNORECASE)]
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 214, 0, 150))
        selections = []
        for start in self.starts[:MAX_HIGHLIGHTS]:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor, sel.format = cursor, fmt  # type: ignore[attr-defined]
            selections.append(sel)
        self.view.setExtraSelections(selections)
        self._show_count()
        return len(self.starts)

    def _show_count(self) -> None:
        if not self.field.text():
            self.count.setText("")
            return
        if not self.starts:
            self.count.setText("No matches")
            return
        cursor = self.view.textCursor()
        current = next((i for i, s in enumerate(self.starts) if s == cursor.selectionStart() and cursor.hasSelection()), None)
        self.count.setText(f"{current + 1} of {len(self.starts)}" if current is not None else f"{len(self.starts)} match{'' if len(self.starts) == 1 else 'es'}")

    def find(self, backward: bool = False) -> bool:
        text = self.field.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.view.find(text, flags)
        if not found:
            cursor = self.view.textCursor()  # wrap around once
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self.view.setTextCursor(cursor)
            found = self.view.find(text, flags)
        self._show_count()
        return found

    def close_bar(self) -> None:
        self.hide()
        self.view.setExtraSelections([])
        self.view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find(backward=True)
        else:
            super().keyPressEvent(event)
