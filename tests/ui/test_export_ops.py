"""File › Export in the app: a refused target asks "Replace anyway?"; forcing never reaches a project."""
from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QMessageBox

import exports.all_formats  # noqa: F401  registers every format
from ui.app import export_ops, workers

TIMEOUT = 20000


@pytest.fixture
def dialogs(monkeypatch, qtbot):
    """Record the questions and warnings the export shows; answer questions with ``answer[0]``."""
    seen: dict[str, list[str]] = {"question": [], "warning": []}
    answer = [QMessageBox.StandardButton.Yes]
    warned = qtbot.waitCallback(timeout=TIMEOUT, raising=False)

    def question(parent, title, text, *args):
        seen["question"].append(text)
        return answer[0]

    def warning(parent, title, text):
        seen["warning"].append(text)
        warned(text)
    monkeypatch.setattr(export_ops.QMessageBox, "question", question)
    monkeypatch.setattr(workers.QMessageBox, "warning", warning)
    return seen, answer, warned


def said(window, start: str):
    """Wait for the status bar to show a message starting with ``start``."""
    return window.statusBar().messageChanged, (lambda message: message.startswith(start))


def test_export_ops_refused_file_asks_and_replaces_on_yes(qtbot, window, tmp_path, dialogs):
    seen, _, _ = dialogs
    out = tmp_path / "notes.jsonl"
    out.write_text("my own notes, not an export\n", encoding="utf-8")
    signal, check = said(window, "Exported to")
    with qtbot.waitSignal(signal, check_params_cb=check, timeout=TIMEOUT):
        window.ops.export_to("prodigy", out)
    assert len(seen["question"]) == 1 and seen["warning"] == []
    text = seen["question"][0]
    assert str(out) in text and "not a prodigy export" in text and "Replace anyway?" in text
    assert "--force" not in text
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all("text" in json.loads(line) for line in lines)


def test_export_ops_refused_file_kept_on_no(qtbot, window, tmp_path, dialogs):
    seen, answer, _ = dialogs
    answer[0] = QMessageBox.StandardButton.No
    out = tmp_path / "notes.jsonl"
    out.write_text("my own notes, not an export\n", encoding="utf-8")
    signal, check = said(window, "Export not written")
    with qtbot.waitSignal(signal, check_params_cb=check, timeout=TIMEOUT):
        window.ops.export_to("prodigy", out)
    assert len(seen["question"]) == 1 and seen["warning"] == []
    assert out.read_text(encoding="utf-8") == "my own notes, not an export\n"


def test_export_ops_folder_without_marker_keeps_other_files_when_replaced(qtbot, window, tmp_path, dialogs):
    seen, _, _ = dialogs
    out = tmp_path / "brat-out"
    out.mkdir()
    (out / "README.txt").write_text("mine", encoding="utf-8")
    signal, check = said(window, "Exported to")
    with qtbot.waitSignal(signal, check_params_cb=check, timeout=TIMEOUT):
        window.ops.export_to("brat", out)
    assert len(seen["question"]) == 1 and "--force" not in seen["question"][0]
    assert "its other files are kept" in seen["question"][0]
    assert (out / "README.txt").read_text(encoding="utf-8") == "mine"
    assert len(list(out.rglob("*.ann"))) == 3


def test_export_ops_project_file_refused_without_question(qtbot, window, dialogs):
    seen, _, warned = dialogs
    target = window.project.path
    before = target.read_bytes()
    with warned:
        window.ops.export_to("prodigy", target)
    assert seen["question"] == [] and len(seen["warning"]) == 1 and "SQLite database" in seen["warning"][0]
    assert target.read_bytes() == before and window.project.count() == 3


def test_export_ops_link_and_project_folder_refused_without_question(qtbot, window, tmp_path, dialogs):
    seen, _, warned = dialogs
    (tmp_path / "real.jsonl").write_text("x\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    os.symlink(tmp_path / "real.jsonl", link)
    with warned:
        window.ops.export_to("prodigy", link)
    assert "symbolic link" in seen["warning"][-1]
    warned.called = False
    with warned:  # the folder holding the open project: never, even though brat would carry files over
        window.ops.export_to("brat", window.project.path.parent)
    assert "SQLite database" in seen["warning"][-1]
    assert seen["question"] == [] and link.is_symlink() and (tmp_path / "real.jsonl").read_text() == "x\n"
    assert window.project.count() == 3


def test_export_ops_file_the_earlier_export_did_not_write_asks_then_replaces(qtbot, window, tmp_path, dialogs):
    seen, _, _ = dialogs
    out = tmp_path / "brat-out"
    signal, check = said(window, "Exported to")
    with qtbot.waitSignal(signal, check_params_cb=check, timeout=TIMEOUT):
        window.ops.export_to("brat", out)  # an earlier export: marked, replaced without a question
    assert seen["question"] == []
    ann = sorted(out.rglob("*.ann"))[0]
    ann.write_text("T1\tPERSON 0 4\tMine\n", encoding="utf-8")
    marker = out / ".annotator-export.json"
    files = json.loads(marker.read_text(encoding="utf-8"))
    files["files"].remove(ann.relative_to(out).as_posix())  # as if the user had put that file there
    marker.write_text(json.dumps(files), encoding="utf-8")
    window.statusBar().clearMessage()  # the same message again would not signal a change
    with qtbot.waitSignal(signal, check_params_cb=check, timeout=TIMEOUT):
        window.ops.export_to("brat", out)
    assert len(seen["question"]) == 1 and seen["question"][0].startswith(str(ann))
    assert "Was not written by an export" in seen["question"][0] and "--force" not in seen["question"][0]
    assert ann.read_text(encoding="utf-8") != "T1\tPERSON 0 4\tMine\n"
