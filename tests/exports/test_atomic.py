"""Folder exports: marked as their own, never into someone else's folder, keeping files they did not write."""
from __future__ import annotations

import json
import sqlite3

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import ExportError, ExportRefused
from exports.atomic import MARKER, atomic_dir
from exports.registry import write_any
from exports.targets import exporting
from tests.exports.hf.hf_helpers import sample_docs


def write(out, names):
    with atomic_dir(out) as tmp:
        for name in names:
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(name)


def test_atomic_marks_its_folder_with_the_files_it_wrote(tmp_path):
    write(tmp_path / "out", ["a.txt", "sub/b.txt"])
    marker = json.loads((tmp_path / "out" / MARKER).read_text())
    assert marker["files"] == ["a.txt", "sub/b.txt"]


def test_atomic_refuses_a_folder_of_someone_elses_files(tmp_path):
    out = tmp_path / "theirs"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    with pytest.raises(ExportRefused, match="not empty.*--force") as refused:
        write(out, ["a.txt"])
    assert refused.value.target == str(out) and "--force" not in refused.value.problem
    assert [p.name for p in out.iterdir()] == ["thesis.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs"]


def test_atomic_forced_export_keeps_the_other_files(tmp_path):
    out = tmp_path / "theirs"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    with exporting("brat", force=True):
        write(out, ["a.txt"])
    assert (out / "thesis.txt").read_text() == "years of work" and (out / "a.txt").exists()


def test_atomic_reexport_keeps_added_files_and_drops_its_stale_ones(tmp_path):
    out = tmp_path / "out"
    write(out, ["a.txt", "old.txt"])
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (out / "notes.md").write_text("my notes")
    write(out, ["a.txt", "new.txt"])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".annotator-export.json", ".git/HEAD", "a.txt", "new.txt", "notes.md"]
    assert (out / "notes.md").read_text() == "my notes"


def test_atomic_reexport_refuses_to_replace_a_file_the_user_put_there(tmp_path):
    out = tmp_path / "out"
    write(out, ["a.txt"])
    (out / "b.txt").write_text("the user's b")
    with pytest.raises(ExportError, match="b.txt: was not written by an export"):
        write(out, ["a.txt", "b.txt"])
    assert (out / "b.txt").read_text() == "the user's b"


def test_atomic_never_replaces_a_folder_holding_a_project(tmp_path):
    out = tmp_path / "work"
    out.mkdir()
    sqlite3.connect(out / "p.annotator").execute("CREATE TABLE t(x)").connection.close()
    before = (out / "p.annotator").read_bytes()
    with exporting("brat", force=True), pytest.raises(ExportError, match="holds a SQLite database"):
        write(out, ["a.txt"])
    assert (out / "p.annotator").read_bytes() == before


def test_atomic_project_folder_is_not_offered_for_forcing(tmp_path):
    """Unforced, a folder holding a project says so at once, not "use --force" (forcing would fail)."""
    out = tmp_path / "work"
    out.mkdir()
    sqlite3.connect(out / "p.annotator").execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(ExportError, match="holds a SQLite database") as refused:
        write(out, ["a.txt"])
    assert not isinstance(refused.value, ExportRefused) and "--force" not in str(refused.value)


def test_atomic_refuses_a_file_or_symlink_where_a_folder_goes(tmp_path, schema):
    (tmp_path / "f").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "f")
    for name, what in (("f", "is a file"), ("link", "symbolic link")):
        with pytest.raises(ExportError, match=what):
            write_any("hf", sample_docs(), tmp_path / name, schema)
    assert (tmp_path / "f").read_text() == "x"
