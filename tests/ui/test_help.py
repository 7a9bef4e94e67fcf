"""Help: the shortcut cheat sheet (F1 or ?) lists what the menus bind, keys as the menus show them;
the light/dark switch keeps placeholder text readable."""
from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import press
from ui.app.menus.cheat_sheet import CheatSheet, shortcut_rows
from ui.app.theme import contrast, palette


def test_cheat_sheet_lists_menu_shortcuts_as_menus_show_them(window):
    rows = dict(shortcut_rows(window))
    article = dict(rows["Article"])
    assert article["Next Article"] == "Ctrl+PgDown"
    assert dict(rows["Sections"])["Set Type: headline"] == "H"
    assert "F1" in dict(rows["Help"])["Keyboard Shortcuts"]
    sheet = CheatSheet(window)
    assert sheet.tree.topLevelItemCount() == len(rows)
    sheet.close()


def test_cheat_sheet_opens_on_f1(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(CheatSheet, "exec", lambda self: opened.append(self) or 0)
    press(window, "F1")
    assert len(opened) == 1


def test_theme_placeholder_and_text_are_readable_in_both_themes():
    for name in ("light", "dark"):
        pal = palette(name)
        base = pal.color(QPalette.ColorRole.Base)
        assert contrast(pal.color(QPalette.ColorRole.Text), base) >= 7, name
        assert contrast(pal.color(QPalette.ColorRole.PlaceholderText), base) >= 4.5, name


def test_theme_switch_applies_and_is_remembered(window):
    from ui.app.settings import load_settings

    window.actions_by_name["theme:dark"].trigger()
    try:
        assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 64
        assert load_settings()["theme"] == "dark"
    finally:
        window.actions_by_name["theme:system"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() > 128
