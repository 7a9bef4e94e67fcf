"""Each gesture of the article view: what the project file holds afterwards and what the view shows."""
from __future__ import annotations

from annotator.editing.commands import AddSpan
from annotator.model import ENTITIES, SECTIONS, Origin
from tests.ui.conftest import TEXT_A
from tests.ui.helpers import click, drag, listed, press, shown, stored


def add(window, word: str, label: str, occurrence: int = 0) -> int:
    """Add an entity through the core (not the view); returns its span id."""
    text = window.project.article(window.article_id).text
    start = text.index(word) if occurrence == 0 else text.index(word, text.index(word) + 1)
    window.editor.execute(AddSpan(window.article_id, ENTITIES, start, start + len(word), label))
    return next(s.id for s in window.project.spans(window.article_id, ENTITIES) if s.start == start)


def test_gestures_drag_snaps_selection_to_tokens(window):
    drag(window.view, TEXT_A.index("Trump") + 1, TEXT_A.index("Israel") + 3)  # "rump in Isr"
    assert window.view.selection() == (TEXT_A.index(" in ") + 1, TEXT_A.index(" in ") + 3)
    assert window.view.selected_text() == "in"  # the partial words are dropped, visibly
    drag(window.view, TEXT_A.index("Trump"), TEXT_A.index("Israel") + len("Israel"))
    assert window.view.selected_text() == "Trump in Israel"


def test_gestures_drag_over_whitespace_selects_nothing(window):
    drag(window.view, TEXT_A.index(" Trump"), TEXT_A.index("Trump"))
    assert window.view.selection() is None
    press(window, "1")
    assert stored(window.project, window.article_id) == []


def test_gestures_drag_inside_one_word_expands_to_it(window):
    start = TEXT_A.index("Thursday") + 2
    drag(window.view, start, start + 3)
    assert window.view.selected_text() == "Thursday"
    assert window.view.selection() == (TEXT_A.index("Thursday"), TEXT_A.index("Thursday") + 8)


def test_gestures_label_key_adds_entity_over_selection(window):
    drag(window.view, TEXT_A.index("Israel") + 1, TEXT_A.index("Israel") + 4)
    press(window, "3")
    assert stored(window.project, window.article_id) == [("Israel", "GPE")]
    assert window.project.spans(window.article_id, ENTITIES)[0].origin == Origin.ADDED
    assert shown(window.view) == [("Israel", "GPE")]
    assert listed(window) == [("GPE", "Israel", "added")]
    assert window.view.selected_span == window.project.spans(window.article_id, ENTITIES)[0].id


def test_gestures_label_button_adds_entity(window):
    drag(window.view, TEXT_A.index("Axios") + 1, TEXT_A.index("Axios") + 3)
    window.label_bar.buttons[(ENTITIES, "ORG")].click()
    assert stored(window.project, window.article_id) == [("Axios", "ORG")]
    assert shown(window.view) == [("Axios", "ORG")]


def test_gestures_adding_over_a_span_replaces_it(window):
    add(window, "Trump", "ORG")
    drag(window.view, TEXT_A.index("Trump"), TEXT_A.index("Israel") + len("Israel"))
    press(window, "1")
    assert stored(window.project, window.article_id) == [("Trump in Israel", "PERSON")]
    assert shown(window.view) == [("Trump in Israel", "PERSON")]


def test_gestures_click_selects_span_and_list_row(window):
    sid = add(window, "Israel", "GPE")
    add(window, "Trump", "PERSON")
    click(window.view, TEXT_A.index("Israel") + 2)
    assert window.view.selected_span == sid
    assert window.span_list.selected_span() == sid
    click(window.view, TEXT_A.index("met") + 1)
    assert window.view.selected_span is None
    assert window.span_list.selected_span() is None


def test_gestures_list_row_selects_span_in_view(window):
    add(window, "Trump", "PERSON")
    sid = add(window, "Israel", "GPE")
    window.span_list.selectRow(1)
    assert window.view.selected_span == sid


def test_gestures_label_key_relabels_selected_span(window):
    sid = add(window, "Trump", "ORG")
    window.view.select_span(sid)
    press(window, "1")
    assert stored(window.project, window.article_id) == [("Trump", "PERSON")]
    assert window.project.spans(window.article_id, ENTITIES)[0].origin == Origin.ADDED
    assert shown(window.view) == [("Trump", "PERSON")]
    assert listed(window)[0][0] == "PERSON"


