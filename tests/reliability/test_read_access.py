"""Reading a project while the app holds it, on read-only media and on a full disk (issue 17, 8-9).

Read-only media and a full disk are real mounts (a read-only bind mount, a 1 MB tmpfs) made in a
user namespace with ``unshare -rm``, so no root is needed where user namespaces are enabled.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.editing.commands import AddSpan, Editor, SetStatus
from annotator.model import ENTITIES, Status
from annotator.store.project import Project
from tests.conftest import ROOT, add_text
from tests.reliability.dump import dump_project
from ui.cli import main


def _can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


needs_mounts = pytest.mark.skipif(not _can_mount(), reason="needs Linux user namespaces (unshare -rm) to mount "
                                                           "read-only media and a full disk")


@pytest.fixture
def held(project):
    """A project the app has open, with an accepted article whose last edit is still in the WAL."""
    aid = add_text(project, "Kazakhstan joins the accords.")
    editor = Editor(project)
    editor.execute(AddSpan(aid, ENTITIES, 0, 10, "GPE"))
    editor.execute(SetStatus(aid, Status.DONE))
    return project


def test_read_access_stats_export_check_while_the_app_holds_the_project(held, tmp_path, capsys):
    p = str(held.path)
    assert main(["stats", p, "--json"]) == 0
    out = capsys.readouterr()
    assert '"done": 1' in out.out and "open in another window" in out.err and "read-only" in out.err
    assert main(["export", p, str(tmp_path / "out.jsonl"), "--format", "prodigy"]) == 0
    assert '"label": "GPE"' in (tmp_path / "out.jsonl").read_text()
    assert main(["check", p, "--read-only"]) == 0
    assert main(["check", p, "--fix"]) == 1 and "open in another window" in capsys.readouterr().err
    assert main(["models", p, "--json"]) == 0 and capsys.readouterr().out.strip() == "[]"  # no version yet, but read
    Editor(held).execute(AddSpan(held.ids()[0], ENTITIES, 15, 23, "ORG"))  # the app keeps saving


def test_read_access_backup_cli_while_open(held, tmp_path, capsys):
    assert main(["backup", str(held.path), str(tmp_path / "copy.annotator")]) == 0
    assert "backed up 1 article(s)" in capsys.readouterr().out
    with Project.open(tmp_path / "copy.annotator") as copy:
        assert [s.label for s in copy.spans(copy.ids()[0], ENTITIES)] == ["GPE"]


def _in_namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["unshare", "-rm", "sh", "-ec", script], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PY": sys.executable, "T": str(tmp_path)})


@pytest.fixture
def closed(tmp_path, schema) -> Path:
    (tmp_path / "src").mkdir()
    path = tmp_path / "src" / "p.annotator"
    with Project.create(path, schema) as p:
        aid = add_text(p, "Kazakhstan joins the accords.")
        Editor(p).execute(AddSpan(aid, ENTITIES, 0, 10, "GPE"))
    return path


@needs_mounts
def test_read_access_on_read_only_media(closed, tmp_path):
    before = dump_project(closed)
    r = _in_namespace("""mkdir -p "$T/ro" && mount --bind -o ro "$T/src" "$T/ro"
        "$PY" -m ui.cli stats "$T/ro/p.annotator"
        "$PY" -m ui.cli export "$T/ro/p.annotator" "$T/out" --status all
        "$PY" -m ui.cli backup "$T/ro/p.annotator" "$T/copy.annotator"
        "$PY" -m ui.cli prelabel "$T/ro/p.annotator" || echo "prelabel exit $?"
    """, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 articles" in r.stdout and "exported 1 article(s)" in r.stdout and "backed up 1" in r.stdout
    assert "its folder is on read-only media; reading it read-only" in r.stderr
    assert "cannot open the project for editing: its folder is on read-only media" in r.stderr
    assert "prelabel exit 1" in r.stdout and "unexpected" not in r.stderr and "damaged" not in r.stderr
    assert dump_project(closed) == before and (tmp_path / "out" / "README.md").exists()


@needs_mounts
def test_read_access_on_a_full_disk(closed, tmp_path):
    r = _in_namespace("""mkdir -p "$T/full" && mount -t tmpfs -o size=1M tmpfs "$T/full"
        cp "$T/src/p.annotator" "$T/full/" && (dd if=/dev/zero of="$T/full/fill" bs=4k 2>/dev/null || true)
        "$PY" -m ui.cli stats "$T/full/p.annotator"
        "$PY" -m ui.cli export "$T/full/p.annotator" "$T/out.jsonl" --format prodigy --status all
    """, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 articles" in r.stdout and "exported 1 article(s)" in r.stdout
    assert "the disk is full; reading it read-only" in r.stderr and "unexpected" not in r.stderr
    assert '"label": "GPE"' in (tmp_path / "out.jsonl").read_text()
