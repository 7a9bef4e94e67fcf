"""Painting spans over the visible part of a QPlainTextEdit: entity highlights, section tints,
label tags, and the section band of the gutter.

Only the blocks on screen are visited and only the spans that touch them are drawn, so the cost
follows what is visible, not the length of the article or the number of spans.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import islice
from typing import Iterator, NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QPixmap, QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit

from annotator.schema import Schema

from .span_index import SpanIndex, ViewSpan


class LineBox(NamedTuple):
    """One laid-out line on screen: its Qt position range and its rectangle in the viewport."""

    start: int
    end: int  # excluded; a block's separator sits at ``end`` of its last line
    rect: QRectF
    block_end: bool  # the last line of its block
    line: QTextLine
    block_pos: int
    x0: float

    def x(self, pos: int) -> float:
        return self.line.cursorToX(pos - self.block_pos)[0] + self.x0


def visible_lines(view: QPlainTextEdit) -> Iterator[LineBox]:
    """The laid-out lines of the blocks in the viewport, top to bottom."""
    block: QTextBlock = view.firstVisibleBlock()
    offset = view.contentOffset()
    bottom = view.viewport().height()
    width = view.viewport().width()
    while block.isValid():
        geo = view.blockBoundingGeometry(block).translated(offset)
        if geo.top() > bottom:
            return
        if block.isVisible():
            layout = block.layout()
            base = block.position()
            x0 = offset.x() + layout.position().x()
            n = layout.lineCount()
            for i in range(n):
                line = layout.lineAt(i)
                r = line.rect()
                rect = QRectF(0, geo.top() + r.top(), width, r.height())
                if rect.bottom() >= 0 and rect.top() <= bottom:
                    start = base + line.textStart()
                    yield LineBox(start, start + line.textLength(), rect, i == n - 1, line, base, x0)
        block = block.next()


def range_rects(lines: list[LineBox], start: int, end: int, full_lines: bool = False,
                starts: list[int] | None = None) -> list[QRectF]:
    """Rectangles covering Qt range ``[start, end)`` on the given lines.

    With ``full_lines`` (sections) a line the range runs past is filled to the right edge, and a
    line the range starts before is filled from the left edge. ``starts`` (the lines' start
    positions) lets the search skip straight to the first line concerned.
    """
    out: list[QRectF] = []
    first = max(bisect_right(starts, start) - 1, 0) if starts is not None else 0
    for box in islice(lines, first, None):
        if box.start >= end:
            break
        stop = box.end + (1 if box.block_end else 0)
        if full_lines:
            if start >= stop or end <= box.start:
                continue
            x1 = box.rect.left() if start <= box.start else box.x(start)
            x2 = box.rect.right() if end >= box.end else box.x(end)
        else:
            a, b = max(start, box.start), min(end, box.end)
            if a >= b:
                continue
            x1, x2 = box.x(a), box.x(b)
        if x2 < x1:  # a right-to-left run
            x1, x2 = x2, x1
        out.append(QRectF(x1, box.rect.top(), max(x2 - x1, 2.0), box.rect.height()))
    return out


_UNKNOWN = QColor("#bbbbbb")


class SpanPainter:
    """Colours and drawing of spans, following the schema's colours and the widget's palette."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.show_labels = True
        self._tags: dict[tuple[str, bool, float, float], QPixmap] = {}
        self._colours = {(layer, l.name): QColor(l.color) for layer in ("entities", "sections") for l in schema.labels(layer)}

    def colour(self, layer: str, label: str) -> QColor:
        """A copy of the label's colour (grey for a label the schema lacks)."""
        return QColor(self._colours.get((layer, label), _UNKNOWN))

    @staticmethod
    def is_dark(palette: QPalette) -> bool:
        return palette.color(QPalette.ColorRole.Base).lightness() < 128

    def paint_sections(self, p: QPainter, view: QPlainTextEdit, lines: list[LineBox], sections: SpanIndex) -> None:
        if not lines:
            return
        alpha = 42 if self.is_dark(view.palette()) else 30
        starts = [box.start for box in lines]
        for s in sections.overlapping(lines[0].start, lines[-1].end + 1):
            tint = self.colour("sections", s.label)
            tint.setAlpha(alpha)
            for r in range_rects(lines, s.start, s.end, full_lines=True, starts=starts):
                p.fillRect(r, tint)

    def paint_entities(self, p: QPainter, view: QPlainTextEdit, lines: list[LineBox], entities: SpanIndex,
                       selected: int | None) -> list[tuple[ViewSpan, QRectF]]:
        """Fill and outline the visible entities; returns where each one starts, for the tags."""
        if not lines:
            return []
        dark = self.is_dark(view.palette())
        firsts: list[tuple[ViewSpan, QRectF]] = []
        starts = [box.start for box in lines]
        styles: dict[tuple[str, bool], tuple[QColor, QPen]] = {}
        selected_pen = QPen(view.palette().color(QPalette.ColorRole.Highlight), 2.4)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for s in entities.overlapping(lines[0].start, lines[-1].end + 1):
            style = styles.get((s.label, s.suggested))
            if style is None:
                base = self.colour("entities", s.label)
                fill = QColor(base)
                fill.setAlpha((45 if s.suggested else 120) if not dark else (40 if s.suggested else 105))
                edge = QColor(base) if dark else base.darker(170)
                style = styles[(s.label, s.suggested)] = (fill, QPen(edge, 1.2, Qt.PenStyle.DashLine if s.suggested else Qt.PenStyle.SolidLine))
            p.setBrush(style[0])
            p.setPen(selected_pen if s.span_id == selected else style[1])
            rects = range_rects(lines, s.start, s.end, starts=starts)
            for r in rects:
                p.drawRoundedRect(r.adjusted(-1, 0.5, 1, -0.5), 3, 3)
            if rects and lines[0].start <= s.start:
                firsts.append((s, rects[0]))
        return firsts

    def paint_tags(self, p: QPainter, view: QPlainTextEdit, starts: list[tuple[ViewSpan, QRectF]]) -> None:
        """The label name of each entity as a small tag over the top edge of its first line."""
        if not self.show_labels or not starts:
            return
        dpr = view.devicePixelRatioF()
        size = view.font().pointSizeF()
        for s, r in starts:
            tag = self._tag(s.label, s.suggested, size, dpr)
            h = tag.height() / dpr
            p.drawPixmap(QPointF(r.left(), r.top() - h * 0.55), tag)

    def _tag(self, label: str, suggested: bool, size: float, dpr: float) -> QPixmap:
        """The tag of one label, drawn once per label and text size."""
        key = (label, suggested, size, dpr)
        tag = self._tags.get(key)
        if tag is not None:
            return tag
        font = QFont()
        font.setPointSizeF(max(size * 0.62, 5.0))
        font.setBold(True)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(label) + 6, fm.height()
        tag = QPixmap(int(w * dpr + 1), int(h * dpr + 1))
        tag.setDevicePixelRatio(dpr)
        tag.fill(Qt.GlobalColor.transparent)
        p = QPainter(tag)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        bg = self.colour("entities", label)
        if suggested:
            bg.setAlpha(200)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(bg)
        p.drawRoundedRect(QRectF(0, 0, w, h), 2, 2)
        p.setFont(font)
        p.setPen(QColor("#141414"))
        p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, label)
        p.end()
        self._tags[key] = tag
        return tag

    def paint_gutter(self, p: QPainter, view: QPlainTextEdit, width: int, lines: list[LineBox], sections: SpanIndex) -> None:
        """A coloured band per line inside a section, and the section type where each starts."""
        band = max(5, width // 18)
        font = QFont(view.font())
        font.setPointSizeF(max(view.font().pointSizeF() * 0.8, 5.0))
        p.setFont(font)
        fm = QFontMetricsF(font)
        text_colour = view.palette().color(QPalette.ColorRole.Text)
        if not lines:
            return
        visible = sections.overlapping(lines[0].start, lines[-1].end + 1)
        for box in lines:
            names: list[str] = []
            for s in visible:
                if s.start < box.end + 1 and s.end > box.start:
                    colour = self.colour("sections", s.label)
                    p.fillRect(QRectF(width - band, box.rect.top(), band, box.rect.height()), colour)
                if box.start <= s.start < box.end + 1:
                    names.append(s.label)
            if names:
                p.setPen(text_colour)
                label = fm.elidedText(" / ".join(names), Qt.TextElideMode.ElideRight, width - band - 6)
                p.drawText(QPointF(3, box.rect.top() + fm.ascent()), label)
