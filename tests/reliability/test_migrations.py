"""Old project files open in the current version, and a failed or killed migration leaves them intact."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import annotator.store.connection as store
import annotator.store.migrations as migrations
from annotator.editing.commands import AddSpan, Editor
from annotator.errors import ProjectError
from annotator.model import ENTITIES, SECTIONS, Status
from annotator.store.project import Project
from tests.conftest import ROOT
from tests.reliability.dump import dump_project

FIXTURE = ROOT / "tests" / "fixtures" / "v1_project.sqlite"
V2_OK = "ALTER TABLE articles ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;\nCREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"


@pytest.fixture
def v1(tmp_path) -> Path:
    path = tmp_path / "old.annotator"
    shutil.copyfile(FIXTURE, path)
    return path


def with_v2(monkeypatch, step: str) -> None:
    """Pretend the tool is at schema 2, with ``step`` as the migration from 1."""
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS[:1], step))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)


def test_migrations_v1_fixture_opens_and_works(v1, tmp_path):
    with Project.open(v1) as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = p.ids()
        assert len(ids) == 3 and p.article(ids[0]).title == "Article 0"
        index = [r[2] for r in p.conn.execute("PRAGMA index_info(spans_article)")]
        assert index == ["article", "layer", "start", "end", "label", "origin"]  # migration 2 ran
        a, b = ids[0], ids[1]
        assert [(s.label, s.origin.value) for s in p.spans(a, ENTITIES)] == [("GPE", "added"), ("ORG", "added")]
        assert [s.label for s in p.spans(a, SECTIONS)] == ["headline"]
        assert p.suggestions(a, ENTITIES)[0].score == pytest.approx(0.93)
        assert p.session() == {"article": a, "scroll": 12}
        editor = Editor(p)
        assert (editor.undo_text(), editor.redo_text()) == ("Relabel as ORG", "Mark done")
        editor.redo()
        assert p.status(b) == Status.DONE
        editor.undo()
        editor.undo()
        assert [s.label for s in p.spans(b, ENTITIES)] == ["PERSON"]
        editor.execute(AddSpan(ids[2], ENTITIES, 27, 33, "GPE"))
        docs = list(p.documents())
        assert [len(d.entities) for d in docs] == [2, 1, 1]
        from exports.hf.dataset import write_hf

        summary = write_hf(docs, tmp_path / "export", p.schema)
        assert summary.total() == 3


def test_migrations_failure_midway_leaves_the_file_at_v1(v1, monkeypatch):
    before = dump_project(v1)
    with_v2(monkeypatch, V2_OK + "\nINSERT INTO no_such_table VALUES (1);")
    with pytest.raises(ProjectError, match="from schema 1 to 2 failed.*left as it was"):
        Project.open(v1)
    assert dump_project(v1) == before
    with_v2(monkeypatch, V2_OK)  # a fixed release then upgrades the same file
    with Project.open(v1) as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert p.conn.execute("SELECT count(*) FROM articles WHERE pinned = 0").fetchone()[0] == 3


def test_migrations_read_only_open_never_migrates(v1, monkeypatch):
    before = dump_project(v1)
    with_v2(monkeypatch, V2_OK)
    with pytest.raises(ProjectError, match="needs an upgrade"):
        Project.open(v1, read_only=True)
    assert dump_project(v1) == before


KILLED_MIGRATION = textwrap.dedent("""
    import sys
    import annotator.store.migrations as migrations, annotator.store.connection as store
    from annotator.store.project import Project
    step = '''
    ALTER TABLE articles ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB);
    UPDATE articles SET title = 'CHANGED BY A DEAD MIGRATION';
    INSERT INTO notes(body) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000)
        SELECT randomblob(10000) FROM c;
    SELECT announce();
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT sum(x) FROM c;
    '''
    migrations.MIGRATIONS = (*migrations.MIGRATIONS[:1], step)
    migrations.SCHEMA_VERSION = store.SCHEMA_VERSION = 2
    original = store.migrate
    def migrate(conn, version):
        conn.execute("PRAGMA cache_size = 50")  # spill the uncommitted pages into the -wal file
        conn.create_function("announce", 0, lambda: print("SPILLED", flush=True) or 1)
        original(conn, version)
    store.migrate = migrate
    Project.open(sys.argv[1])
    print("FINISHED", flush=True)
""")


def test_migrations_killed_midway_leaves_the_file_at_v1(v1, monkeypatch):
    before = dump_project(v1)
    child = subprocess.Popen([sys.executable, "-c", KILLED_MIGRATION, str(v1)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == "SPILLED\n", child.stderr.read() if child.stderr else line
        wal = v1.with_name(v1.name + "-wal")
        assert wal.stat().st_size > 10_000_000  # uncommitted migration pages are on disk
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert dump_project(v1) == before  # still exactly the v1 file
    with_v2(monkeypatch, V2_OK)  # a fixed migration then upgrades the file the killed one left
    with Project.open(v1) as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert p.article(p.ids()[0]).title == "Article 0"
