"""Fixtures for the desktop app: a window on a small project, and gesture helpers."""
from __future__ import annotations

import pytest

from tests.conftest import add_text

TEXT_A = "Kassym-Jomart Tokayev met Trump in Israel on Thursday.\nAxios reported it. Why it matters: Kazakhstan joins.\n"
TEXT_B = "😀 Trump spoke in Kazakhstan.\n東京 hosted Axios on Thursday."
TEXT_C = "A third article about Israel."


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    """Keep the recent-projects list of tests out of the user's config folder."""
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.fixture
def articles(project):
    return [add_text(project, TEXT_A, title="First"), add_text(project, TEXT_B, title="Second"), add_text(project, TEXT_C)]


@pytest.fixture
def window(qtbot, project, articles):
    from ui.app.main_window import MainWindow

    w = MainWindow(project)
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.view.setFocus()
    qtbot.wait(10)  # let activation settle before the first key press
    yield w
    w.close()


@pytest.fixture
def ruler_pipeline(monkeypatch, ruler_nlp):
    """The app's pre-labeling pipeline: the test ruler plus the real section component."""
    from annotator.nlp.sections.tagger import add_section_pipe
    from ui.app import project_ops

    def load(model, schema, allow_path=False):
        if "sections" not in ruler_nlp.pipe_names:
            add_section_pipe(ruler_nlp, schema)
        return ruler_nlp
    monkeypatch.setattr(project_ops, "load_prelabel_pipeline", load)
    return ruler_nlp
