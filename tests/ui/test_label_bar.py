"""The compact label bar: entity keys first, section types folded, rare labels hidden until asked."""
from __future__ import annotations

import pytest

from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Schema
from annotator.store.project import Project
from tests.conftest import add_text
from tests.ui.conftest import TEXT_A

ONTONOTES = ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL", "ORG",
             "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"]


@pytest.fixture
def friendly_window(qtbot, tmp_path):
    from ui.app.main_window import MainWindow

    project = Project.create(tmp_path / "friendly.annotator", Schema.friendly(ONTONOTES))
    add_text(project, TEXT_A)
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    project.close()


def test_label_bar_shows_common_entities_first_and_folds_sections(friendly_window):
    bar = friendly_window.label_bar
    assert bar.visible_labels(ENTITIES) == ["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT"]
    assert bar.visible_labels(SECTIONS) == []
    assert bar.height() < 720 / 12  # one row on a 1280x720 window
    friendly_window.actions_by_name["sections_bar"].trigger()
    assert bar.visible_labels(SECTIONS)[:4] == ["headline", "lede", "body", "boilerplate"]
    assert "zoom_in" not in bar.visible_labels(SECTIONS)


def test_label_bar_full_set_is_one_setting_away_and_remembered(qtbot, friendly_window):
    from ui.app.settings import load_settings

    friendly_window.actions_by_name["show_all_labels"].trigger()
    assert len(friendly_window.label_bar.visible_labels(ENTITIES)) == len(ONTONOTES)
    assert load_settings()["show_all_labels"] is True


def test_label_bar_keys_read_as_in_the_menus(friendly_window):
    bar, acts = friendly_window.label_bar, friendly_window.actions_by_name
    from ui.app.keys import key_text

    for (layer, name), button in bar.buttons.items():
        action = acts[f"{'entity' if layer == ENTITIES else 'section'}:{name}"]
        if action.shortcut().isEmpty():
            continue
        assert button.text().split()[0] == key_text(action.shortcut()), name


def test_label_bar_rare_labels_sit_in_a_submenu(friendly_window):
    acts = friendly_window.actions_by_name
    rare_menu = acts["entity:CARDINAL"].associatedObjects()
    assert any(getattr(m, "title", lambda: "")() == "&Rare Labels" for m in rare_menu)
    assert acts["entity:PERSON"].shortcut().toString() == "1"
