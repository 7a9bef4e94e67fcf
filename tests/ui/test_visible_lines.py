"""The lines on screen and the x of positions, kept between paints while the layout stays."""
from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import QTextCursor

from annotator.model import ENTITIES, SECTIONS, Span
from tests.ui.test_article_view import make_view
from ui.app.view.span_painter import section_boxes
from ui.app.view.visible_lines import LineBox, visible_lines

TEXT = "\n".join(f"Paragraph {i} says that Kazakhstan will join the accords next week, " * 4 for i in range(60))


def cursor_x(view, pos: int) -> int:
    cursor = QTextCursor(view.document())
    cursor.setPosition(pos)
    return view.cursorRect(cursor).left()


def test_visible_lines_cover_the_viewport_in_order(qtbot, project):
    view = make_view(qtbot, project, TEXT)
    view.verticalScrollBar().setValue(7)
    lines = visible_lines(view)
    assert lines[0].top <= 0 < lines[0].top + lines[0].height
    assert lines[-1].top + lines[-1].height >= view.viewport().height()
    for above, below in pairwise(lines):
        assert below.top > above.top
        assert below.start == above.end + (1 if above.block_end else 0)
    assert [(b.start, b.top) for b in lines] == [(b.start, b.top) for b in view.line_cache.lines()]


def test_line_cache_keeps_lines_until_scroll_resize_or_new_text(qtbot, project):
    view = make_view(qtbot, project, TEXT)
    cache = view.line_cache
    first = cache.lines()
    assert cache.lines() is first
    view.verticalScrollBar().setValue(5)
    scrolled = cache.lines()
    assert scrolled is not first and scrolled[0].start > first[0].start
    view.resize(500, 400)
    qtbot.wait(1)
    assert cache.lines() is not scrolled
    view.verticalScrollBar().setValue(0)
    cache.lines()
    other = "Short.\n" + TEXT.split("\n", 1)[1]  # as many blocks, the first one shorter
    view.show_article("other", other, [], [])
    assert [(b.start, b.end) for b in cache.lines()] == [(b.start, b.end) for b in visible_lines(view)]
    assert cache.lines()[0].end == 6


def test_line_cache_x_follows_the_layout(qtbot, project):
    view = make_view(qtbot, project, TEXT)
    cache = view.line_cache
    box = cache.lines()[1]
    pos = box.start + 9
    assert abs(cache.x(box, pos) - cursor_x(view, pos)) <= 1
    assert cache.x(box, pos) == cache.x(box, pos)
    view.resize(450, 400)
    qtbot.wait(1)
    box = next(b for b in cache.lines() if b.start <= pos < b.end)
    assert abs(cache.x(box, pos) - cursor_x(view, pos)) <= 1
    first = cache.lines()[0]
    before = cache.x(first, first.start + 9)
    view.zoom(3)  # the same line start, wider letters
    first = cache.lines()[0]
    assert cache.x(first, first.start + 9) > before
    assert abs(cache.x(first, first.start + 9) - cursor_x(view, first.start + 9)) <= 1


def test_article_view_paints_spans_after_scroll_and_edit(qtbot, project):
    view = make_view(qtbot, project, TEXT, [Span(TEXT.index("Kazakhstan"), TEXT.index("Kazakhstan") + 10, "GPE")],
                     [Span(0, len(TEXT), "body")])
    before = view.viewport().grab().toImage()
    view.set_layer(ENTITIES, [])
    view.set_layer(SECTIONS, [])
    assert view.viewport().grab().toImage() != before
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert not view.grab().isNull()


def box(start: int, end: int, top: float, height: float = 16.0) -> LineBox:
    return LineBox(start, end, top, height, True, None, start, 0.0)  # type: ignore[arg-type]


def test_section_boxes_merge_full_lines_that_touch():
    lines = [box(0, 10, 0), box(11, 20, 16), box(21, 30, 32), box(31, 40, 50)]
    starts = [b.start for b in lines]
    got = section_boxes(lines, starts, 0, 40, lambda b, pos: float(pos), 100.0)
    assert got == [(0.0, 0.0, 100.0, 48.0), (0.0, 50.0, 100.0, 16.0)]  # a gap above the last line
    partial = section_boxes(lines, starts, 15, 25, lambda b, pos: float(pos), 100.0)
    assert partial == [(15.0, 16.0, 85.0, 16.0), (0.0, 32.0, 25.0, 16.0)]
