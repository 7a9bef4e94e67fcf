"""Label tags in a column right of the text, beside the line each entity starts on.

Tags drawn over the text covered the line above in every dense paragraph, and
QPlainTextEdit's layout ignores a block's line height, so lines cannot be given room for them.
The column never covers text: each line's tags sit beside it in the entities' order, in the
colours of their boxes; when they do not fit, they shorten to three letters, then end in "+N".
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Protocol

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ui.app.view.span_index import SpanIndex
from ui.app.view.span_painter import PaintedView, draw_tag
from ui.app.view.visible_lines import LineBox


class ArticleView(PaintedView, Protocol):
    """What this part sees of the article view (which imports it)."""

    entities: SpanIndex

COLUMN_EMS = 11  # the column's width in widths of "M" of the tag font
GAP = 3.0


def tag_font(view: QWidget) -> QFont:
    """The font the tags are drawn in (as :func:`draw_tag` draws them)."""
    font = QFont()
    font.setPointSizeF(max(view.font().pointSizeF() * 0.62, 5.0))
    font.setBold(True)
    return font


def column_width(view: QWidget) -> int:
    return int(QFontMetricsF(tag_font(view)).horizontalAdvance("M") * COLUMN_EMS) + 8


def fit_tags(labels: list[str], room: float, advance) -> list[str]:  # type: ignore[no-untyped-def]
    """The tags one line shows in ``room`` pixels: full names, else three letters, else "+N"."""
    def width(tags: list[str]) -> float:
        return sum(advance(t) + 6 + GAP for t in tags)

    if width(labels) <= room:
        return labels
    short = [t[:3] for t in labels]
    if width(short) <= room:
        return short
    for keep in range(len(short) - 1, -1, -1):
        shown = short[:keep] + [f"+{len(short) - keep}"]
        if width(shown) <= room:
            return shown
    return []


def labels_by_line(lines: list[LineBox], entities: SpanIndex) -> dict[int, list[str]]:
    """The labels of the entities starting on each visible line, in text order."""
    if not lines:
        return {}
    starts = [box.start for box in lines]
    out: dict[int, list[str]] = {}
    for s in entities.overlapping(lines[0].start, lines[-1].end + 1):
        if s.start < lines[0].start:
            continue
        i = bisect_right(starts, s.start) - 1
        if i >= 0 and s.start < lines[i].end + (1 if lines[i].block_end else 0):
            out.setdefault(i, []).append(s.label)
    return out


class TagColumn(QWidget):
    """The column's widget: a child of the view, placed in its right viewport margin."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)  # type: ignore[arg-type]
        self.view = view
        self._chips: dict[tuple[str, int, float, float], QImage] = {}

    def sizeHint(self) -> QSize:
        return QSize(column_width(self.view), 0)

    def _chip(self, text: str, colour: QColor, size: float, dpr: float) -> QImage:
        """A tag drawn once per text, colour and size (shaping text on every paint was the cost)."""
        key = (text, colour.rgba(), size, dpr)
        chip = self._chips.get(key)
        if chip is None:
            chip = self._chips[key] = draw_tag(text, colour, size, dpr)
        return chip

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
        lines = self.view.line_cache.lines()
        size, dpr = self.view.font().pointSizeF(), self.devicePixelRatioF()
        painter = self.view.painter
        chips: dict[tuple[str, str], QImage] = {}  # (tag, the label it stands for) → its image, this paint

        def chip_of(tag: str, labels: list[str]) -> QImage:
            full = tag if tag.startswith("+") or tag in painter.names else next((l for l in labels if l.startswith(tag)), tag)
            key = (tag, full)
            if key not in chips:
                colour = QColor("#bbbbbb") if tag.startswith("+") else painter.colour("entities", full)
                chips[key] = self._chip(tag, colour, size, dpr)
            return chips[key]

        room = self.width() - 6.0
        for i, labels in labels_by_line(lines, self.view.entities).items():
            box = lines[i]
            x = 4.0
            for tag in fit_tags(labels, room, lambda t, labels=labels: chip_of(t, labels).width() / dpr - 6):
                chip = chip_of(tag, labels)
                p.drawImage(QPointF(x, box.top + (box.height - chip.height() / dpr) / 2), chip)
                x += chip.width() / dpr + GAP
        p.end()
