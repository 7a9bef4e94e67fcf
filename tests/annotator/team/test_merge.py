from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from annotator.errors import ProjectError
from annotator.model import ENTITIES, Status
from annotator.schema import Schema
from annotator.store.project import Project
from annotator.store.layers.versions import multi_annotated, versions
from annotator.team.merge import merge
from tests.annotator.team.helpers import annotate, corpus, team
from tests.conftest import ROOT


def _counts(path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "spans", "versions", "version_spans", "journal")}
    finally:
        conn.close()


def test_merge_keeps_each_annotator_as_a_layer_and_twice_is_a_no_op(project, tmp_path):
    corpus(project, 10)
    files = team(project, tmp_path / "out", ["alice", "bob"], overlap=0.4)
    annotate(files["alice"], "GPE")
    annotate(files["bob"], "PERSON")
    r = merge(project, files.values())
    assert r.counts["added"] == 14 and not r.problems
    assert r.annotators == {"alice", "bob"}
    both = multi_annotated(project.conn)
    assert len(both) == 4
    vs = versions(project.conn, project.seq(both[0]))
    assert [(v.annotator, v.status, v.spans[ENTITIES][0].label) for v in vs] == [("alice", Status.DONE, "GPE"), ("bob", Status.DONE, "PERSON")]
    assert project.spans(both[0], ENTITIES) == []  # the current annotations are not touched
    before = _counts(project.path)
    again = merge(project, files.values())
    assert again.counts == {"unchanged": 14}
    assert _counts(project.path) == before


def test_merge_refuses_the_target_itself(project, tmp_path):
    corpus(project, 2)
    with pytest.raises(ProjectError, match="merged into itself"):
        merge(project, [project.path])


def test_merge_reports_a_different_text_and_merges_the_rest(project, tmp_path):
    corpus(project, 4)
    files = team(project, tmp_path / "out", ["alice", "bob"], overlap=0.0)
    with Project.open(files["alice"]) as p:  # simulate a file whose article text was changed elsewhere
        victim = p.ids()[0]
        with p.transaction() as conn:
            conn.execute("UPDATE texts SET text = replace(text, 'Story', 'Tale') WHERE seq = ?", (p.seq(victim),))
    annotate(files["alice"])
    r = merge(project, [files["alice"]])
    assert len(r.mismatched) == 1 and victim in r.mismatched[0] and "text differs" in r.mismatched[0]
    assert r.articles_added == 0
    assert r.counts["added"] == 1
    assert versions(project.conn, project.seq(victim)) == []


def test_merge_maps_labels_by_name_and_names_the_rest(tmp_path):
    target = Project.create(tmp_path / "t.annotator", Schema.default(["PERSON", "GPE"]))
    ids = corpus(target, 2)
    files = team(target, tmp_path / "out", ["alice"], overlap=0.0)
    other = Project.create(tmp_path / "other.annotator", Schema.default(["PERSON", "GPE", "CITY"]))
    corpus(other, 2)
    other.close()
    annotate(tmp_path / "other.annotator", "CITY", name="carol", limit=1)
    annotate(files["alice"], "GPE")
    r = merge(target, [files["alice"], tmp_path / "other.annotator"])
    assert r.dropped_labels == {"entities CITY": 1}
    carol = next(v for v in versions(target.conn, target.seq(ids[0])) if v.annotator == "carol")
    assert carol.spans[ENTITIES] == []
    target.close()


CHILD = """
import sys
from annotator.store.project import Project
from annotator.team.merge import merge

def started():
    print("STARTED", flush=True)
    sys.stdin.readline()  # blocks inside the open transaction until the parent kills us

with Project.open(sys.argv[1]) as target:
    merge(target, sys.argv[2:], started=started)
"""


def test_merge_killed_midway_leaves_the_target_as_before(project, tmp_path):
    corpus(project, 30)
    files = team(project, tmp_path / "out", ["alice", "bob"], overlap=0.5)
    for name in files:
        annotate(files[name], name=name)
    path = project.path
    project.close()
    before = _counts(path)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), *map(str, files.values())], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout.readline().strip() == "STARTED"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert _counts(path) == before
    with Project.open(path) as p:
        assert p.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 0
        assert merge(p, files.values()).counts["added"] == 45


def test_merge_a_newer_version_replaces_the_current_and_keeps_the_old(project, tmp_path):
    corpus(project, 4)
    files = team(project, tmp_path / "out", ["alice"], overlap=0.0)
    annotate(files["alice"], "GPE", limit=2)
    assert merge(project, [files["alice"]]).counts == {"added": 2}
    with Project.open(files["alice"]) as p:  # alice goes on working: two more articles
        p.set_annotator("alice")
    annotate(files["alice"], "PERSON", limit=4)  # relabels the first two, annotates two more
    r = merge(project, [files["alice"]])
    assert r.counts["added"] == 2 and r.counts["updated"] == 2
    rows = project.conn.execute("SELECT current, count(*) FROM versions GROUP BY current ORDER BY current").fetchall()
    assert rows == [(0, 2), (1, 4)]  # the replaced versions are kept, no longer current
    assert len(versions(project.conn, project.seq(project.ids()[0]))) == 1


def test_merge_an_odd_annotator_name_is_a_clear_error_and_changes_nothing(project, tmp_path):
    corpus(project, 4)
    files = team(project, tmp_path / "out", ["alice"], overlap=0.0)
    annotate(files["alice"], limit=2)
    conn = sqlite3.connect(files["alice"])  # an older tool or a hand edit left an odd name behind
    conn.execute("UPDATE articles SET annotator = 'bob/\x1b[31m' WHERE annotator IS NOT NULL AND seq = (SELECT min(seq) FROM articles WHERE annotator IS NOT NULL)")
    conn.commit()
    conn.close()
    before = _counts(project.path)
    with pytest.raises(ProjectError, match=r"alice\.annotator: annotator of article .*control character|contains ','"):
        merge(project, [files["alice"]])
    assert _counts(project.path) == before
