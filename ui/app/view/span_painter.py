"""Painting spans over the visible part of a QPlainTextEdit: entity highlights, section tints and
label tags over the text (the gutter and the tag column have their own modules).

Only the lines on screen are visited and only the spans that touch them are drawn, so the cost
follows what is visible, not the length of the article or the number of spans.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Callable, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QPlainTextEdit

from annotator.schema import Schema
from ui.app.view.span_index import SpanIndex, ViewSpan
from ui.app.view.visible_lines import LineBox

if TYPE_CHECKING:
    from ui.app.view.visible_lines import LineCache

XOf = Callable[[LineBox, int], float]  # the viewport x of a Qt position on a line
Box = tuple[float, float, float, float]  # left, top, width, height


def _first_line(starts: list[int], pos: int) -> int:
    """Index of the line holding ``pos`` (or the first line), from the lines' start positions."""
    return max(bisect_right(starts, pos) - 1, 0)


def entity_boxes(lines: list[LineBox], starts: list[int], start: int, end: int, x: XOf) -> list[Box]:
    """Boxes covering Qt range ``[start, end)``, one per line it has text on."""
    out: list[Box] = []
    for i in range(_first_line(starts, start), len(lines)):
        box = lines[i]
        if box.start >= end:
            break
        a, b = max(start, box.start), min(end, box.end)
        if a >= b:
            continue
        x1, x2 = x(box, a), x(box, b)
        if x2 < x1:  # a right-to-left run
            x1, x2 = x2, x1
        out.append((x1, box.top, max(x2 - x1, 2.0), box.height))
    return out


def section_boxes(lines: list[LineBox], starts: list[int], start: int, end: int, x: XOf, right: float) -> list[Box]:
    """Boxes covering ``[start, end)`` where a line the range runs past is filled to ``right`` and
    one it starts before is filled from 0; boxes of the same width one under the other merge."""
    out: list[Box] = []
    for i in range(_first_line(starts, start), len(lines)):
        box = lines[i]
        if box.start >= end:
            break
        stop = box.end + (1 if box.block_end else 0)
        if start >= stop or end <= box.start:
            continue
        x1 = 0.0 if start <= box.start else x(box, start)
        x2 = right if end >= box.end else x(box, end)
        if x2 < x1:
            x1, x2 = x2, x1
        append_merged(out, (x1, box.top, max(x2 - x1, 2.0), box.height))
    return out


def append_merged(out: list[Box], box: Box) -> None:
    """Append ``box``, or grow the last box down over it when they line up exactly.

    Without antialiasing the painter rounds each edge, so one tall box fills the same pixels
    as the boxes it replaces.
    """
    if out:
        left, top, width, height = out[-1]
        if left == box[0] and width == box[2] and top + height == box[1]:
            out[-1] = (left, top, width, box[1] + box[3] - top)
            return
    out.append(box)


_UNKNOWN = QColor("#bbbbbb")
# Label tags and their heights, shared by all views: QImages, which unlike QPixmaps may outlive the application.
_TAGS: dict[tuple[str, int, float, float], tuple[QImage, float]] = {}


def draw_tag(label: str, bg: QColor, size: float, dpr: float) -> QImage:
    """A label name in bold on a rounded patch of its colour."""
    font = QFont()
    font.setPointSizeF(max(size * 0.62, 5.0))
    font.setBold(True)
    fm = QFontMetricsF(font)
    w, h = fm.horizontalAdvance(label) + 6, fm.height()
    tag = QImage(int(w * dpr + 1), int(h * dpr + 1), QImage.Format.Format_ARGB32_Premultiplied)
    tag.setDevicePixelRatio(dpr)
    tag.fill(Qt.GlobalColor.transparent)
    p = QPainter(tag)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(bg)
    p.drawRoundedRect(QRectF(0, 0, w, h), 2, 2)
    p.setFont(font)
    p.setPen(QColor("#141414"))
    p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, label)
    p.end()
    return tag


