import pytest

from annotator.editing.commands import (
    AddSpan,
    Editor,
    MergeSection,
    RelabelSpan,
    RemoveSpan,
    ResizeSpan,
    SetSection,
    SetStatus,
    SplitSection,
)
from annotator.errors import SpanError
from annotator.model import ENTITIES, SECTIONS, Origin, Status
from annotator.store.project import Project
from tests.conftest import add_text

TEXT = "Scoop: Kazakhstan joins.\nPresident Kassym-Jomart Tokayev met Trump.Why it matters: Peace."


def state(project, aid):
    return ([(s.start, s.end, s.label, s.origin) for s in project.spans(aid, ENTITIES)],
            [(s.start, s.end, s.label) for s in project.spans(aid, SECTIONS)], project.status(aid))


@pytest.fixture
def setup(project):
    aid = add_text(project, TEXT)
    return project, Editor(project), aid


def test_commands_add_snaps_to_tokens_and_marks_in_progress(setup):
    project, editor, aid = setup
    s = TEXT.index("Kassym")
    editor.execute(AddSpan(aid, ENTITIES, s, TEXT.index(" met") - 2, "PERSON"))
    (span,) = project.spans(aid, ENTITIES)
    assert TEXT[span.start:span.end] == "Kassym-Jomart"  # contract; partial last word dropped
    assert span.origin == Origin.ADDED
    assert project.status(aid) == Status.IN_PROGRESS


def test_commands_overlap_is_refused_unless_replace(setup):
    project, editor, aid = setup
    s = TEXT.index("Kazakhstan")
    editor.execute(AddSpan(aid, ENTITIES, s, s + 10, "GPE"))
    with pytest.raises(SpanError, match="overlaps GPE 'Kazakhstan'"):
        editor.execute(AddSpan(aid, ENTITIES, s, s + 16, "ORG"))
    editor.execute(AddSpan(aid, ENTITIES, s, s + 16, "ORG", replace=True))
    assert [(TEXT[a:b], l) for a, b, l, _ in state(project, aid)[0]] == [("Kazakhstan joins", "ORG")]
    editor.undo()
    assert [(TEXT[a:b], l) for a, b, l, _ in state(project, aid)[0]] == [("Kazakhstan", "GPE")]


def test_commands_relabel_resize_remove_and_undo_all(setup):
    project, editor, aid = setup
    before = state(project, aid)
    s = TEXT.index("Tokayev")
    editor.execute(AddSpan(aid, ENTITIES, s, s + 7, "PERSON"))
    sid = project.spans(aid, ENTITIES)[0].id
    editor.execute(RelabelSpan(aid, ENTITIES, sid, "ORG"))
    editor.execute(ResizeSpan.by_tokens(editor, aid, ENTITIES, sid, "start", -3))
    span = project.spans(aid, ENTITIES)[0]
    assert (TEXT[span.start:span.end], span.label) == ("Kassym-Jomart Tokayev", "ORG")
    editor.execute(RemoveSpan(aid, ENTITIES, sid))
    assert project.spans(aid, ENTITIES) == []
    for _ in range(4):
        assert editor.undo() is not None
    assert state(project, aid) == before
    assert editor.undo() is None


def test_commands_edit_of_suggestion_becomes_edited(setup):
    project, editor, aid = setup
    s = TEXT.index("Trump")
    with project.transaction() as conn:
        conn.execute("INSERT INTO spans(article, layer, start, end, label, origin) VALUES (?, ?, ?, ?, ?, ?)",
                     (project.seq(aid), ENTITIES, s, s + 5, "ORG", Origin.SUGGESTED.value))
    sid = project.spans(aid, ENTITIES)[0].id
    editor.execute(RelabelSpan(aid, ENTITIES, sid, "PERSON"))
    assert project.spans(aid, ENTITIES)[0].origin == Origin.EDITED


def test_commands_sections_set_split_merge(setup):
    project, editor, aid = setup
    editor.execute(SetSection(aid, 3, "body"))
    assert [(a, b) for a, b, _ in state(project, aid)[1]] == [(0, len(TEXT))]
    editor.execute(SplitSection(aid, TEXT.index("Why")))
    editor.execute(SplitSection(aid, TEXT.index("President")))
    secs = project.spans(aid, SECTIONS)
    assert [TEXT[s.start:s.end] for s in secs] == ["Scoop: Kazakhstan joins.", "President Kassym-Jomart Tokayev met Trump.",
                                                    "Why it matters: Peace."]
    editor.execute(SetSection(aid, TEXT.index("Why") + 2, "why_it_matters"))
    editor.execute(SetSection(aid, 0, "headline"))
    assert [s.label for s in project.spans(aid, SECTIONS)] == ["headline", "body", "why_it_matters"]
    editor.execute(MergeSection(aid, project.spans(aid, SECTIONS)[2].id))
    secs = project.spans(aid, SECTIONS)
    assert [(TEXT[s.start:s.end][:9], s.label) for s in secs] == [("Scoop: Ka", "headline"), ("President", "body")]
    assert secs[1].end == len(TEXT)
    with pytest.raises(SpanError, match="first section"):
        editor.execute(MergeSection(aid, secs[0].id))


def test_commands_status_and_undo_redo_survive_reopen(tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        a1, a2 = add_text(p, "First article about Paris."), add_text(p, "Second article about Rome.")
        ed = Editor(p)
        ed.execute(AddSpan(a1, ENTITIES, 20, 25, "GPE"))
        ed.execute(SetStatus(a1, Status.DONE))
        ed.execute(AddSpan(a2, ENTITIES, 21, 25, "GPE"))
        ed.undo()
    with Project.open(path) as p:
        ed = Editor(p)
        assert ed.redo_text() == "Add GPE" and ed.undo_text() == "Mark done"
        change = ed.redo()
        assert change.article_id == a2 and len(p.spans(a2, ENTITIES)) == 1
        ed.undo()
        change = ed.undo()
        assert change.article_id == a1 and change.status_changed
        assert p.status(a1) == Status.IN_PROGRESS
        ed.execute(SetStatus(a1, Status.SKIPPED))
        assert ed.redo() is None  # a new edit drops the redo tail


def test_commands_emit_change_signals(setup):
    project, editor, aid = setup
    seen = []
    project.spans_changed.connect(lambda a, layer: seen.append(("spans", a, layer)))
    project.status_changed.connect(lambda a, st: seen.append(("status", a, st)))
    editor.execute(AddSpan(aid, ENTITIES, 0, 5, "ORG"))
    assert ("spans", aid, ENTITIES) in seen and ("status", aid, "in_progress") in seen


def test_commands_unknown_label_and_empty_range_refused(setup):
    _, editor, aid = setup
    with pytest.raises(SpanError, match="unknown entities label"):
        editor.execute(AddSpan(aid, ENTITIES, 0, 5, "NOPE"))
    with pytest.raises(SpanError, match="covers no token"):
        editor.execute(AddSpan(aid, ENTITIES, 5, 5, "ORG"))
