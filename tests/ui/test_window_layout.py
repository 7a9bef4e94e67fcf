"""The window comes back with the size and docks it was closed with."""
from __future__ import annotations

from PySide6.QtWidgets import QDockWidget

from annotator.store.project import Project
from tests.conftest import add_text
from ui.app.main_window import open_window


def test_window_layout_size_and_hidden_dock_survive_reopening(qtbot, tmp_path, schema):
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        add_text(p, "Trump met Tokayev on Thursday.")
    first = open_window(path)
    qtbot.addWidget(first)
    qtbot.waitExposed(first)
    first.resize(700, 520)  # inside the offscreen screen (800x600): restoreGeometry clamps to it
    docks = {d.objectName(): d for d in first.findChildren(QDockWidget)}
    hidden = sorted(docks)[0]
    docks[hidden].hide()
    qtbot.wait(20)
    size = (first.width(), first.height())
    first.close()
    second = open_window(path)
    qtbot.addWidget(second)
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == size != (1400, 900)
    state = {d.objectName(): d.isVisible() for d in second.findChildren(QDockWidget)}
    assert state[hidden] is False and any(state.values())
    second.close()
