from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from annotator.nlp.learning.model_versions import ModelVersion, activate, active_version, list_versions, models_dir, save_version
from annotator.nlp.learning.training_data import Scores
from annotator.store.project import Project

SCORES = Scores(0.5, 0.5, 0.5, {"PER": {"p": 0.5, "r": 0.5, "f": 0.5}}, 3)


def record() -> ModelVersion:
    return ModelVersion(name="", created_at="2026-01-01T00:00:00Z", base="en_core_web_sm", labels=["PER"],
                        train_articles=9, held_out_articles=3, steps=10, seconds=1.0, scores=SCORES,
                        compared_with="base", baseline=SCORES, accepted=True, label_counts={"PER": 4})


def test_model_versions_are_numbered_and_listed(project):
    nlp = spacy.blank("en")
    first, second = save_version(project.path, nlp, record()), save_version(project.path, nlp, record())
    assert (first.name, second.name) == ("v1", "v2")
    assert [v.name for v in list_versions(project.path)] == ["v1", "v2"]
    assert (second.path / "pipeline" / "meta.json").is_file() and second.model_id == ("en_learned", "2.0.0")
    activate(project, first)
    assert active_version(project).name == "v1"
    activate(project, None)
    assert active_version(project) is None


def test_model_versions_failed_write_leaves_no_version(project, monkeypatch):
    nlp = spacy.blank("en")

    def broken(path, **kw):
        path.mkdir(parents=True)
        (path / "half").write_text("x")
        raise OSError("disk full")

    monkeypatch.setattr(nlp, "to_disk", broken)
    with pytest.raises(OSError, match="disk full"):
        save_version(project.path, nlp, record())
    assert list(models_dir(project.path).iterdir()) == []


def test_model_versions_a_killed_training_leaves_no_half_version(project):
    """A process killed while writing its version leaves a .partial folder, which is never listed and
    is removed by the next save."""
    folder = models_dir(project.path)
    folder.mkdir()
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = folder / f".v1.partial-{child.stdout.strip()}"  # that process has exited
    (dead / "pipeline").mkdir(parents=True)
    assert list_versions(project.path) == []
    saved = save_version(project.path, spacy.blank("en"), record())
    assert saved.name == "v1" and not dead.exists()


def test_model_versions_active_name_from_the_file_is_never_a_path(project):
    with project.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO project(key, value) VALUES ('active_model', '../../etc')")
    assert active_version(project) is None


def test_model_versions_listing_works_read_only(project):
    save_version(project.path, spacy.blank("en"), record())
    with Project.open(project.path, read_only=True) as ro:
        assert [v.name for v in list_versions(ro.path)] == ["v1"] and active_version(ro) is None
