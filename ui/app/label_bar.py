"""The label bar: one button per entity label and section type, showing its key."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLayout, QLayoutItem, QToolButton, QVBoxLayout, QWidget

from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Label, Schema


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
    """Buttons for every label; clicking one does what pressing its key does."""

    label_clicked = Signal(str, str)  # layer, label

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.buttons: dict[tuple[str, str], QToolButton] = {}
        for layer in (ENTITIES, SECTIONS):
            row = QWidget()
            flow = FlowLayout(row, spacing=3)
            for label in schema.labels(layer):
                button = self._button(layer, label)
                flow.addWidget(button)
                self.buttons[(layer, label.name)] = button
            outer.addWidget(row)

    def _button(self, layer: str, label: Label) -> QToolButton:
        button = QToolButton()
        key = f"{label.key}  " if label.key else ""
        button.setText(f"{key}{label.name}")
        button.setToolTip(f"{'Entity' if layer == ENTITIES else 'Section type'} {label.name}" + (f" (key {label.key})" if label.key else ""))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if layer == ENTITIES:
            style = f"background: {label.color}; color: #141414; border-radius: 3px; padding: 1px 5px;"
        else:
            style = f"border-left: 5px solid {label.color}; border-radius: 2px; padding: 1px 4px;"
        button.setStyleSheet(f"QToolButton {{ {style} }}")
        button.clicked.connect(lambda _=False, n=label.name: self.label_clicked.emit(layer, n))
        return button
