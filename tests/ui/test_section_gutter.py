"""The section gutter: wide enough for the schema's names, abbreviations by word, a sticky name."""
from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from annotator.model import Span
from tests.ui.test_article_view import make_view
from ui.app.view.section_gutter import _sticky, abbreviate, display_name, gutter_font


def test_section_gutter_abbreviates_longest_words_first():
    fits = lambda limit: (lambda t: len(t) <= limit)  # noqa: E731
    assert abbreviate("why_it_matters", fits(20)) == "why it matters"
    assert abbreviate("between_the_lines", fits(15)) == "betw. the lines"
    short = abbreviate("what_they_are_saying", fits(16))
    assert len(short) <= 16 and short.startswith("what") and "…" not in short


def test_section_gutter_fits_common_names_whole(qtbot, project):
    text = "Headline here\nWhy it matters: a lot of text follows. " + "More words in the section. " * 80
    view = make_view(qtbot, project, text, sections=[Span(0, 13, "headline"), Span(14, len(text), "why_it_matters")])
    fm = QFontMetricsF(gutter_font(view))
    room = view.gutter.width() - 8
    for name in ("why_it_matters", "big_picture", "boilerplate", "driving_the_news"):
        assert fm.horizontalAdvance(display_name(name)) <= room, name


def test_section_gutter_names_the_section_the_viewport_starts_in(qtbot, project):
    text = "Headline here\nWhy it matters: a lot of text follows. " + "More words in the section. " * 200
    view = make_view(qtbot, project, text, sections=[Span(0, 13, "headline"), Span(14, len(text), "why_it_matters")])
    view.set_scroll_value(text.index("More words", 2000))
    lines = view.line_cache.lines()
    sticky = _sticky(lines, list(view.sections), {})
    assert sticky is not None and sticky.label == "why_it_matters"
    view.set_scroll_value(0)
    assert _sticky(view.line_cache.lines(), list(view.sections), {0: ["headline"]}) is None
