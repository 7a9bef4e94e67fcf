from __future__ import annotations

from annotator.editing.commands import AddSpan, Editor, SetStatus
from annotator.model import ENTITIES, Status
from annotator.nlp.prelabel import prelabel
from annotator.nlp.learning.suggester import resolve_suggester, resuggestable
from tests.conftest import add_text


def test_suggester_resuggests_only_untouched_articles(project, ruler_nlp):
    ids = [add_text(project, f"Trump met Axios in Israel, story {i}.") for i in range(6)]
    prelabel(project, ruler_nlp)
    editor = Editor(project)
    editor.execute(SetStatus(ids[0], Status.DONE))
    editor.execute(SetStatus(ids[1], Status.SKIPPED))
    editor.execute(AddSpan(ids[2], ENTITIES, 30, 31, "DATE"))  # a human edit
    fresh = add_text(project, "Kazakhstan, never pre-labeled.")
    assert resuggestable(project, "en_ruler_test", "0.0.1") == [fresh]  # same model: only the new one
    assert resuggestable(project, "en_learned", "3.0.0") == [*ids[3:], fresh]


def test_suggester_defaults_to_the_base_without_versions(project):
    s = resolve_suggester(project)
    assert s.target == project.model_name and not s.allow_path and s.version is None
    path = resolve_suggester(project, "/some/folder")
    assert path.allow_path and path.target == "/some/folder"
