"""Downstream proof: the code in docs/training.md, run as written, trains a spaCy NER model on an
export of the CoNLL-2003 dev documents and scores it with seqeval well above chance.

Slow (a few minutes on 2 cores): run with ``make test-slow`` or ``pytest -m slow``.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONLL_DEV, ROOT

pytestmark = pytest.mark.slow

TRAINING_DOC = ROOT / "docs" / "training.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)
EXPORT_ASSIGNMENT = re.compile(r"^EXPORT_DIR = .*$", re.M)
MIN_F1 = 0.2  # a 300-step run scored 0.572 (Nov 2026); an untrained model scores 0


def code_blocks(text: str) -> list[tuple[str, str]]:
    """The fenced blocks of a Markdown text as (language, code)."""
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(text)]


def shell_commands(code: str) -> list[list[str]]:
    """The commands of a shell block, continuation lines joined, ``python`` as this interpreter."""
    commands = []
    for line in code.replace("\\\n", " ").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            argv = shlex.split(line)
            commands.append([sys.executable if argv[0] == "python" else argv[0], *argv[1:]])
    return commands


def export_conll_dev(out: Path, work: Path) -> None:
    from annotator.io.importing import import_documents
    from annotator.schema import Schema
    from annotator.store.project import Project
    from exports.formats.conll import read_conll
    from exports.hf.dataset import write_hf

    project = Project.create(work / "conll.annotator", Schema.from_file(ROOT / "examples" / "conll2003_schema.json"))
    try:
        assert import_documents(project, read_conll(CONLL_DEV)).total == 216
        write_hf(project.documents(), out, project.schema)
    finally:
        project.close()


def test_downstream_training_doc_trains_and_scores_above_chance(tmp_path, monkeypatch):
    import datasets

    # Nothing may download; the datasets cache stays inside the test's folder.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True, raising=False)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-cache")
    export_dir = tmp_path / "export"
    export_conll_dev(export_dir, tmp_path)
    work = tmp_path / "user"
    work.mkdir()
    monkeypatch.chdir(work)

    blocks = code_blocks(TRAINING_DOC.read_text(encoding="utf-8"))
    assert [lang for lang, _ in blocks] == ["python", "sh", "python"]
    namespace: dict = {}
    train_log = ""
    for number, (lang, code) in enumerate(blocks, start=1):
        if lang == "python":
            code, found = EXPORT_ASSIGNMENT.subn(f"EXPORT_DIR = {str(export_dir)!r}", code)
            assert found == 1, f"block {number} must set EXPORT_DIR once"
            namespace = {"__name__": "__main__"}
            exec(compile(code, f"{TRAINING_DOC}:block{number}", "exec"), namespace)
        else:
            for argv in shell_commands(code):
                run = subprocess.run(argv, cwd=work, capture_output=True, text=True, timeout=600)
                assert run.returncode == 0, f"{shlex.join(argv[1:])} failed:\n{run.stdout}\n{run.stderr}"
                train_log += run.stdout

    assert (work / "train.spacy").stat().st_size > 0 and (work / "dev.spacy").exists()
    assert "Saved pipeline" in train_log
    assert (work / "model" / "model-best" / "meta.json").exists()
    f1 = namespace["f1"]
    print(f"downstream seqeval F1 on the test split: {f1:.3f}")
    assert f1 > MIN_F1
