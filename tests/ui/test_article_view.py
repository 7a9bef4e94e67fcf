"""The article view on its own: Qt positions of spans, painting, many spans, the section gutter."""
from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor

from annotator.io.importing import import_documents
from annotator.model import ENTITIES, SECTIONS, Article, Document, Span, article_id
from tests.ui.helpers import shown


def make_view(qtbot, project, text: str, entities=(), sections=()):
    from ui.app.view.article_view import ArticleView

    doc = Document(Article(article_id(text), text), entities=list(entities), sections=list(sections))
    import_documents(project, [doc])
    view = ArticleView(project.schema)
    qtbot.addWidget(view)
    view.resize(700, 400)
    aid = doc.article.id
    view.show_article(aid, text, project.spans(aid, ENTITIES), project.spans(aid, SECTIONS))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_article_view_places_spans_after_emoji_and_cjk(qtbot, project):
    text = "😀😀 Trump in 東京 and Israel."
    ents = [Span(text.index("Trump"), text.index("Trump") + 5, "PERSON"), Span(text.index("東京"), text.index("東京") + 2, "GPE"),
            Span(text.index("Israel"), text.index("Israel") + 6, "GPE")]
    view = make_view(qtbot, project, text, ents)
    assert shown(view) == [("Trump", "PERSON"), ("東京", "GPE"), ("Israel", "GPE")]


def test_article_view_paints_entity_colour_at_span(qtbot, project):
    text = "Trump met nobody here at all today."
    view = make_view(qtbot, project, text, [Span(0, 5, "PERSON")])
    image = view.viewport().grab().toImage()
    cursor = QTextCursor(view.document())
    cursor.setPosition(2)
    r = view.cursorRect(cursor)
    inside = QColor(image.pixelColor(r.left() + 1, r.bottom() - 2))
    cursor.setPosition(15)
    r2 = view.cursorRect(cursor)
    outside = QColor(image.pixelColor(r2.left() + 1, r2.bottom() - 2))
    person = QColor(project.schema.label(ENTITIES, "PERSON").color)
    assert inside != outside
    assert abs(inside.hue() - person.hue()) < 25  # the tint is the label's colour


def test_article_view_paints_3000_spans_without_crashing(qtbot, project):
    words = [f"word{i}" for i in range(6000)]
    text = " ".join(words)
    ents, pos = [], 0
    for i, w in enumerate(words):
        if i % 2 == 0:
            ents.append(Span(pos, pos + len(w), "ORG"))
        pos += len(w) + 1
    view = make_view(qtbot, project, text, ents, [Span(0, len(text), "body")])
    assert len(view.entities) == 3000
    for value in (0, view.verticalScrollBar().maximum() // 2, view.verticalScrollBar().maximum()):
        view.verticalScrollBar().setValue(value)
        assert not view.grab().isNull()


def test_article_view_gutter_shows_section_colour(qtbot, project):
    text = "Headline here\nThe body text follows on this line."
    view = make_view(qtbot, project, text, sections=[Span(0, 13, "headline"), Span(14, len(text), "body")])
    assert shown(view, SECTIONS) == [("Headline here", "headline"), (text[14:], "body")]
    image = view.gutter.grab().toImage()
    band = QColor(image.pixelColor(view.gutter.width() - 2, 16))
    assert band == QColor(project.schema.label(SECTIONS, "headline").color)


def test_article_view_set_spans_drops_vanished_selection(qtbot, project):
    view = make_view(qtbot, project, "Trump spoke.", [Span(0, 5, "PERSON")])
    sid = view.entities.spans[0].span_id
    seen = []
    view.span_selected.connect(seen.append)
    view.select_span(sid)
    view.set_spans([], [])
    assert view.selected_span is None and seen == [sid, None]
