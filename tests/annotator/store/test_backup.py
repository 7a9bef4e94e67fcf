"""`backup`: SQLite's online backup, safe while the project is open; never over the project."""
from __future__ import annotations

import pytest

from annotator.editing.commands import AddSpan, Editor
from annotator.errors import ProjectError
from annotator.model import ENTITIES
from annotator.store.backup import backup
from annotator.store.project import Project
from tests.conftest import add_text


def test_backup_of_an_open_project_has_the_edits_still_in_the_wal(project, tmp_path):
    aid = add_text(project, "Kazakhstan joins the accords.")
    Editor(project).execute(AddSpan(aid, ENTITIES, 0, 10, "GPE"))
    wal = project.path.with_name(project.path.name + "-wal")
    assert wal.stat().st_size > 0  # the edit is not in the main file yet: a plain copy would miss it
    (tmp_path / "copies").mkdir()
    result = backup(project.path, tmp_path / "copies")  # a folder: the copy keeps the project's name
    assert result.path == tmp_path / "copies" / project.path.name and result.articles == 1
    assert sorted(p.name for p in (tmp_path / "copies").iterdir()) == [project.path.name]
    with Project.open(result.path, read_only=True) as copy:
        assert [(s.start, s.end, s.label) for s in copy.spans(aid, ENTITIES)] == [(0, 10, "GPE")]


def test_backup_refuses_the_project_itself_and_an_existing_file(project, tmp_path):
    before = project.path.read_bytes()
    with pytest.raises(ProjectError, match="is the project itself"):
        backup(project.path, project.path, force=True)
    assert project.path.read_bytes() == before
    out = tmp_path / "old.annotator"
    out.write_text("an older copy")
    with pytest.raises(ProjectError, match="already exists.*--force"):
        backup(project.path, out)
    assert out.read_text() == "an older copy"
    assert backup(project.path, out, force=True).articles == 0
