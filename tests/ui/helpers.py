"""Driving the article view like a user: points of text positions, drags, clicks and keys."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence, QMouseEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.model import ENTITIES


def point(view, cp: int, dx: int = 0) -> QPoint:
    """The viewport point just right of the boundary before code point ``cp``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(cp))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + dx, rect.center().y())


def _mouse(view, kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(view.viewport().mapToGlobal(pos)), Qt.MouseButton.LeftButton, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def point_after(view, cp: int) -> QPoint:
    """The viewport point just left of the boundary after code point ``cp - 1``, on its line."""
    last, after = point(view, cp - 1), point(view, cp)
    if last.y() == after.y():
        return QPoint(after.x() - 1, after.y())
    char = view.document().toPlainText()[view.offsets.to_qt(cp - 1)]
    return QPoint(last.x() + view.fontMetrics().horizontalAdvance(char) - 1, last.y())


def drag(view, start: int, end: int) -> None:
    """Press at the boundary before code point ``start``, drag, release at the boundary after ``end - 1``."""
    a, b = point(view, start, 1), point_after(view, end)
    _mouse(view, QEvent.Type.MouseButtonPress, a, Qt.MouseButton.LeftButton)
    _mouse(view, QEvent.Type.MouseMove, b, Qt.MouseButton.LeftButton)
    _mouse(view, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)


def click(view, cp: int) -> None:
    p = point(view, cp, 2)
    _mouse(view, QEvent.Type.MouseButtonPress, p, Qt.MouseButton.LeftButton)
    _mouse(view, QEvent.Type.MouseButtonRelease, p, Qt.MouseButton.NoButton)


def press(window, keys: str) -> None:
    """Type a key sequence (``"3"``, ``"Alt+Right"``, ``"Ctrl+Z"``) into the focused view."""
    combo = QKeySequence(keys)[0]
    QTest.keyClick(window.view, combo.key(), combo.keyboardModifiers())
    QApplication.processEvents()


def stored(project, article: str, layer: str = ENTITIES) -> list[tuple[str, str]]:
    """(text, label) of the spans the project file holds."""
    text = project.article(article).text
    return [(text[s.start:s.end], s.label) for s in project.spans(article, layer)]


def shown(view, layer: str = ENTITIES) -> list[tuple[str, str]]:
    """(text, label) of the spans the view paints, read back through Qt positions."""
    index = view.entities if layer == ENTITIES else view.sections
    out = []
    for s in index:
        cursor = QTextCursor(view.document())
        cursor.setPosition(s.start)
        cursor.setPosition(s.end, QTextCursor.MoveMode.KeepAnchor)
        out.append((cursor.selectedText().replace("\u2029", "\n"), s.label))
    return out


def listed(window) -> list[tuple[str, str, str]]:
    table = window.span_list
    return [table.row_text(r) for r in range(table.rowCount())]

