"""The five bugs an annotator hit in the first hour (issue 18), each driven like a user would."""
from __future__ import annotations

from tests.conftest import SEED, add_text


def _reopen(qtbot, project, size=(1300, 700)):
    """A window opened the way ``open_window`` does: built, then sized, then shown."""
    from ui.app.main_window import MainWindow

    window = MainWindow(project)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_main_window_restores_scroll_inside_a_long_paragraph(qtbot, project):
    text = SEED.read_text(encoding="utf-8")
    aid = add_text(project, text)
    first = _reopen(qtbot, project)
    target = text.index("The big picture")
    first.view.set_scroll_value(target)
    top = first.view.scroll_value()
    assert 0 < top <= target
    first.close()
    assert project.session() == {"article": aid, "scroll": top}

    second = _reopen(qtbot, project)
    shown = second.view.scroll_value()
    assert shown == top
    second.close()
