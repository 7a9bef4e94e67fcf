"""The five bugs an annotator hit in the first hour (issue 18), each driven like a user would."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.model import ENTITIES, SECTIONS
from tests.conftest import SEED, add_text
from tests.ui.helpers import press
from ui.app.workers import Operation


def _reopen(qtbot, project, size=(1300, 700)):
    """A window opened the way ``open_window`` does: built, then sized, then shown."""
    from ui.app.main_window import MainWindow

    window = MainWindow(project)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_main_window_restores_scroll_inside_a_long_paragraph(qtbot, project):
    text = SEED.read_text(encoding="utf-8")
    aid = add_text(project, text)
    first = _reopen(qtbot, project)
    target = text.index("The big picture")
    first.view.set_scroll_value(target)
    top = first.view.scroll_value()
    assert 0 < top <= target
    first.close()
    assert project.session() == {"article": aid, "scroll": top}

    second = _reopen(qtbot, project)
    shown = second.view.scroll_value()
    assert shown == top
    second.close()


def _prelabel_all(qtbot, window):
    window.actions_by_name["prelabel_all"].trigger()
    op = Operation.running[-1]
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    return op


def test_main_window_prelabel_reports_in_words(qtbot, window, ruler_pipeline):
    _prelabel_all(qtbot, window)
    message = window.statusBar().currentMessage()
    assert message.startswith("Pre-labeled 3 articles: ") and "PrelabelResult" not in message, message
    assert " entities" in message and " sections" in message
    _prelabel_all(qtbot, window)
    assert window.statusBar().currentMessage() == "Already done: every article has the model's suggestions"


def test_main_window_current_article_stays_highlighted_after_prelabel_all(qtbot, window, articles, ruler_pipeline):
    window.open_article(articles[1])
    _prelabel_all(qtbot, window)
    current = window.article_list.view.currentIndex()
    assert current.isValid() and window.article_list.model.article_at(current.row()) == articles[1]
    assert window.article_list.view.selectionModel().isSelected(current)


def test_main_window_focus_returns_to_view_after_modal_dialog(qtbot, window, articles, ruler_pipeline):
    window.article_list.view.setFocus()  # the user clicked the list, then started a long job
    window.actions_by_name["prelabel_current"].trigger()
    op = Operation.running[-1]
    op.dialog.show()  # as when the job outlasts the dialog's minimum duration
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    press(window, "Ctrl+PgDown")
    assert window.article_id == articles[1]


def test_main_window_imported_article_is_prelabeled(qtbot, window, tmp_path, ruler_pipeline):
    source = tmp_path / "new.txt"
    source.write_text("Trump visited Israel on Thursday.\n\nAxios reported the visit in full.", encoding="utf-8")
    window.ops.import_path(source)
    qtbot.waitUntil(lambda: "pre-labeled" in window.statusBar().currentMessage(), timeout=20000)
    (added,) = [a for a in window.project.ids() if "Trump visited" in window.project.article(a).text]
    assert {s.label for s in window.project.spans(added, ENTITIES)} >= {"PERSON", "GPE", "DATE"}
    assert window.project.spans(added, SECTIONS)
    assert window.statusBar().currentMessage().startswith("Imported 1 new article from new.txt and pre-labeled it")
