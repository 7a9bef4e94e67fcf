"""The label bar: one button per entity label and section type, showing its key."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLayout, QLayoutItem, QToolButton, QVBoxLayout, QWidget

from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Label, Schema
from ui.app.keys import key_text


class FlowLayout(QLayout):
    """Lays widgets left to right, wrapping onto new rows."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(2, 2, 2, 2)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        x, y, row_h = rect.x() + m.left(), rect.y() + m.top(), 0
        right = rect.right() - m.right()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > right and row_h > 0:
                x, y, row_h = rect.x() + m.left(), y + row_h + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            row_h = max(row_h, hint.height())
        return y + row_h - rect.y() + m.bottom()


class LabelBar(QWidget):
    """Buttons for the labels; clicking one does what pressing its key does.

    Compact: the entity labels with their keys first, the section types behind a toggle, and the
    labels the schema marks rare only when all labels are asked for.
    """

    label_clicked = Signal(str, str)  # layer, label
    sections_toggled = Signal(bool)

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.labels: dict[tuple[str, str], Label] = {}
        self.buttons: dict[tuple[str, str], QToolButton] = {}
        self.rows: dict[str, QWidget] = {}
        self.show_all = False
        for layer in (ENTITIES, SECTIONS):
            row = QWidget()
            flow = FlowLayout(row, spacing=3)
            for label in schema.labels(layer):
                button = self._button(layer, label)
                flow.addWidget(button)
                self.buttons[(layer, label.name)] = button
                self.labels[(layer, label.name)] = label
            if layer == ENTITIES:
                self.toggle = QToolButton()
                self.toggle.setCheckable(True)
                self.toggle.setAutoRaise(True)
                self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                self.toggle.setToolTip("Show or hide the section types")
                self.toggle.toggled.connect(self.set_sections_expanded)
                flow.addWidget(self.toggle)
            self.rows[layer] = row
            outer.addWidget(row)
        self.set_sections_expanded(False)
        self._apply_rare()

    def set_sections_expanded(self, expanded: bool) -> None:
        n = sum(1 for (layer, _), l in self.labels.items() if layer == SECTIONS and (self.show_all or not l.rare))
        self.toggle.blockSignals(True)
        self.toggle.setChecked(expanded)
        self.toggle.blockSignals(False)
        self.toggle.setText(f"Sections ({n}) {'▾' if expanded else '▸'}")
        self.rows[SECTIONS].setVisible(expanded)
        self.sections_toggled.emit(expanded)

    def set_show_all(self, show_all: bool) -> None:
        """Show the labels the schema marks rare too (the full set), or only the common ones."""
        self.show_all = show_all
        self._apply_rare()
        self.set_sections_expanded(self.toggle.isChecked())

    def _apply_rare(self) -> None:
        for key, button in self.buttons.items():
            button.setVisible(self.show_all or not self.labels[key].rare)
        self.updateGeometry()

    def visible_labels(self, layer: str) -> list[str]:
        shown = self.rows[layer].isVisible() or self.rows[layer].isVisibleTo(self)
        return [name for (l, name), b in self.buttons.items() if l == layer and not b.isHidden() and shown]

    def _button(self, layer: str, label: Label) -> QToolButton:
        button = QToolButton()
        key = f"{key_text(label.key)}  " if label.key else ""
        button.setText(f"{key}{label.name}")
        button.setToolTip(f"{'Entity' if layer == ENTITIES else 'Section type'} {label.name}" + (f" (key {key_text(label.key)})" if label.key else ""))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if layer == ENTITIES:
            style = f"background: {label.color}; color: #141414; border-radius: 3px; padding: 1px 5px;"
        else:
            style = f"border-left: 5px solid {label.color}; border-radius: 2px; padding: 1px 4px;"
        button.setStyleSheet(f"QToolButton {{ {style} }}")
        button.clicked.connect(lambda _=False, n=label.name: self.label_clicked.emit(layer, n))
        return button