def test_gestures_delete_removes_selected_span(window):
    sid = add(window, "Trump", "PERSON")
    add(window, "Israel", "GPE")
    window.view.select_span(sid)
    press(window, "Delete")
    assert stored(window.project, window.article_id) == [("Israel", "GPE")]
    assert shown(window.view) == [("Israel", "GPE")]
    assert window.view.selected_span is None
    assert window.span_list.rowCount() == 1


def test_gestures_keys_move_span_edges_by_one_token(window):
    sid = add(window, "Tokayev", "PERSON")
    window.view.select_span(sid)
    press(window, "Alt+Left")  # start one token left: "Jomart Tokayev"... tokens of "Kassym-Jomart"
    first = stored(window.project, window.article_id)[0][0]
    assert first.endswith("Tokayev") and len(first) > len("Tokayev")
    press(window, "Shift+Alt+Right")
    assert stored(window.project, window.article_id)[0][0] == first + " met"
    press(window, "Shift+Alt+Left")
    press(window, "Alt+Right")
    assert stored(window.project, window.article_id) == [("Tokayev", "PERSON")]
    assert shown(window.view) == [("Tokayev", "PERSON")]
    assert window.view.selected_span == sid


def test_gestures_escape_clears_selection(window):
    sid = add(window, "Trump", "PERSON")
    window.view.select_span(sid)
    press(window, "Esc")
    assert window.view.selected_span is None
    assert window.span_list.selected_span() is None
    assert stored(window.project, window.article_id) == [("Trump", "PERSON")]


def test_gestures_section_key_sets_type_under_cursor(window):
    window.view.set_cursor_offset(TEXT_A.index("Axios"))
    press(window, "l")
    assert stored(window.project, window.article_id, SECTIONS) == [(TEXT_A.strip(), "lede")]
    assert shown(window.view, SECTIONS) == [(TEXT_A.strip(), "lede")]
    press(window, "h")
    assert stored(window.project, window.article_id, SECTIONS) == [(TEXT_A.strip(), "headline")]
    assert [s.label for s in window.view.sections] == ["headline"]


def test_gestures_split_and_merge_sections(window):
    window.view.set_cursor_offset(0)
    press(window, "b")
    window.view.set_cursor_offset(TEXT_A.index("Why"))
    press(window, "/")
    assert [t for t, _ in stored(window.project, window.article_id, SECTIONS)] == [
        TEXT_A[:TEXT_A.index("Why")].rstrip(), TEXT_A[TEXT_A.index("Why"):].rstrip()]
    press(window, "m")
    assert [label for _, label in stored(window.project, window.article_id, SECTIONS)] == ["body", "why_it_matters"]
    assert [s.label for s in window.view.sections] == ["body", "why_it_matters"]
    press(window, "Ctrl+Backspace")
    assert stored(window.project, window.article_id, SECTIONS) == [(TEXT_A.strip(), "body")]
    assert shown(window.view, SECTIONS) == [(TEXT_A.strip(), "body")]


def test_gestures_core_change_updates_view_and_list(window):
    add(window, "Israel", "GPE")  # through the editor, not the window
    assert shown(window.view) == [("Israel", "GPE")]
    assert listed(window) == [("GPE", "Israel", "added")]
    window.editor.undo()
    assert shown(window.view) == []
    assert listed(window) == []


def test_gestures_refused_edit_reports_and_changes_nothing(window):
    press(window, "3")  # nothing selected
    assert stored(window.project, window.article_id) == []
    assert "Select some text" in window.statusBar().currentMessage()


def test_gestures_status_says_what_happened(window):
    from tests.ui.helpers import click

    view = window.view
    for word, key in (("Trump", "1"), ("Israel", "3")):
        drag(view, TEXT_A.index(word), TEXT_A.index(word) + len(word))
        press(window, key)
    assert window.statusBar().currentMessage().startswith("Added GPE 'Israel'")
    drag(view, TEXT_A.index("Trump"), TEXT_A.index("Israel") + len("Israel"))
    press(window, "2")
    assert window.statusBar().currentMessage() == "Replaced 2 spans with ORG 'Trump in Israel' — all changes saved"
    click(view, TEXT_A.index("in Israel"))
    press(window, "2")
    assert window.statusBar().currentMessage() == "Already done: the span is ORG already"
