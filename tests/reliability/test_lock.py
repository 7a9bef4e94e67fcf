"""Two windows, one project: the second gets a clear refusal or a read-only view; locks of dead processes clear."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from annotator.editing.commands import AddSpan, Editor
from annotator.errors import ProjectError
from annotator.io.importing import import_documents
from annotator.model import ENTITIES, Article, Document
from annotator.store.lock import lock_path
from annotator.store.project import Project
from tests.conftest import ROOT, add_text
from tests.reliability.dump import dump_project

PROBE = textwrap.dedent("""
    import json, sys
    from annotator.errors import ProjectError
    from annotator.store.project import Project
    out = {}
    try:
        p = Project.open(sys.argv[1])
        out["opened"] = True
        p.close()
    except ProjectError as exc:
        out["error"] = str(exc)
    p = Project.open(sys.argv[1], read_only=True)
    out["ro_count"] = p.count()
    try:
        p.save_session(article="x")
        out["ro_write"] = "saved"
    except ProjectError as exc:
        out["ro_write"] = str(exc)
    p.close()
    print(json.dumps(out))
""")


def probe(path) -> dict:
    """Open ``path`` from another process, for writing and then read-only."""
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_lock_second_process_is_refused_with_the_holder_pid(tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        add_text(p, "Trump met Tokayev on Thursday.")
        seen = probe(path)
        assert "opened" not in seen
        assert "open in another window" in seen["error"] and f"pid {os.getpid()}" in seen["error"]
        assert str(path) in seen["error"]
        assert seen["ro_count"] == 1
        assert "read-only" in seen["ro_write"]
        assert p.session() == {}  # the read-only window's write did not land


def test_lock_closing_releases_the_project(tmp_path, schema):
    path = tmp_path / "p.annotator"
    Project.create(path, schema).close()
    assert not lock_path(path).exists()
    assert probe(path)["opened"] is True
    with Project.open(path):
        assert lock_path(path).exists()
    assert not lock_path(path).exists()


def test_lock_of_a_killed_process_is_detected_and_cleared(tmp_path, schema):
    path = tmp_path / "p.annotator"
    Project.create(path, schema).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom annotator.store.project import Project\n"
         "p = Project.open(sys.argv[1]); print('READY', flush=True); time.sleep(600)", str(path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "READY\n"
        with pytest.raises(ProjectError, match=f"pid {holder.pid}"):
            Project.open(path)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(30)
    stale = json.loads(lock_path(path).read_text())
    assert stale["pid"] == holder.pid  # the dead process's lock file is still there...
    with Project.open(path) as p:  # ...and is taken over
        assert json.loads(lock_path(path).read_text())["pid"] == os.getpid()
        assert p.count() == 0


def test_lock_same_process_second_open_is_refused_but_read_only_follows_writes(tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as writer:
        with pytest.raises(ProjectError, match="open in another window"):
            Project.open(path)
        with Project.open(path, read_only=True) as reader:
            assert reader.count() == 0
            aid = add_text(writer, "Axios reported it on Thursday.")
            Editor(writer).execute(AddSpan(aid, ENTITIES, 0, 5, "ORG"))
            assert reader.count() == 1
            assert [s.label for s in reader.spans(aid, ENTITIES)] == ["ORG"]


def test_lock_read_only_project_refuses_every_write(tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        aid = add_text(p, "Israel and Kazakhstan signed it.")
    before = dump_project(path)
    with Project.open(path, read_only=True) as ro:
        assert not lock_path(path).exists()  # readers take no lock
        editor = Editor(ro)
        with pytest.raises(ProjectError, match="read-only"):
            editor.execute(AddSpan(aid, ENTITIES, 0, 6, "GPE"))
        with pytest.raises(ProjectError, match="read-only"):
            import_documents(ro, [Document(Article("x", "More text."))])
        with pytest.raises(ProjectError, match="read-only"):
            ro.save_session(scroll=3)
        with pytest.raises(ProjectError, match="read-only"):
            editor.undo()
        with pytest.raises(Exception):  # below the Project API, SQLite itself refuses
            ro.conn.execute("DELETE FROM articles")
    assert dump_project(path) == before


def test_lock_read_only_window_sees_consistent_states_while_another_process_edits(tmp_path, schema):
    from annotator.io.importing import check_no_overlap
    from annotator.model import LAYERS
    from tests.reliability.crash_harness import make_project

    path = tmp_path / "p.annotator"
    make_project(path, schema)
    writer = subprocess.Popen([sys.executable, "-m", "tests.reliability.workload", str(path), "5"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "READY\n"
        with pytest.raises(ProjectError, match=f"pid {writer.pid}"):
            Project.open(path)
        threading.Thread(target=writer.stdout.read, daemon=True).start()  # keep the writer's pipe drained
        seen: set[tuple] = set()
        deadline = time.monotonic() + 2.0
        with Project.open(path, read_only=True) as reader:
            while time.monotonic() < deadline:
                for doc in reader.documents():
                    for layer in LAYERS:
                        check_no_overlap(doc.spans(layer), layer)  # never a half-applied replace
                        assert all(0 <= s.start < s.end <= len(doc.article.text) for s in doc.spans(layer))
                    seen.add((doc.article.id, tuple(doc.entities)))
        assert len(seen) > 3  # the writer's edits showed up while reading
    finally:
        writer.kill()
        writer.wait(30)
