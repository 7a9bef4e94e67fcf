"""Help › Keyboard Shortcuts (F1 or ?): every menu action that has a key, read from the menus
themselves so the sheet and the menus can never disagree, keys shown as the menus show them."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.app.keys import key_text


def shortcut_rows(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action text, keys)]) for each menu, in menu-bar order."""
    out: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(menu: QMenu, rows: list[tuple[str, str]]) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), rows)  # type: ignore[arg-type]
            elif action.shortcuts():
                keys = ", ".join(key_text(k) for k in action.shortcuts())
                rows.append((action.text().replace("&", "").replace("…", ""), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        rows: list[tuple[str, str]] = []
        walk(menu, rows)  # type: ignore[arg-type]
        if rows:
            out.append((top.text().replace("&", ""), rows))
    return out


class CheatSheet(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        for menu, rows in shortcut_rows(window):
            group = QTreeWidgetItem([menu, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for text, keys in rows:
                group.addChild(QTreeWidgetItem([text, keys]))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 640)
