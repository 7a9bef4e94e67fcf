"""Background import, export and pre-labeling: off the GUI thread, cancellable, errors in a dialog."""
from __future__ import annotations

import threading

import pytest

from annotator.model import ENTITIES
from tests.ui.helpers import listed
from ui.app import project_ops, workers
from ui.app.workers import Cancelled, run_in_background


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(workers.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def test_workers_job_runs_off_gui_thread_and_calls_back(qtbot, warnings):
    seen: dict[str, object] = {}

    def job(progress, should_stop):
        seen["thread"] = threading.current_thread()
        progress(1, 2)
        return 42

    op = run_in_background(None, "Counting", job, lambda result: seen.setdefault("result", result))
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert seen["result"] == 42 and seen["thread"] is not threading.main_thread()
    assert warnings == []


def test_workers_cancel_stops_job_without_dialog(qtbot, warnings):
    started = threading.Event()

    def job(progress, should_stop):
        started.set()
        while not should_stop():
            threading.Event().wait(0.01)
        raise Cancelled()

    op = run_in_background(None, "Waiting", job)
    started.wait(5)
    op.cancel()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert op.error == "" and warnings == []


def test_workers_import_adds_articles_and_refreshes_list(qtbot, window, tmp_path, warnings, ruler_pipeline):
    source = tmp_path / "more.txt"
    source.write_text("A new article about Axios and Israel.", encoding="utf-8")
    op = window.ops.import_path(source)
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert warnings == []
    assert window.project.count() == 4
    assert window.article_list.model.rowCount() == 4
    assert window.article_list.progress.text() == "0 of 4 done"


def test_workers_failed_import_shows_reason_and_keeps_project(qtbot, window, tmp_path, warnings):
    source = tmp_path / "broken.jsonl"
    source.write_text('{"text": "Fine article."}\n{"text": "Bad", "entities": [[0, 99, "PERSON"]]}\n', encoding="utf-8")
    op = window.ops.import_path(source)
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert len(warnings) == 1 and "broken.jsonl" in warnings[0] and "Traceback" not in warnings[0]
    assert window.project.count() == 3


def test_workers_cancelled_import_rolls_back(window, tmp_path):
    source = tmp_path / "more.txt"
    source.write_text("Something new.", encoding="utf-8")
    with pytest.raises(Cancelled):
        project_ops.import_job(window.project.another_connection, source)(lambda *_: None, lambda: True)
    assert window.project.count() == 3


def test_workers_prelabel_current_article_shows_suggestions(qtbot, window, ruler_nlp, monkeypatch, warnings):
    monkeypatch.setattr(project_ops, "load_prelabel_pipeline", lambda model, schema, allow_path=False: ruler_nlp)
    op = window.ops.prelabel(current_only=True)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    assert warnings == []
    stored = {(s.label) for s in window.project.spans(window.article_id, ENTITIES)}
    assert {"PERSON", "GPE", "DATE", "ORG"} <= stored
    assert len(window.view.entities) == len(window.project.spans(window.article_id, ENTITIES))
    assert all(s.suggested for s in window.view.entities)
    assert {origin for _, _, origin in listed(window)} == {"suggested"}


def test_workers_export_writes_file(qtbot, window, tmp_path, warnings):
    import exports.all_formats  # noqa: F401

    out = tmp_path / "out.jsonl"
    op = window.ops.export_to("prodigy", out)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    assert warnings == []
    assert out.exists() and len(out.read_text(encoding="utf-8").splitlines()) == 3
