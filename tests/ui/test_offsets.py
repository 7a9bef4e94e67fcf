"""Code point <-> UTF-16 conversion, checked against Python and against Qt's own positions."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from ui.app.view.offsets import OffsetMap

SAMPLES = [
    "plain ascii text",
    "😀 Trump met 🇰🇿 Tokayev",
    "東京で会議 Axios 報道",
    "שלום עולם Israel مرحبا بالعالم",
    "a😀b\n😀😀c\nd",
]


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", SAMPLES)
def test_offsets_to_qt_counts_utf16_units(text):
    m = OffsetMap(text)
    for cp in range(len(text) + 1):
        assert m.to_qt(cp) == utf16_len(text[:cp])
        assert m.to_cp(m.to_qt(cp)) == cp
    assert m.qt_length == utf16_len(text)


def test_offsets_emoji_before_entity_shifts_by_one():
    text = "😀 Trump"
    m = OffsetMap(text)
    assert (text.index("Trump"), m.to_qt(text.index("Trump"))) == (2, 3)
    assert m.range_to_cp(3, 8) == (2, 7)


def test_offsets_inside_surrogate_pair_rounds_to_whole_character():
    m = OffsetMap("a😀b")
    assert m.to_cp(2) == 1 and m.to_cp(2, round_up=True) == 2
    assert m.range_to_cp(0, 2) == (0, 2)  # a selection ending inside the emoji takes all of it
    assert m.range_to_cp(2, 3) == (1, 2)


def test_offsets_crlf_counts_as_one_qt_position():
    m = OffsetMap("ab\r\ncd")
    assert [m.to_qt(i) for i in range(7)] == [0, 1, 2, 2, 3, 4, 5]
    assert [m.to_cp(q) for q in range(6)] == [0, 1, 2, 4, 5, 6]


@pytest.mark.parametrize("text", SAMPLES)
def test_offsets_agree_with_qt_document(qapp, text):
    doc = QTextDocument()
    doc.setPlainText(text)
    m = OffsetMap(text)
    for word in text.split():
        start = text.index(word)
        cursor = QTextCursor(doc)
        cursor.setPosition(m.to_qt(start))
        cursor.setPosition(m.to_qt(start + len(word)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == word
