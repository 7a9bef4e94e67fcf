"""New project from files, reopening through the recent list, and the read-only fallback."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

import ui.app.main_window as app_module
from annotator.model import ENTITIES
from tests.ui.conftest import TEXT_A
from ui.app.main_window import open_window
from ui.app.recent import add_recent, last_project, recent_projects


def test_project_ops_recent_keeps_newest_first_and_drops_missing(tmp_path):
    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    a.write_bytes(b"")
    b.write_bytes(b"")
    add_recent(a)
    add_recent(b)
    add_recent(a)
    assert recent_projects() == [a.resolve(), b.resolve()]
    a.unlink()
    assert last_project() == b.resolve()


def test_project_ops_new_project_imports_and_opens(qtbot, window, tmp_path, ruler_pipeline):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXT_A, encoding="utf-8")
    (folder / "two.txt").write_text("Another article from Axios.", encoding="utf-8")
    target = tmp_path / "fresh.annotator"
    op = window.ops.create_project([folder], target)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    opened = app_module._windows[-1]
    try:
        assert opened.project.path == target and opened.project.count() == 2
        assert opened.view.toPlainText() in (TEXT_A, "Another article from Axios.")
        assert opened.project.schema.has(ENTITIES, "PERSON")
        assert not window.isVisible()  # the new project replaced the old window
        assert last_project() == target.resolve()
    finally:
        opened.close()


def test_project_ops_locked_project_opens_read_only(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    other = open_window(Path(window.project.path))  # the fixture's window holds the lock
    assert other is not None
    try:
        assert other.project.read_only and "read-only" in other.windowTitle()
        assert other.article_id == window.article_id
    finally:
        other.close()


def test_project_ops_new_project_opens_bare_when_no_model_loads(qtbot, window, tmp_path, monkeypatch):
    from annotator.errors import ModelError
    from ui.app import project_ops

    def no_model(model, schema, allow_path=False):
        raise ModelError("no installed spaCy pipeline 'x'")
    monkeypatch.setattr(project_ops, "load_prelabel_pipeline", no_model)
    source = tmp_path / "one.txt"
    source.write_text(TEXT_A, encoding="utf-8")
    op = window.ops.create_project([source], tmp_path / "bare.annotator")
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    opened = app_module._windows[-1]
    try:
        assert opened.project.path == tmp_path / "bare.annotator" and opened.view.toPlainText() == TEXT_A
        assert opened.project.spans(opened.article_id, ENTITIES) == []
    finally:
        opened.close()
