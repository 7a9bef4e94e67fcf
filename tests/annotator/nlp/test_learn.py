from __future__ import annotations

import json

import pytest

from annotator.errors import ModelError, TrainingError
from annotator.model import ENTITIES, Status
from annotator.nlp.learning.learn import check_trainable, schema_drift, train_version
from annotator.nlp.learning.model_versions import active_version, list_versions, models_dir
from annotator.nlp.pipeline import load_pipeline
from annotator.nlp.learning.suggester import check_labels, resolve_suggester
from annotator.nlp.learning.training import Schedule
from annotator.schema import Schema
from annotator.store.project import Project
from tests.annotator.nlp.learning_projects import conll_project

QUICK = Schedule(steps=15)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A project of 30 CoNLL articles, 20 done, with one quick training; yields (path, version)."""
    path = tmp_path_factory.mktemp("learn") / "p.annotator"
    project = conll_project(path, articles=30, done=20)
    steps: list[tuple[int, int]] = []
    try:
        version = train_version(project, QUICK, progress=lambda s, t: steps.append((s, t)))
    finally:
        project.close()
    return path, version, steps


def test_learn_refuses_too_few_done_articles(tmp_path):
    project = conll_project(tmp_path / "p.annotator", articles=12, done=3)
    with project, pytest.raises(TrainingError, match=r"need at least 10 done articles with entities; 3 so far"):
        train_version(project, QUICK)
    assert not models_dir(project.path).exists()


def test_learn_refuses_a_read_only_project(tmp_path):
    conll_project(tmp_path / "p.annotator", articles=12, done=12).close()
    with Project.open(tmp_path / "p.annotator", read_only=True) as project:
        with pytest.raises(TrainingError, match="opened read-only"):
            check_trainable(project)


def test_learn_stores_a_complete_version_with_held_out_scores(trained):
    path, version, steps = trained
    assert version.name == "v1" and version.labels == ["PER", "ORG", "LOC", "MISC"]
    assert version.train_articles + version.held_out_articles == 20 and version.held_out_articles > 0
    assert set(version.scores.per_label) == {"PER", "ORG", "LOC", "MISC"}
    assert version.compared_with == "base" and version.accepted == (version.scores.f1 > version.baseline.f1)
    assert steps[-1] == (15, 15) and [s for s, _ in steps] == sorted(s for s, _ in steps)
    folder = models_dir(path)
    assert [p.name for p in folder.iterdir()] == ["v1"]  # nothing partial left behind
    record = json.loads((folder / "v1" / "version.json").read_text())
    assert record["scores"]["f1"] == version.scores.f1
    nlp = load_pipeline(str(version.pipeline_path))
    assert nlp.meta["version"] == "1.0.0" and nlp.config["initialize"]["before_init"] is None
    assert {"PER", "ORG", "LOC", "MISC"} <= set(nlp.get_pipe("ner").labels)


def test_learn_active_version_follows_acceptance(trained):
    path, version, _ = trained
    with Project.open(path, read_only=True) as project:
        active = active_version(project)
        assert (active.name if active else None) == ("v1" if version.accepted else None)
        assert [v.name for v in list_versions(path)] == ["v1"]
        assert resolve_suggester(project, "latest").version.name == "v1"
        assert resolve_suggester(project, "v1").target == str(version.pipeline_path)
        assert resolve_suggester(project, "base").target == project.model_name
        with pytest.raises(ModelError, match="no model version v7"):
            resolve_suggester(project, "v7")


def test_learn_schema_change_after_training_is_named(trained, tmp_path):
    path, version, _ = trained
    with Project.open(path, read_only=True) as project:
        data = project.schema.to_json()
        data["entities"]["labels"] = [l for l in data["entities"]["labels"] if l["name"] != "MISC"] + [{"name": "DATE"}]
        data["entities"]["map"] = {}
        project.schema = Schema.from_json(data)
        assert schema_drift(project, version) == (["DATE"], ["MISC"])
        with pytest.raises(ModelError, match=r"model v1 was trained on the labels PER, ORG, LOC, MISC.*added DATE; removed MISC"):
            check_labels(project, version)


def test_learn_skips_done_articles_without_entities(tmp_path):
    project = conll_project(tmp_path / "p.annotator", articles=14, done=0)
    with project:
        with project.transaction() as conn:
            conn.execute("UPDATE articles SET status = ?", (Status.DONE.value,))
        with pytest.raises(TrainingError, match=r"0 so far \(14 done without entities are not used\)"):
            check_trainable(project)
        assert project.count(Status.DONE) == 14 and not project.spans(project.ids()[0], ENTITIES)
