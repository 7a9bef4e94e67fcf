from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.model import ENTITIES, Span, Status
from annotator.store.layers.versions import Version, is_adjudicated, put_version
from tests.conftest import add_text

TEXT = "Alice met Bob in Paris and Berlin on Monday."


def _put(project, aid, name, *spans):
    v = Version(aid, name, Status.DONE, source="test")
    v.spans[ENTITIES] = list(spans)
    with project.transaction() as conn:
        put_version(conn, project.seq(aid), v)


@pytest.fixture
def review(qtbot, project):
    from ui.app.main_window import MainWindow
    from ui.app.team.review import open_review

    aid = add_text(project, TEXT, title="Two versions")
    _put(project, aid, "alice", Span(0, 5, "PERSON"), Span(10, 13, "PERSON"), Span(17, 22, "GPE"))
    _put(project, aid, "bob", Span(0, 5, "PERSON"), Span(10, 13, "ORG"), Span(27, 33, "GPE"))
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    r = open_review(window)
    qtbot.addWidget(r)
    qtbot.waitExposed(r)
    r.activateWindow()
    r.setFocus()
    yield r
    r.close()
    window.close()


def _current(project, aid):
    return [s.span for s in project.spans(aid, ENTITIES)]


def test_review_keys_pick_a_b_neither_and_undo(qtbot, review):
    project, aid = review.project, review.article_id
    assert is_adjudicated(project.conn, project.seq(aid))
    assert _current(project, aid) == [Span(0, 5, "PERSON")]  # what both versions share
    assert "disagreement 1 of 3" in review.header.text() and "alice" in review.title_a.text()
    assert "Bob" in review.pane_a.toPlainText() and "PERSON" in review.pane_a.toPlainText()
    qtbot.keyClick(review, Qt.Key.Key_B)  # Bob: ORG
    qtbot.keyClick(review, Qt.Key.Key_N)  # Paris: neither
    qtbot.keyClick(review, Qt.Key.Key_B)  # Berlin: B's GPE
    assert _current(project, aid) == [Span(0, 5, "PERSON"), Span(10, 13, "ORG"), Span(27, 33, "GPE")]
    assert "disagreement 3 of 3" in review.header.text() and "adjudicated here: B's" in review.header.text()
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _current(project, aid) == [Span(0, 5, "PERSON"), Span(10, 13, "ORG")]
    assert "Undo" in review.hint.text()


def test_review_both_on_overlapping_spans_is_refused_with_a_reason(qtbot, review):
    project, aid = review.project, review.article_id
    qtbot.keyClick(review, Qt.Key.Key_C)  # Bob is PERSON in A and ORG in B: both cannot be kept
    assert "both cannot be kept" in review.hint.text()
    assert _current(project, aid) == [Span(0, 5, "PERSON")]
    qtbot.keyClick(review, Qt.Key.Key_Right)
    qtbot.keyClick(review, Qt.Key.Key_C)  # Paris (A only): both = A's
    assert Span(17, 22, "GPE") in _current(project, aid)
    qtbot.keyClick(review, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert project.status(aid) == Status.DONE


def test_review_first_run_asks_the_annotator_name_once(qtbot, project, monkeypatch):
    from annotator.store.identity import ENV
    from ui.app.team.identity import ensure_annotator, saved_name

    monkeypatch.delenv(ENV, raising=False)
    asked = []

    def ask(parent, suggested):
        asked.append(suggested)
        return "bad\tname" if len(asked) == 1 else "Zoë"

    ensure_annotator(project, None, ask)
    assert project.annotator == "Zoë" and saved_name() == "Zoë" and len(asked) == 2
    ensure_annotator(project, None, ask)
    assert len(asked) == 2  # asked once, remembered


def test_review_edit_by_hand_opens_the_article_in_the_main_window(qtbot, review):
    window = review.host
    qtbot.keyClick(review, Qt.Key.Key_E)
    assert window.article_id == review.article_id
    assert window.view.article_id == review.article_id
    assert window.view.toPlainText() == review.project.article(review.article_id).text
