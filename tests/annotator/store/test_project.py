import sqlite3

import pytest

from annotator.errors import ProjectError
from annotator.model import Status
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project
from tests.conftest import add_text


def test_project_reopens_with_schema_and_articles(tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        aid = add_text(p, "Hello world.\nSecond line.", title="Greeting")
    with Project.open(path) as p:
        assert p.schema == schema
        assert p.count() == 1
        assert p.article(aid).title == "Greeting"
        assert p.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_project_refuses_a_file_that_is_not_a_project(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="not a project file"):
        Project.open(other)
    text = tmp_path / "notes.annotator"
    text.write_text("just some text, not a database")
    with pytest.raises(ProjectError, match="not a SQLite database"):
        Project.open(text)


def test_project_refuses_a_newer_schema_version(tmp_path, schema):
    path = tmp_path / "p.annotator"
    Project.create(path, schema).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="newer version"):
        Project.open(path)


def test_project_refuses_missing_file_and_overwrite(tmp_path, schema):
    with pytest.raises(ProjectError, match="no such project"):
        Project.open(tmp_path / "missing.annotator")
    Project.create(tmp_path / "p.annotator", schema).close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(tmp_path / "p.annotator", schema)


def test_project_rows_page_filter_and_search_without_text(project):
    ids = [add_text(project, f"Article number {i} about {'cats' if i % 2 else 'dogs'}.") for i in range(10)]
    rows = project.rows(offset=2, limit=3)
    assert [r.id for r in rows] == ids[2:5]
    assert project.count_rows(search="cats") == 5
    assert project.count_rows(status=Status.NEW) == 10
    assert project.rows(0, 1)[0].display_title.startswith("Article number 0")
    assert project.neighbour(ids[0], +1) == ids[1]
    assert project.neighbour(ids[0], -1) is None


def test_project_session_survives_reopen(tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        aid = add_text(p, "Some text here.")
        p.save_session(article=aid, scroll=42)
    with Project.open(path) as p:
        assert p.session() == {"article": aid, "scroll": 42}


def test_project_documents_stream_in_batches(project):
    ids = [add_text(project, f"Text {i}.") for i in range(7)]
    docs = list(project.documents(batch=3))
    assert [d.article.id for d in docs] == ids
    assert all(d.status == Status.NEW for d in docs)


def test_project_status_counts_follow_imports_edits_and_undo(project):
    from annotator.editing.commands import Editor, SetStatus

    ids = [add_text(project, f"Counted article {i}.") for i in range(5)]
    editor = Editor(project)
    editor.execute(SetStatus(ids[0], Status.DONE))
    editor.execute(SetStatus(ids[1], Status.SKIPPED))
    editor.execute(SetStatus(ids[0], Status.IN_PROGRESS))
    editor.undo()
    expected = {s: n for s, n in project.conn.execute("SELECT status, count(*) FROM articles GROUP BY status")}
    assert {s.value: n for s, n in project.status_counts().items() if n} == expected == {"done": 1, "skipped": 1, "new": 3}
    assert project.count() == 5 and project.count(Status.DONE) == 1
    assert project.count_rows(status=Status.NEW) == 3 and project.count_rows(search="article 3") == 1
