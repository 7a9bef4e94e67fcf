"""The View menu's preferences (label set, section bar, tag layout, theme) and the Help menu.

Each preference applies at once and is saved (:mod:`.settings`) for the next session.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from ui.app.host import WindowHost
from ui.app.settings import load_settings, save_setting
from ui.app.theme import THEMES, apply_theme
from ui.app.view.article_view import TAG_LAYOUTS


def _check(window: WindowHost, menu: QMenu, text: str, checked: bool, slot: Callable[[bool], None]) -> QAction:
    action = QAction(text, window)
    action.setCheckable(True)
    action.setChecked(checked)
    action.toggled.connect(slot)
    menu.addAction(action)
    return action


def _choice(window: WindowHost, menu: QMenu, options: dict[str, str], current: str, slot: Callable[[str], None]) -> dict[str, QAction]:
    group = QActionGroup(window)
    out = {}
    for value, text in options.items():
        action = QAction(text, group)
        action.setCheckable(True)
        action.setChecked(value == current)
        action.triggered.connect(lambda _=False, v=value: slot(v))
        menu.addAction(action)
        out[value] = action
    return out


def build_view_prefs(window: WindowHost, view: QMenu, acts: dict[str, QAction]) -> None:
    """Label set, section bar, tag layout and theme: applied now and restored from the settings."""
    prefs = load_settings()

    def pref(name: str, apply: Callable[[object], None]) -> Callable[[object], None]:
        def set_and_save(value: object) -> None:
            apply(value)
            save_setting(name, value)
        return set_and_save

    acts["show_all_labels"] = _check(window, view, "Show &All Labels (Including Rare Ones)", prefs["show_all_labels"],
                                     pref("show_all_labels", lambda v: window.label_bar.set_show_all(bool(v))))
    acts["sections_bar"] = _check(window, view, "Show &Section Types in the Label Bar", prefs["sections_expanded"],
                                  pref("sections_expanded", lambda v: window.label_bar.set_sections_expanded(bool(v))))
    window.label_bar.sections_toggled.connect(lambda on: (acts["sections_bar"].setChecked(on), save_setting("sections_expanded", on)))
    tags = view.addMenu("Label &Tags")
    for value, action in _choice(window, tags, TAG_LAYOUTS, prefs["tag_layout"], pref("tag_layout", lambda v: window.view.set_tag_layout(str(v)))).items():
        acts[f"tags:{value}"] = action
    theme = view.addMenu("T&heme")
    for value, action in _choice(window, theme, THEMES, prefs["theme"], pref("theme", lambda v: apply_theme(str(v)))).items():
        acts[f"theme:{value}"] = action
    window.label_bar.set_show_all(prefs["show_all_labels"])
    window.label_bar.set_sections_expanded(prefs["sections_expanded"])
    if prefs["tag_layout"] in TAG_LAYOUTS:
        window.view.set_tag_layout(prefs["tag_layout"])
    if prefs["theme"] != "system":
        apply_theme(prefs["theme"])


def build_help_menu(window: WindowHost, acts: dict[str, QAction]) -> None:
    from ui.app.menus.cheat_sheet import CheatSheet

    menu = window.menuBar().addMenu("&Help")
    sheet = QAction("&Keyboard Shortcuts", window)
    sheet.setShortcuts([QKeySequence("F1"), QKeySequence("?")])
    sheet.triggered.connect(lambda _=False: CheatSheet(window).exec())  # type: ignore[arg-type]
    menu.addAction(sheet)
    window.addAction(sheet)
    acts["shortcuts"] = sheet
    about = QAction("&About News Annotator", window)
    about.triggered.connect(lambda _=False: QMessageBox.about(
        window, "News Annotator", "News Annotator turns news articles into NLP training data: entities and section types, "
        "pre-labeled with spaCy, corrected keyboard-first, exported as a Hugging Face dataset and more.\n\n"
        "Every edit is saved at once. Press F1 or ? for the keyboard shortcuts."))
    menu.addAction(about)
