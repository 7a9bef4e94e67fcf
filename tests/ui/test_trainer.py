"""Training from the window: a child process, progress, cancel, automatic retraining, status bar."""
from __future__ import annotations

import pytest
import spacy

from annotator.editing.commands import SetStatus
from annotator.model import Status
from annotator.nlp.learning.model_versions import ModelVersion, activate, list_versions, models_dir, save_version, set_retrain_every
from annotator.nlp.learning.training_data import Scores
from tests.annotator.nlp.learning_projects import conll_project

TIMEOUT = 240_000  # a signal, not a clock: the bound only stops a hung child from hanging the suite


@pytest.fixture
def learning_window(qtbot, tmp_path):
    from ui.app.main_window import MainWindow

    project = conll_project(tmp_path / "p.annotator", articles=20, done=14)
    w = MainWindow(project)
    w.owns_project = True
    w.training.trainer.steps = 30
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def worthless_active_version(project) -> None:
    """An active version that finds nothing, so any trained one beats it."""
    zero = Scores(0.0, 0.0, 0.0, {}, 0)
    record = ModelVersion(name="", created_at="2026-01-01T00:00:00Z", base="en_core_web_sm", labels=["PER", "ORG", "LOC", "MISC"],
                          train_articles=0, held_out_articles=0, steps=0, seconds=0.0, scores=zero, compared_with="base",
                          baseline=zero, accepted=True)
    activate(project, save_version(project.path, spacy.blank("en"), record))


def test_trainer_train_now_accepts_and_resuggests_in_the_background(qtbot, learning_window):
    w = learning_window
    worthless_active_version(w.project)
    w.training.show_model()
    assert w.status_model.text() == "model v1 · held-out F1 0.00"
    with qtbot.waitSignal(w.training.trainer.finished, timeout=TIMEOUT) as finished, \
         qtbot.waitSignal(w.training.trainer.progress, timeout=TIMEOUT):
        w.actions_by_name["train_now"].trigger()
        assert w.training.trainer.running
    report = finished.args[0]
    assert report["version"] == "v2" and report["accepted"] and report["resuggested"] == 20  # none had suggestions
    assert report["sections"].startswith("section classifier not trained: 0 done article(s) with sections")  # CoNLL: none
    assert w.status_model.text() == f"model v2 · held-out F1 {report['f1']:.2f}"
    models = {r[0:2] for r in w.project.conn.execute("SELECT model, version FROM prelabels WHERE layer = 'entities'")}
    assert models == {("en_learned", "2.0.0")}
    origins = dict(w.project.conn.execute(
        "SELECT a.status, group_concat(DISTINCT s.origin) FROM spans s JOIN articles a ON a.seq = s.article WHERE s.layer = 'entities' GROUP BY a.status"))
    assert origins == {"done": "imported", "new": "suggested"}  # done work untouched, the new ones suggested


def test_trainer_cancel_leaves_no_version(qtbot, learning_window):
    w = learning_window
    w.training.trainer.steps = 100_000
    with qtbot.waitSignal(w.training.trainer.progress, timeout=TIMEOUT):
        w.training.train_now()
    with qtbot.waitSignal(w.training.trainer.failed, timeout=TIMEOUT) as failed:
        w.actions_by_name["train_cancel"].trigger()
    assert failed.args == [""] and not w.training.trainer.running
    assert list_versions(w.project.path) == [] and not any(models_dir(w.project.path).glob("v*"))
    assert w.status_model.text() == "Model: en_core_web_sm"


def test_trainer_retrains_after_n_newly_done_articles(qtbot, learning_window):
    w = learning_window
    set_retrain_every(w.project, 16)  # no version yet: every done article counts as new
    new = w.project.ids(Status.NEW)
    w.editor.execute(SetStatus(new[0], Status.DONE))
    assert not w.training.trainer.running  # 15 of 16
    w.editor.execute(SetStatus(new[1], Status.SKIPPED))
    assert not w.training.trainer.running  # skipping is not done
    with qtbot.waitSignal(w.training.trainer.started, timeout=TIMEOUT):
        w.editor.execute(SetStatus(new[2], Status.DONE))  # 16: time to train
    assert w.training.trainer.running and w.status_model.text() == "training: starting…"
    with qtbot.waitSignal(w.training.trainer.failed, timeout=TIMEOUT):
        w.training.cancel()


def test_trainer_refuses_on_a_read_only_project(qtbot, tmp_path):
    from annotator.store.project import Project
    from ui.app.main_window import MainWindow

    conll_project(tmp_path / "p.annotator", articles=12, done=12).close()
    project = Project.open(tmp_path / "p.annotator", read_only=True)
    w = MainWindow(project)
    w.owns_project = True
    qtbot.addWidget(w)
    w.training.train_now()
    assert not w.training.trainer.running and "read-only" in w.statusBar().currentMessage()
    w.close()
