"""One way to show a key everywhere (menus, label bar, cheat sheet): Qt's native key text."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence


def key_text(keys: str | QKeySequence) -> str:
    """``"h"`` → ``"H"``, ``"Ctrl+PgDown"`` → ``"Ctrl+PgDown"``: as the menus show it."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
