"""Single-file exports write only what they own: never a project, link, folder or device."""
from __future__ import annotations

import os
import sqlite3

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import ExportError
from exports.common import atomic_file
from exports.registry import write_any
from exports.targets import check_file, exporting
from tests.exports.hf.hf_helpers import sample_docs


def test_targets_refuse_a_sqlite_database_even_when_forced(tmp_path):
    db = tmp_path / "p.annotator"
    sqlite3.connect(db).execute("CREATE TABLE t(x)").connection.close()
    before = db.read_bytes()
    with exporting("prodigy", force=True), pytest.raises(ExportError, match="SQLite database"):
        with atomic_file(db) as fh:
            fh.write("{}\n")
    assert db.read_bytes() == before


def test_targets_refuse_a_symlink_and_keep_its_target(tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("mine\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    with pytest.raises(ExportError, match="symbolic link"):
        check_file(link)
    assert link.is_symlink() and real.read_text() == "mine\n"


def test_targets_refuse_a_device_and_a_folder(tmp_path):
    with pytest.raises(ExportError, match="not a regular file"):
        check_file(type(tmp_path)(os.devnull))
    with pytest.raises(ExportError, match="is a folder"):
        check_file(tmp_path)


def test_targets_replace_an_earlier_export_but_not_another_file(tmp_path, schema):
    out = tmp_path / "out.jsonl"
    write_any("prodigy", sample_docs(), out, schema)
    write_any("prodigy", sample_docs()[:1], out, schema)  # an earlier export: replaced
    assert len(out.read_text().splitlines()) == 1
    notes = tmp_path / "notes.jsonl"
    notes.write_text('{"my": "notes"}\n')
    with pytest.raises(ExportError, match=r"notes.jsonl: exists and is not a prodigy export.*--force"):
        write_any("prodigy", sample_docs(), notes, schema)
    assert notes.read_text() == '{"my": "notes"}\n'
    write_any("prodigy", sample_docs(), notes, schema, force=True)
    assert len(notes.read_text().splitlines()) == len(sample_docs())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.jsonl", "out.jsonl"]
