"""Light and dark palettes, switchable in the app (View › Theme), with readable placeholder text.

Fusion's own dark handling follows the system only; the annotator picks here. Placeholder text
gets its own colour: Qt derives it from the text colour at half alpha, which on the dark base
came out nearly invisible (contrast under 3:1).
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = {"system": "Follow the System", "light": "Light", "dark": "Dark"}

_LIGHT = {
    QPalette.ColorRole.Window: "#efefef", QPalette.ColorRole.WindowText: "#141414", QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f5f5f5", QPalette.ColorRole.Text: "#141414", QPalette.ColorRole.Button: "#efefef",
    QPalette.ColorRole.ButtonText: "#141414", QPalette.ColorRole.Highlight: "#2f6fd0", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffdc", QPalette.ColorRole.ToolTipText: "#141414", QPalette.ColorRole.PlaceholderText: "#6b6b6b",
    QPalette.ColorRole.BrightText: "#ffffff",
}
_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6", QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626", QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#333333",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d7bd9", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#333333", QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#a0a0a0",
    QPalette.ColorRole.BrightText: "#ffffff",
}
_system: QPalette | None = None


def palette(name: str) -> QPalette:
    pal = QPalette()
    for role, colour in (_DARK if name == "dark" else _LIGHT).items():
        pal.setColor(role, QColor(colour))
    return pal


def dark_palette() -> QPalette:
    return palette("dark")


def apply_theme(name: str) -> None:
    """Switch the whole application to ``name`` (system, light or dark)."""
    global _system
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system is None:
        _system = QGuiApplication.palette()
    app.setPalette(_system if name == "system" else palette(name))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
