"""Importing in the app says how many texts it found twice and kept once."""
from __future__ import annotations

import json

from tests.ui.conftest import TEXT_C
from ui.app import workers

TIMEOUT = 20000


def said(window, start: str):
    return window.statusBar().messageChanged, (lambda message: message.startswith(start))


def test_import_duplicates_reported_after_import_and_prelabel(qtbot, window, ruler_pipeline, monkeypatch, tmp_path):
    warnings: list[str] = []
    monkeypatch.setattr(workers.QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    source = tmp_path / "feed.jsonl"
    records = [{"id": "x1", "text": "Trump visited Axios."}, {"id": "x2", "text": "Trump visited Axios."},
               {"id": "c-again", "text": TEXT_C}, {"id": "new", "text": "Israel on Thursday."}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    signal, check = said(window, "Imported 2 new articles")
    with qtbot.waitSignal(signal, check_params_cb=check, timeout=TIMEOUT) as blocker:
        window.ops.import_path(source)
    message = blocker.args[0]
    assert message.startswith("Imported 2 new articles from feed.jsonl and pre-labeled them: 4 entities")
    assert message.endswith("suggested; 2 duplicate texts kept once (same text as another article)")
    assert warnings == [] and window.project.count() == 5 and window.article_list.model.rowCount() == 5


def test_import_duplicates_only_says_nothing_new(qtbot, window, tmp_path):
    source = tmp_path / "again.jsonl"
    source.write_text(json.dumps({"id": "c-again", "text": TEXT_C}) + "\n", encoding="utf-8")
    signal, check = said(window, "Nothing new in again.jsonl")
    with qtbot.waitSignal(signal, check_params_cb=check, timeout=TIMEOUT) as blocker:
        window.ops.import_path(source)
    assert blocker.args[0] == "Nothing new in again.jsonl: 1 duplicate text kept once (same text as another article)"
    assert window.project.count() == 3

