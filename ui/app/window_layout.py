"""The window's size, position and dock arrangement, kept between sessions beside the recent list."""
from __future__ import annotations

import base64
import json

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from ui.app.recent import recent_file


def layout_file():  # type: ignore[no-untyped-def]
    return recent_file().with_name("window.json")


def save_layout(window: QMainWindow) -> None:
    data = {"geometry": bytes(window.saveGeometry().data()), "state": bytes(window.saveState().data())}
    target = layout_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({k: base64.b64encode(v).decode("ascii") for k, v in data.items()}), encoding="utf-8")


def restore_layout(window: QMainWindow) -> bool:
    """Put the window back as it was last closed; False when nothing usable was saved."""
    try:
        saved = json.loads(layout_file().read_text(encoding="utf-8"))
        geometry = QByteArray(base64.b64decode(saved["geometry"]))
        state = QByteArray(base64.b64decode(saved["state"]))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return bool(window.restoreGeometry(geometry)) and bool(window.restoreState(state))