class SpanPainter:
    """Colours and drawing of spans, following the schema's colours and the widget's palette."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.show_labels = True
        self.names = {l.name for l in schema.labels("entities")}
        self._colours = {(layer, l.name): QColor(l.color) for layer in ("entities", "sections") for l in schema.labels(layer)}
        self._styles: dict[tuple[str, bool, bool], tuple[QColor, QPen]] = {}

    def colour(self, layer: str, label: str) -> QColor:
        """A copy of the label's colour (grey for a label the schema lacks)."""
        return QColor(self._colours.get((layer, label), _UNKNOWN))

    @staticmethod
    def is_dark(palette: QPalette) -> bool:
        return palette.color(QPalette.ColorRole.Base).lightness() < 128

    def paint_sections(self, p: QPainter, view: QPlainTextEdit, lines: list[LineBox], x: XOf, sections: SpanIndex) -> None:
        if not lines:
            return
        alpha = 42 if self.is_dark(view.palette()) else 30
        right = float(view.viewport().width())
        starts = [box.start for box in lines]
        for s in sections.overlapping(lines[0].start, lines[-1].end + 1):
            tint = self.colour("sections", s.label)
            tint.setAlpha(alpha)
            for b in section_boxes(lines, starts, s.start, s.end, x, right):
                p.fillRect(QRectF(*b), tint)

    def _entity_style(self, label: str, suggested: bool, dark: bool) -> tuple[QColor, QPen]:
        """Fill and outline of an entity: a light fill, dashed while it is only a suggestion."""
        key = (label, suggested, dark)
        style = self._styles.get(key)
        if style is None:
            base = self.colour("entities", label)
            fill = QColor(base)
            fill.setAlpha((45 if suggested else 120) if not dark else (40 if suggested else 105))
            edge = QColor(base) if dark else base.darker(170)
            style = self._styles[key] = (fill, QPen(edge, 1.2, Qt.PenStyle.DashLine if suggested else Qt.PenStyle.SolidLine))
        return style

    def paint_entities(self, p: QPainter, view: QPlainTextEdit, lines: list[LineBox], x: XOf, entities: SpanIndex,
                       selected: int | None) -> list[tuple[ViewSpan, Box]]:
        """Fill and outline the visible entities; returns where each one starts, for the tags."""
        if not lines:
            return []
        dark = self.is_dark(view.palette())
        firsts: list[tuple[ViewSpan, Box]] = []
        starts = [box.start for box in lines]
        top = lines[0].start
        selected_pen = QPen(view.palette().color(QPalette.ColorRole.Highlight), 2.4)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        brush: QColor | None = None
        pen: QPen | None = None
        for s in entities.overlapping(top, lines[-1].end + 1):
            boxes = entity_boxes(lines, starts, s.start, s.end, x)
            if not boxes:
                continue
            fill, edge = self._entity_style(s.label, s.suggested, dark)
            if s.span_id == selected:
                edge = selected_pen
            if fill is not brush:
                p.setBrush(fill)
                brush = fill
            if edge is not pen:
                p.setPen(edge)
                pen = edge
            for left, y, width, height in boxes:
                p.drawRoundedRect(QRectF(left - 1, y + 0.5, width + 2, height - 1), 3, 3)
            if top <= s.start:
                firsts.append((s, boxes[0]))
        return firsts

    def paint_tags(self, p: QPainter, view: QPlainTextEdit, starts: list[tuple[ViewSpan, Box]]) -> None:
        """The label name of each entity as a small tag over the top edge of its first line."""
        if not self.show_labels or not starts:
            return
        dpr = view.devicePixelRatioF()
        size = view.font().pointSizeF()
        tags: dict[tuple[str, bool], tuple[QImage, float]] = {}
        for s, (left, top, _, _) in starts:
            tag = tags.get((s.label, s.suggested))
            if tag is None:
                tag = tags[(s.label, s.suggested)] = self._tag(s.label, s.suggested, size, dpr)
            p.drawImage(QPointF(left, top - tag[1] * 0.55), tag[0])

    def _tag(self, label: str, suggested: bool, size: float, dpr: float) -> tuple[QImage, float]:
        """The tag of one label and its height, drawn once per label, colour and text size."""
        bg = self.colour("entities", label)
        if suggested:
            bg.setAlpha(200)
        key = (label, bg.rgba(), size, dpr)
        if key not in _TAGS:
            image = draw_tag(label, bg, size, dpr)
            _TAGS[key] = (image, image.height() / dpr)
        return _TAGS[key]


class PaintedView(Protocol):
    """What the parts painted beside the text (section gutter, tag column) see of the article view."""

    line_cache: LineCache
    painter: SpanPainter

    def font(self) -> QFont: ...

    def gutter_width(self) -> int: ...
