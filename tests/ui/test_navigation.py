"""Moving between articles, undo across them, find, zoom, the article list, and resuming a session."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.editing.commands import AddSpan, Editor, SetStatus
from annotator.model import ENTITIES, Status
from annotator.store.project import Project
from tests.conftest import add_text
from tests.ui.conftest import TEXT_A, TEXT_B
from tests.ui.helpers import drag, press, shown, stored


def test_navigation_accept_marks_done_and_opens_next(window, articles):
    assert window.article_id == articles[0]
    press(window, "Ctrl+Return")
    assert window.project.status(articles[0]) == Status.DONE
    assert window.article_id == articles[1]
    assert window.view.toPlainText() == TEXT_B
    assert window.article_list.progress.text() == "1 of 3 done"
    row = window.article_list.model.row_of(articles[0])
    assert window.article_list.model.index(row).data(Qt.ItemDataRole.ToolTipRole).startswith("Done")


def test_navigation_skip_marks_skipped_and_opens_next(window, articles):
    press(window, "Ctrl+Shift+Return")
    assert window.project.status(articles[0]) == Status.SKIPPED
    assert window.article_id == articles[1]
    press(window, "Ctrl+Return")
    assert window.article_id == articles[2]


def test_navigation_previous_and_next(window, articles):
    press(window, "Ctrl+PgDown")
    assert window.article_id == articles[1]
    press(window, "Ctrl+PgDown")
    assert window.article_id == articles[2]
    press(window, "Ctrl+PgUp")
    assert window.article_id == articles[1]
    assert window.article_list.view.currentIndex().row() == 1


def test_navigation_undo_and_redo_follow_edit_to_its_article(window, articles):
    drag(window.view, TEXT_A.index("Israel"), TEXT_A.index("Israel") + 6)
    press(window, "3")
    window.open_article(articles[2])
    press(window, "Ctrl+Z")
    assert window.article_id == articles[0]
    assert stored(window.project, articles[0]) == [] and shown(window.view) == []
    window.open_article(articles[2])
    press(window, "Ctrl+Shift+Z")
    assert window.article_id == articles[0]
    assert stored(window.project, articles[0]) == [("Israel", "GPE")]
    assert shown(window.view) == [("Israel", "GPE")]
    assert window.actions_by_name["undo"].text() == "&Undo Add GPE"


def test_navigation_undo_survives_reopening(qtbot, tmp_path, schema):
    from ui.app.main_window import MainWindow

    path = tmp_path / "reopen.annotator"
    with Project.create(path, schema) as project:
        aid = add_text(project, TEXT_A)
        start = TEXT_A.index("Trump")
        Editor(project).execute(AddSpan(aid, ENTITIES, start, start + 5, "PERSON"))
    with Project.open(path) as again:
        second = MainWindow(again)
        qtbot.addWidget(second)
        second.resize(900, 600)
        second.show()
        qtbot.waitExposed(second)
        second.activateWindow()
        second.view.setFocus()
        assert shown(second.view) == [("Trump", "PERSON")]
        qtbot.wait(10)
        press(second, "Ctrl+Z")
        assert again.spans(aid, ENTITIES) == []
        assert shown(second.view) == []
        second.close()


def test_navigation_find_selects_match(window):
    press(window, "Ctrl+F")
    assert window.find_bar.isVisible()
    window.find_bar.field.setText("Kazakhstan")
    assert window.find_bar.find()
    assert window.view.selected_text() == "Kazakhstan"


def test_navigation_zoom_changes_font_size(window):
    before = window.view.font().pointSizeF()
    press(window, "Ctrl+=")
    assert window.view.font().pointSizeF() > before
    press(window, "Ctrl+-")
    press(window, "Ctrl+-")
    assert window.view.font().pointSizeF() < before


def test_navigation_reopening_restores_article_and_scroll(qtbot, project):
    from ui.app.main_window import MainWindow

    long_text = "\n".join(f"Line {i} of a long article about Israel." for i in range(400))
    add_text(project, "Short one.")
    aid = add_text(project, long_text)
    first = MainWindow(project)
    qtbot.addWidget(first)
    first.resize(1100, 600)
    first.show()
    qtbot.waitExposed(first)
    first.open_article(aid)
    first.view.verticalScrollBar().setValue(first.view.verticalScrollBar().maximum() // 2)
    top = first.view.scroll_value()
    assert top > 0 and long_text[top:].startswith("Line ")
    first.close()
    assert project.session() == {"article": aid, "scroll": top}

    second = MainWindow(project)
    qtbot.addWidget(second)
    second.resize(1100, 600)
    second.show()
    qtbot.waitExposed(second)
    assert second.article_id == aid
    assert second.view.scroll_value() == top
    assert second.article_list.view.currentIndex().row() == 1
    second.close()


def test_navigation_article_list_fetches_lazily_and_filters(qtbot, project):
    from annotator.io.importing import import_documents
    from annotator.model import Article, Document, article_id
    from ui.app.panels.article_list import PAGE, ArticleList

    texts = [f"Article number {i} mentions {'Israel' if i % 50 == 0 else 'nobody'}." for i in range(PAGE * 2 + 50)]
    import_documents(project, [Document(Article(article_id(t), t)) for t in texts])
    panel = ArticleList(project)
    qtbot.addWidget(panel)
    model = panel.model
    assert model.rowCount() == PAGE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE * 2
    panel.search.setText("israel")
    panel.apply_filter()
    assert model.rowCount() == 9 and not model.canFetchMore()
    ids = project.ids()
    from annotator.editing.commands import Editor

    Editor(project).execute(SetStatus(ids[0], Status.DONE))
    panel.search.setText("")
    panel.filter.setCurrentIndex(panel.filter.findData(Status.DONE.value))
    assert model.rowCount() == 1 and model.article_at(0) == ids[0]
    assert panel.progress.text() == f"1 of {len(texts)} done"


def test_navigation_core_status_change_updates_list_and_status_bar(window, articles):
    Editor(window.project).execute(SetStatus(articles[1], Status.DONE))
    row = window.article_list.model.row_of(articles[1])
    assert window.article_list.model.index(row).data(Qt.ItemDataRole.ToolTipRole).startswith("Done")
    assert window.article_list.progress.text() == "1 of 3 done"
    assert window.status_counts.text().startswith("1 of 3 done")


def test_navigation_article_list_shows_the_headline_once_sections_know_it(window, articles):
    from annotator.editing.commands import SetSection, SplitSection

    model = window.article_list.model
    assert model.index(0).data() == "1. First"  # the title, before any section
    editor = Editor(window.project)
    editor.execute(SetSection(articles[0], 0, "body"))
    editor.execute(SplitSection(articles[0], TEXT_A.index("Axios")))
    editor.execute(SetSection(articles[0], 0, "headline"))
    assert model.index(0).data() == "1. Kassym-Jomart Tokayev met Trump in Israel on Thursday."
    assert model.index(1).data() == "2. Second"
