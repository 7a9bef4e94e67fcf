"""The span panel: label filter, "visible only" following the viewport, the sections list."""
from __future__ import annotations

from annotator.io.importing import import_documents
from annotator.model import Article, Document, Span, article_id

PARAGRAPH = "Trump met Israel and Kazakhstan on Thursday in a long meeting about trade and peace."
TEXT = "\n".join(PARAGRAPH for _ in range(200))


def _long_window(qtbot, project):
    from ui.app.main_window import MainWindow

    starts = [i * (len(PARAGRAPH) + 1) for i in range(200)]
    entities = [Span(p, p + 5, "PERSON") for p in starts] + [Span(p + 10, p + 16, "GPE") for p in starts]
    sections = [Span(0, starts[100] - 1, "body"), Span(starts[100], len(TEXT), "why_it_matters")]
    import_documents(project, [Document(Article(article_id(TEXT), TEXT), entities=entities, sections=sections)])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_span_panel_filters_by_label(qtbot, project):
    window = _long_window(qtbot, project)
    panel = window.span_panel
    assert panel.table.rowCount() == 400
    panel.label.setCurrentIndex(panel.label.findData("GPE"))
    assert panel.table.rowCount() == 200 and {panel.table.row_text(r)[0] for r in range(200)} == {"GPE"}
    window.close()


def test_span_panel_visible_only_follows_the_viewport(qtbot, project):
    window = _long_window(qtbot, project)
    panel = window.span_panel
    panel.visible_only.setChecked(True)
    first = [panel.table.row_text(r) for r in range(panel.table.rowCount())]
    assert 0 < len(first) < 100
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    a, b = panel.table.model_.range_filter
    assert a > len(TEXT) // 2 and b >= len(TEXT) - 1 and 0 < panel.table.rowCount() < 100
    window.close()


def test_span_panel_sections_list_jumps_to_a_section(qtbot, project):
    window = _long_window(qtbot, project)
    panel = window.span_panel
    assert panel.sections.count() == 2 and panel.sections.item(1).text().startswith("why it matters — Trump met")
    panel.sections.itemClicked.emit(panel.sections.item(1))
    start = 100 * (len(PARAGRAPH) + 1)
    assert window.view.scroll_value() == start and window.view.cursor_offset() == start
    window.close()
