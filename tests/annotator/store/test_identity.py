from __future__ import annotations

import pytest

from annotator.editing.commands import AddSpan, Editor
from annotator.errors import ProjectError
from annotator.model import ENTITIES
from annotator.store.identity import ENV, check_name, default_name, file_stem
from annotator.store.project import Project
from tests.conftest import add_text


def test_identity_names_are_checked_and_file_stems_portable():
    assert check_name("  Zoë O'Brien ") == "Zoë O'Brien"
    for bad, why in [("", "empty"), ("a\nb", "control"), ("x" * 65, "longer"), ("a,b", "','"), ("ALL", "reserved")]:
        with pytest.raises(ProjectError, match=why):
            check_name(bad)
    assert file_stem("Zoë O'Brien") == "Zoe_O_Brien" and file_stem("李") == "annotator"


def test_identity_precedence_flag_then_project_then_system(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert default_name("stored") == "stored"
    assert default_name(None)  # the system user (or "annotator")
    monkeypatch.setenv(ENV, "flag")
    assert default_name("stored") == "flag"


def test_identity_edits_record_the_annotator_on_span_article_and_journal(project, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    aid = add_text(project, "Alice lives in Paris.")
    project.set_annotator("Zoë", store=True)
    Editor(project).execute(AddSpan(aid, ENTITIES, 15, 20, "GPE"))
    conn = project.conn
    assert conn.execute("SELECT annotator FROM spans").fetchone()[0] == "Zoë"
    assert conn.execute("SELECT annotator FROM articles").fetchone()[0] == "Zoë"
    assert conn.execute("SELECT annotator FROM journal").fetchone()[0] == "Zoë"
    path = project.path
    project.close()
    with Project.open(path) as again:  # the stored name is the default next time
        assert again.annotator == "Zoë"
