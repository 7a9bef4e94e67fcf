from __future__ import annotations

import pytest

from annotator.editing.commands import Editor, SetStatus
from annotator.errors import ProjectError
from annotator.model import ENTITIES, Span, Status
from annotator.store.layers.versions import Version, put_version
from annotator.store.layers.trusted import train_annotations
from annotator.team.layers import layer_documents
from tests.conftest import add_text


def _put(project, aid, name, status=Status.DONE, *spans):
    v = Version(aid, name, status, source="test")
    v.spans[ENTITIES] = list(spans)
    with project.transaction() as conn:
        put_version(conn, project.seq(aid), v)


def test_layers_train_on_adjudicated_then_done_never_on_conflicts(project):
    one, agree, conflict, own = (add_text(project, f"Alice met Bob, story {i}.") for i in range(4))
    alice, bob = Span(0, 5, "PERSON"), Span(10, 13, "PERSON")
    _put(project, one, "alice", Status.DONE, alice)
    _put(project, one, "bob", Status.IN_PROGRESS, bob)  # not done: does not count
    _put(project, agree, "alice", Status.DONE, alice)
    _put(project, agree, "bob", Status.DONE, alice)
    _put(project, conflict, "alice", Status.DONE, alice)
    _put(project, conflict, "bob", Status.DONE, bob)
    Editor(project).execute(SetStatus(own, Status.DONE))
    assert train_annotations(project, one).entities == [alice] and train_annotations(project, one).annotator == "alice"
    assert train_annotations(project, agree).entities == [alice]
    assert train_annotations(project, conflict) is None
    assert train_annotations(project, own).entities == [] and train_annotations(project, own).status == Status.DONE
    assert [d.article.id for d in layer_documents(project)] == [one, agree, own]
    assert [d.article.id for d in layer_documents(project, "bob", None)] == [one, agree, conflict]
    assert len(list(layer_documents(project, "all"))) == 5  # done versions only
    with pytest.raises(ProjectError, match="no layer 'carol'"):
        list(layer_documents(project, "carol"))


def test_layers_training_learns_from_agreeing_versions_and_never_from_conflicts(project):
    from annotator.nlp.learning.training_data import training_annotations

    agree, conflict, lone = (add_text(project, f"Alice met Bob, story {i}.") for i in range(3))
    alice, bob = Span(0, 5, "PERSON"), Span(10, 13, "PERSON")
    _put(project, agree, "alice", Status.DONE, alice)
    _put(project, agree, "bob", Status.DONE, alice)
    _put(project, conflict, "alice", Status.DONE, alice)
    _put(project, conflict, "bob", Status.DONE, bob)
    _put(project, lone, "carol", Status.IN_PROGRESS, bob)  # not done: not trained on
    assert [(a.id, a.spans) for a in training_annotations(project)] == [(agree, (alice,))]
