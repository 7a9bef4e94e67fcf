"""Killing an export midway leaves the previous export intact and nothing half-written in its place.

The child says when it is inside an export (before each batch, see ``export_child``) and waits for
the parent: each kill lands at a random batch of the first or second export the child writes,
never before the child has started, however slow or loaded the machine is.
"""
from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from annotator.io.importing import import_documents
from annotator.model import Article, Document, Span, Status, article_id
from annotator.store.project import Project
from exports.hf.dataset import read_hf, write_hf
from tests.conftest import ROOT
from tests.reliability.export_child import BATCH


def build(path: Path, schema, n: int) -> None:
    words = "Kazakhstan officials met Trump in Washington on Thursday to discuss the accords .".split()
    docs = []
    for i in range(n):
        text = " ".join(words * 40) + f" {i}"
        ents = [Span(k, k + len("Kazakhstan"), "GPE") for k in range(0, len(text) - 20, len(" ".join(words)) + 1)]
        docs.append(Document(Article(article_id(text), text), entities=ents, status=Status.DONE))
    with Project.create(path, schema) as p:
        import_documents(p, docs)


def check_complete(out: Path, n: int) -> None:
    """The folder is a whole export: its card, every config, all documents readable."""
    assert (out / "README.md").exists()
    for config in ("documents", "ner", "sections"):
        for f in (out / "data" / config).glob("*.parquet"):
            pq.read_table(f)
    assert len(list(read_hf(out))) == n


def kill_exports(tmp_path: Path, schema, kills: int, n: int = 300) -> int:
    project = tmp_path / "p.annotator"
    build(project, schema, n)
    out = tmp_path / "export"
    with Project.open(project, read_only=True) as p:
        write_hf(p.documents(), out, p.schema)  # the previous export
    rng = random.Random(7)
    killed_mid_write = 0
    batches = -(-n // BATCH)
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-m", "tests.reliability.export_child", str(project), str(out)],
                                 cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert child.stdin is not None and child.stdout is not None
        at, seen = rng.randint(1, 2 * batches), 0
        try:
            for line in child.stdout:
                seen += line.startswith("WRITING ")
                if seen == at:
                    break
                if line.startswith("WRITING "):
                    child.stdin.write("go\n")
                    child.stdin.flush()
            assert seen == at, f"the export child stopped before batch {at}"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
        leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".export.")]
        killed_mid_write += bool(leftovers)
        if not out.exists():  # killed between moving the old export aside and moving the new one in
            assert any(p.name.startswith(".export.old-") for p in leftovers)
        else:
            check_complete(out, n)
        assert not any(p.name.startswith("export") and p != out for p in tmp_path.iterdir())
    with Project.open(project, read_only=True) as p:  # the next export tidies up after the kills
        write_hf(p.documents(), out, p.schema)
    check_complete(out, n)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".export", "export"))] == ["export"]
    return killed_mid_write


def test_export_kill_leaves_the_previous_export_whole(tmp_path, schema):
    assert kill_exports(tmp_path, schema, kills=3) == 3  # every kill landed while the export was writing


@pytest.mark.slow
def test_export_kill_twenty_times(tmp_path, schema):
    assert kill_exports(tmp_path, schema, kills=20) == 20
