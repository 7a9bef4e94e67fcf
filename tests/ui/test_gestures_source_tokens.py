"""The app snaps a selection to the tokens an article arrived with (a CoNLL file's), not the tokenizer's."""
from __future__ import annotations

from exports.importing import import_paths
from tests.ui.helpers import drag, press, stored

WORDS = "Kassym-Jomart Tokayev met Trump .".split()


def test_gestures_drag_snaps_to_source_tokens(qtbot, project, tmp_path):
    from ui.app.main_window import MainWindow

    source = tmp_path / "in.conll"
    source.write_text("-DOCSTART- -X- -X- O\n\n" + "".join(f"{w} O\n" for w in WORDS))
    import_paths(project, [source])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)  # keys go to the view once it has the focus
    drag(window.view, 1, 4)  # "ass", inside "Kassym", which the tokenizer makes a token of its own
    assert window.view.selected_text() == "Kassym-Jomart"  # the file's token
    press(window, "1")
    assert stored(project, window.article_id) == [("Kassym-Jomart", project.schema.names("entities")[0])]
    window.close()
