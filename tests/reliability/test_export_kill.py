"""Killing an export midway leaves the previous export intact and nothing half-written in its place."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from annotator.io.importing import import_documents
from annotator.model import Article, Document, Span, Status, article_id
from annotator.store.project import Project
from exports.hf.dataset import read_hf, write_hf
from tests.conftest import ROOT


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
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-m", "tests.reliability.export_child", str(project), str(out)],
                                 cwd=ROOT, stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.5, 3.0))
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
    assert kill_exports(tmp_path, schema, kills=3) >= 1


@pytest.mark.slow
def test_export_kill_twenty_times(tmp_path, schema):
    assert kill_exports(tmp_path, schema, kills=20) >= 10
