from __future__ import annotations

import pytest

from annotator.editing.adjudication import Pick, StartAdjudication, disagreements
from annotator.editing.commands import Editor
from annotator.errors import SpanError
from annotator.model import ENTITIES, SECTIONS, Span, Status
from annotator.store.layers.versions import Version, is_adjudicated
from annotator.store.layers.trusted import train_annotations
from tests.conftest import add_text

TEXT = "Alice met Bob in Paris and Berlin on Monday."


def _version(aid: str, name: str, *spans: Span) -> Version:
    v = Version(aid, name, Status.DONE)
    v.spans[ENTITIES] = list(spans)
    return v


def test_adjudication_disagreements_cluster_overlapping_differences():
    a = _version("x", "a", Span(0, 5, "PERSON"), Span(10, 13, "PERSON"), Span(17, 22, "GPE"), Span(27, 33, "GPE"))
    b = _version("x", "b", Span(0, 5, "PERSON"), Span(10, 13, "ORG"), Span(17, 33, "GPE"))
    ds = disagreements(a, b)
    assert [(d.start, d.end, len(d.a), len(d.b)) for d in ds] == [(10, 13, 1, 1), (17, 33, 2, 1)]
    assert ds[0].layer == ENTITIES
    with pytest.raises(SpanError, match="both cannot be kept"):
        ds[1].spans("both")


def test_adjudication_picks_are_journaled_undoable_and_make_the_training_layer(project):
    aid = add_text(project, TEXT)
    a = _version(aid, "alice", Span(0, 5, "PERSON"), Span(10, 13, "PERSON"), Span(17, 22, "GPE"))
    b = _version(aid, "bob", Span(0, 5, "PERSON"), Span(10, 13, "ORG"), Span(27, 33, "GPE"))
    editor = Editor(project)
    editor.execute(StartAdjudication(aid, a, b))
    assert is_adjudicated(project.conn, project.seq(aid))
    assert [s.span for s in project.spans(aid, ENTITIES)] == [Span(0, 5, "PERSON")]  # only what both share
    ds = disagreements(a, b)
    editor.execute(Pick(aid, ds[0], "b"))
    editor.execute(Pick(aid, ds[1], "neither"))
    editor.execute(Pick(aid, ds[2], "b"))
    current = [s.span for s in project.spans(aid, ENTITIES)]
    assert current == [Span(0, 5, "PERSON"), Span(10, 13, "ORG"), Span(27, 33, "GPE")]
    assert [d.settled_as(current) for d in ds] == ["b", "neither", "b"]
    assert train_annotations(project, aid).entities == current
    editor.undo()
    assert Span(27, 33, "GPE") not in [s.span for s in project.spans(aid, ENTITIES)]
    for _ in range(3):
        editor.undo()
    assert not is_adjudicated(project.conn, project.seq(aid))
    assert project.spans(aid, ENTITIES) == [] and project.spans(aid, SECTIONS) == []
    assert train_annotations(project, aid) is None  # versions exist only in memory here: nothing to train on
