"""Reading a project the app holds: read-only through WAL, no lock, with a note saying so."""
from __future__ import annotations

from annotator.editing.commands import AddSpan, Editor
from annotator.model import ENTITIES
from annotator.store.access import open_for_reading
from annotator.store.project import Project
from tests.conftest import add_text


def test_access_reads_what_the_holder_saved_without_its_lock(project):
    aid = add_text(project, "Kazakhstan joins the accords.")
    Editor(project).execute(AddSpan(aid, ENTITIES, 0, 10, "GPE"))  # still in the -wal file
    reader, note = open_for_reading(project.path)
    with reader:
        assert reader.read_only and reader.lock is None
        assert "open in another window" in note and "read-only" in note
        assert [s.label for s in reader.spans(aid, ENTITIES)] == ["GPE"]
    Editor(project).execute(AddSpan(aid, ENTITIES, 15, 23, "ORG"))  # the holder still writes after it


def test_access_takes_the_lock_when_the_project_is_free(tmp_path, schema):
    path = tmp_path / "p.annotator"
    Project.create(path, schema).close()
    project, note = open_for_reading(path)
    with project:
        assert note is None and not project.read_only
    project, note = open_for_reading(path, read_only=True)
    with project:
        assert note is None and project.read_only and project.lock is None


def test_access_a_closed_project_is_one_file(tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        for i in range(50):
            add_text(p, f"Article {i} about Kazakhstan.")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["p.annotator"]
    only = tmp_path / "copy.annotator"
    only.write_bytes(path.read_bytes())
    with Project.open(only, read_only=True) as copy:
        assert copy.count() == 50
