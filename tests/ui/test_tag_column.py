"""Label tags beside the text: never over it, one line's tags in text order, shortened to fit."""
from __future__ import annotations

from annotator.model import Span
from tests.ui.test_article_view import make_view
from ui.app.view.tag_column import fit_tags, labels_by_line

DENSE = ("Trump met Israel and Kazakhstan on Thursday. " * 30).strip()


def _dense_spans():
    out = []
    for start in range(0, len(DENSE), len("Trump met Israel and Kazakhstan on Thursday. ")):
        for word, label in (("Trump", "PERSON"), ("Israel", "GPE"), ("Kazakhstan", "GPE"), ("Thursday", "DATE")):
            at = DENSE.index(word, start)
            out.append(Span(at, at + len(word), label))
    return out


def test_tag_column_sits_beside_the_viewport_not_over_the_text(qtbot, project):
    view = make_view(qtbot, project, DENSE, _dense_spans())
    assert view.tag_layout == "column" and view.tag_column.isVisible()
    text_area = view.viewport().geometry()
    assert view.tag_column.geometry().left() > text_area.right()
    assert not view.tag_column.geometry().intersects(text_area)
    image = view.tag_column.grab().toImage()  # the column does paint tags
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert view.painter.colour("entities", "GPE").name() in colours


def test_tag_column_lists_each_lines_labels_in_text_order(qtbot, project):
    view = make_view(qtbot, project, DENSE, _dense_spans())
    lines = view.line_cache.lines()
    by_line = labels_by_line(lines, view.entities)
    assert sum(len(v) for v in by_line.values()) == len([s for s in view.entities if s.start < lines[-1].end])
    first = by_line[0]
    assert first[:4] == ["PERSON", "GPE", "GPE", "DATE"][: len(first[:4])]


def test_tag_column_shortens_then_counts_what_does_not_fit():
    advance = lambda t: 7.0 * len(t)  # noqa: E731
    labels = ["PERSON", "GPE", "DATE", "ORG"]
    assert fit_tags(labels, 500, advance) == labels
    assert fit_tags(labels, 4 * (21 + 9), advance) == ["PER", "GPE", "DAT", "ORG"]
    tight = fit_tags(labels, 70, advance)
    assert tight[-1].startswith("+") and int(tight[-1][1:]) == 4 - (len(tight) - 1)


def test_tag_column_other_layouts_free_the_margin(qtbot, project):
    view = make_view(qtbot, project, DENSE, _dense_spans())
    wide = view.viewport().width()
    view.set_tag_layout("hover")
    assert not view.tag_column.isVisible() and view.viewport().width() > wide


def test_tag_column_hover_layout_tags_only_the_selected_span(qtbot, project):
    view = make_view(qtbot, project, DENSE, _dense_spans())
    first = list(view.entities)[5]
    view.set_tag_layout("hover")
    plain = view.viewport().grab().toImage()  # nothing selected: no tag anywhere over the text
    view.select_span(first.span_id, scroll=False)
    tagged = view.viewport().grab().toImage()
    rect = view.cursorRect(view.textCursor())
    above = [(x, y) for x in range(rect.left(), rect.left() + 30) for y in range(max(rect.top() - 8, 0), rect.top() - 3)]
    assert any(plain.pixelColor(x, y) != tagged.pixelColor(x, y) for x, y in above)
    elsewhere = [(x, y) for x in range(0, plain.width(), 7) for y in range(max(rect.top() - 60, 0), max(rect.top() - 30, 0))]
    assert all(plain.pixelColor(x, y) == tagged.pixelColor(x, y) for x, y in elsewhere)
