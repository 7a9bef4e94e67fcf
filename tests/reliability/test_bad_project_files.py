"""Broken, foreign and future project files: a clear ProjectError naming the file, and the file untouched."""
from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest

from annotator.errors import AnnotatorError, ProjectError
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project
from tests.conftest import add_text


def _project(path: Path, schema, articles: int = 40) -> None:
    with Project.create(path, schema) as p:
        for i in range(articles):
            add_text(p, f"Article {i}: Trump met Tokayev in Kazakhstan on Thursday. " * 30)


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def truncated(path: Path, schema) -> None:
    _project(path, schema)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(size // 2)


def newer(path: Path, schema) -> None:
    _project(path, schema, 2)
    _sql(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def negative_version(path: Path, schema) -> None:
    _project(path, schema, 2)  # as a flipped high bit of the header's user_version reads
    _sql(path, "PRAGMA user_version = -2147483644")


def foreign_sqlite(path: Path, schema) -> None:
    _sql(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes(body) VALUES ('mine')")


def foreign_wal_sqlite(path: Path, schema) -> None:
    _sql(path, "PRAGMA journal_mode = WAL", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")


def empty_sqlite(path: Path, schema) -> None:
    _sql(path, "PRAGMA user_version = 3")


def lacks_schema(path: Path, schema) -> None:
    _project(path, schema, 1)
    _sql(path, "DELETE FROM project WHERE key = 'schema'")


def garbled_schema(path: Path, schema) -> None:
    _project(path, schema, 1)
    _sql(path, "UPDATE project SET value = '{not json' WHERE key = 'schema'")


def invalid_schema(path: Path, schema) -> None:
    _project(path, schema, 1)  # valid JSON, but not a schema: a layer name is mangled
    _sql(path, "UPDATE project SET value = replace(value, '\"entities\"', '\" ntities\"') WHERE key = 'schema'")


def text_renamed(path: Path, schema) -> None:
    path.write_text("Kazakhstan to join Abraham Accords\nThis is an article, not a project.\n")


def empty_file(path: Path, schema) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path, schema) -> None:
    path.write_bytes(os.urandom(8192))


def header_then_garbage(path: Path, schema) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(1).randbytes(8192))


def folder(path: Path, schema) -> None:
    path.mkdir()


CASES = {f.__name__: f for f in (truncated, newer, negative_version, foreign_sqlite, foreign_wal_sqlite, empty_sqlite, lacks_schema,
                                 garbled_schema, invalid_schema, text_renamed, empty_file, random_bytes, header_then_garbage, folder)}
MESSAGES = {"truncated": "truncated", "newer": "newer version", "foreign_sqlite": "not a project file",
            "text_renamed": "not a SQLite database", "empty_file": "empty", "lacks_schema": "lacks its 'schema'",
            "invalid_schema": "damaged", "negative_version": "damaged"}


def _snapshot(folder_: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(folder_.iterdir())}


@pytest.mark.parametrize("read_only", [False, True], ids=["edit", "read_only"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_project_file_is_refused_and_left_untouched(tmp_path, schema, case, read_only):
    path = tmp_path / "victim.annotator"
    CASES[case](path, schema)
    before = _snapshot(tmp_path)
    with pytest.raises(AnnotatorError) as info:
        Project.open(path, read_only=read_only).close()
    assert str(path) in str(info.value)
    assert case in ("garbled_schema",) or isinstance(info.value, ProjectError)
    if case in MESSAGES:
        assert MESSAGES[case] in str(info.value)
    after = _snapshot(tmp_path)
    if read_only:  # a mode=ro connection cannot remove the -wal/-shm index SQLite made for it
        after = {k: v for k, v in after.items() if k in before or not k.endswith(("-wal", "-shm"))}
    assert after == before  # not a byte changed, no lock file left behind


def test_bad_project_file_a_damaged_setting_names_the_file(tmp_path, schema):
    path = tmp_path / "p.annotator"
    garbled_schema(path, schema)
    with pytest.raises(ProjectError, match="damaged"):
        Project.open(path)


def test_bad_project_file_a_sound_project_still_opens_after_the_checks(tmp_path, schema):
    path = tmp_path / "p.annotator"
    _project(path, schema, 40)
    with Project.open(path) as p:
        assert p.count() == 40
        assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Project.open(path, read_only=True) as p:
        assert p.count() == 40


def test_bad_project_file_failed_create_leaves_nothing_behind(tmp_path, schema, monkeypatch):
    from annotator.schema import Schema

    def broken(self):
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(Schema, "to_json", broken)
    with pytest.raises(RuntimeError):
        Project.create(tmp_path / "new.annotator", schema)
    assert list(tmp_path.iterdir()) == []  # no half-made project, no temporary file, no lock
    monkeypatch.undo()
    with Project.create(tmp_path / "new.annotator", schema) as p:
        assert p.schema == schema
    assert sorted(f.name for f in tmp_path.iterdir()) == ["new.annotator"]
