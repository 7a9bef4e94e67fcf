"""Find: match count, next and previous (also by button), every match highlighted, Esc clears."""
from __future__ import annotations

from tests.ui.conftest import TEXT_A
from tests.ui.helpers import press


def test_find_bar_counts_and_highlights_every_match(window):
    press(window, "Ctrl+F")
    bar = window.find_bar
    bar.field.setText(" IT")  # case-insensitive
    assert bar.count.text() == "2 matches"
    marked = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.view.extraSelections()]
    assert [TEXT_A[a:b] for a, b in marked] == [" it"] * 2
    assert bar.find()
    assert bar.count.text() == "1 of 2"
    bar.next.click()
    assert bar.count.text() == "2 of 2" and window.view.textCursor().selectionStart() == TEXT_A.rindex(" it")
    bar.previous.click()
    assert bar.count.text() == "1 of 2"
    bar.field.setText("nowhere to be found")
    assert bar.count.text() == "No matches" and window.view.extraSelections() == []


def test_find_bar_escape_clears_highlights_and_returns_to_the_text(qtbot, window):
    press(window, "Ctrl+F")
    window.find_bar.field.setText("Israel")
    assert window.view.extraSelections()
    window.find_bar.keyPressEvent(_esc())
    assert not window.find_bar.isVisible() and window.view.extraSelections() == []
    assert window.view.hasFocus() or window.focusWidget() is window.view


def _esc():
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
