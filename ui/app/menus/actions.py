"""Menus and keyboard shortcuts: every gesture is an action with its key shown in a menu.

Keys: entity labels and section types use their schema keys (digits and letters, no modifier);
Alt+Left/Right moves a span's start by one token, Shift+Alt+Left/Right its end; Delete removes;
Esc clears; / splits the section at the cursor, Ctrl+Backspace merges it with the previous one;
Ctrl+Return accepts the article, Ctrl+Shift+Return skips it, Ctrl+PgUp/PgDown move between
articles.
"""
from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Label
from ui.app.gestures import Gestures
from ui.app.host import WindowHost
from ui.app.project_ops import ProjectOps
from ui.app.team.team_menu import add_team_menu
from ui.app.menus.view_menu import build_help_menu, build_view_prefs

Keys = str | QKeySequence.StandardKey | list[str] | None


def _action(window: WindowHost, menu: QMenu, text: str, slot: Callable[[], object], keys: Keys = None) -> QAction:
    action = QAction(text, window)
    if isinstance(keys, list):
        action.setShortcuts([QKeySequence(k) for k in keys])
    elif keys is not None:
        action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    window.addAction(action)
    return action


def _label_actions(window: WindowHost, menu: QMenu, rare_title: str, labels: Iterable[Label], text: Callable[[str], str],
                   slot: Callable[[str], None], acts: dict[str, QAction], prefix: str) -> None:
    """One action per label: the common ones in ``menu``, the rare ones in a submenu at its end."""
    labels = list(labels)
    sub = QMenu(rare_title, menu)
    for label in sorted(labels, key=lambda l: l.rare):
        acts[f"{prefix}:{label.name}"] = _action(window, sub if label.rare else menu, text(label.name), lambda n=label.name: slot(n), label.key)
    if not sub.isEmpty():
        menu.addMenu(sub)


def build_menus(window: WindowHost, g: Gestures, ops: ProjectOps) -> dict[str, QAction]:
    """Create the menu bar of ``window``; returns the actions by name for enabling and tests."""
    bar = window.menuBar()
    acts: dict[str, QAction] = {}

    file = bar.addMenu("&File")
    acts["new_files"] = _action(window, file, "New Project from &Files…", ops.new_from_files, "Ctrl+N")
    acts["new_folder"] = _action(window, file, "New Project from F&older…", ops.new_from_folder, "Ctrl+Shift+N")
    acts["open"] = _action(window, file, "&Open Project…", ops.open_dialog, QKeySequence.StandardKey.Open)
    window.recent_menu = file.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(ops.fill_recent)
    file.addSeparator()
    acts["import"] = _action(window, file, "&Import File…", ops.import_dialog, "Ctrl+I")
    acts["import_folder"] = _action(window, file, "Import F&older…", ops.import_folder_dialog, "Ctrl+Shift+I")
    acts["export"] = _action(window, file, "&Export…", ops.export_dialog, "Ctrl+E")
    file.addSeparator()
    acts["quit"] = _action(window, file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    acts["undo"] = _action(window, edit, "&Undo", g.undo, "Ctrl+Z")
    acts["redo"] = _action(window, edit, "&Redo", g.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
    edit.addSeparator()
    acts["delete"] = _action(window, edit, "&Remove Span", g.delete_span, ["Delete", "Backspace"])
    acts["start_left"] = _action(window, edit, "Move Start One Token Left", lambda: g.move_edge("start", -1), "Alt+Left")
    acts["start_right"] = _action(window, edit, "Move Start One Token Right", lambda: g.move_edge("start", 1), "Alt+Right")
    acts["end_left"] = _action(window, edit, "Move End One Token Left", lambda: g.move_edge("end", -1), "Shift+Alt+Left")
    acts["end_right"] = _action(window, edit, "Move End One Token Right", lambda: g.move_edge("end", 1), "Shift+Alt+Right")
    acts["clear"] = _action(window, edit, "&Clear Selection", g.clear, "Esc")
    edit.addSeparator()
    acts["find"] = _action(window, edit, "&Find in Article…", window.show_find, QKeySequence.StandardKey.Find)

    entities = bar.addMenu("E&ntities")
    _label_actions(window, entities, "&Rare Labels", window.project.schema.labels(ENTITIES), str, lambda n: g.label(ENTITIES, n), acts, "entity")

    sections = bar.addMenu("&Sections")
    acts["split"] = _action(window, sections, "S&plit Section at Cursor", g.split_section, "/")
    acts["merge"] = _action(window, sections, "&Merge with Previous Section", g.merge_section, "Ctrl+Backspace")
    sections.addSeparator()
    _label_actions(window, sections, "More Section &Types", window.project.schema.labels(SECTIONS), lambda n: f"Set Type: {n}",
                   lambda n: g.label(SECTIONS, n), acts, "section")

    article = bar.addMenu("&Article")
    acts["accept"] = _action(window, article, "&Accept and Go to Next", g.accept, ["Ctrl+Return", "Ctrl+Enter"])
    acts["skip"] = _action(window, article, "&Skip and Go to Next", g.skip, "Ctrl+Shift+Return")
    acts["previous"] = _action(window, article, "&Previous Article", lambda: g.go(-1), "Ctrl+PgUp")
    acts["next"] = _action(window, article, "&Next Article", lambda: g.go(1), "Ctrl+PgDown")

    model = bar.addMenu("&Model")
    acts["prelabel_all"] = _action(window, model, "Pre-label &All Articles", lambda: ops.prelabel(current_only=False))
    acts["prelabel_current"] = _action(window, model, "Pre-label &Current Article", lambda: ops.prelabel(current_only=True))
    model.addSeparator()
    acts["train_now"] = _action(window, model, "&Train Now", window.training.train_now, "Ctrl+T")
    acts["train_cancel"] = _action(window, model, "Ca&ncel Training", window.training.cancel)
    acts["retrain_every"] = _action(window, model, "&Retrain Automatically…", window.training.ask_retrain_every)

    add_team_menu(window, bar, acts)

    view = bar.addMenu("&View")
    acts["zoom_in"] = _action(window, view, "Zoom &In", lambda: window.view.zoom(1), ["Ctrl++", "Ctrl+="])
    acts["zoom_out"] = _action(window, view, "Zoom &Out", lambda: window.view.zoom(-1), "Ctrl+-")
    view.addSeparator()
    build_view_prefs(window, view, acts)
    view.addSeparator()
    for dock in window.docks:
        view.addAction(dock.toggleViewAction())
    build_help_menu(window, acts)
    return acts
