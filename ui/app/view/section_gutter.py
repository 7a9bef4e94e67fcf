"""The strip left of the text: a coloured band per section, its type where it starts, and the
type of the section the top of the viewport is in ("sticky"), so mid-section the band has a name.

The strip is as wide as the longest type name of the schema needs, up to a cap; longer names are
abbreviated word by word ("between the lines" → "betw. the lines"), never cut mid-word with "…".
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Iterator, Protocol

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ui.app.view.span_index import SpanIndex, ViewSpan
from ui.app.view.span_painter import Box, PaintedView, SpanPainter, append_merged
from ui.app.view.visible_lines import LineBox


class ArticleView(PaintedView, Protocol):
    """What this part sees of the article view (which imports it)."""

    sections: SpanIndex


MAX_NAME_EMS = 10  # the widest name the strip grows for, in widths of "M" of the gutter font


def display_name(name: str) -> str:
    return name.replace("_", " ")


def abbreviate(name: str, fits: Callable[[str], bool]) -> str:
    """The display name, its longest words cut to four letters and a dot until it fits."""
    words = display_name(name).split()
    text = " ".join(words)
    while not fits(text):
        longest = max(range(len(words)), key=lambda i: (len(words[i].rstrip(".")), -i))
        if len(words[longest].rstrip(".")) <= 4:
            break
        words[longest] = words[longest][:4] + "."
        text = " ".join(words)
    while not fits(text) and len(text) > 2:  # still too long: keep its start
        text = text[:-2].rstrip() + "."
    return text


def gutter_font(view: QWidget) -> QFont:
    font = QFont(view.font())
    font.setPointSizeF(max(view.font().pointSizeF() * 0.8, 5.0))
    return font


def gutter_width(view: QWidget, names: list[str]) -> int:
    """Fits the longest display name (up to the cap), the band and the padding."""
    fm = QFontMetricsF(gutter_font(view))
    cap = fm.horizontalAdvance("M") * MAX_NAME_EMS
    widest = max((fm.horizontalAdvance(display_name(n)) for n in names), default=0.0)
    return int(min(widest, cap)) + 6 + band_width(view) + 4


def band_width(view: QWidget) -> int:
    return max(5, int(QFontMetricsF(view.font()).height() * 0.3))


class SectionGutter(QWidget):
    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)  # type: ignore[arg-type]
        self.view = view
        self._short: dict[tuple[str, int, float], str] = {}

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def short(self, name: str, fm: QFontMetricsF, room: float) -> str:
        key = (name, int(room), fm.height())
        if key not in self._short:
            self._short[key] = abbreviate(name, lambda t: fm.horizontalAdvance(t) <= room)
        return self._short[key]

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(event.rect(), self.palette().color(self.backgroundRole()))
        self.paint(p, self.view.line_cache.lines(), self.view.sections, self.view.painter)
        p.end()

    def paint(self, p: QPainter, lines: list[LineBox], sections: SpanIndex, painter: SpanPainter) -> None:
        """A band beside each line inside a section; the type where one starts, and at the top."""
        if not lines:
            return
        width, band = self.width(), band_width(self.view)
        font = gutter_font(self.view)
        fm = QFontMetricsF(font)
        room = width - band - 8.0
        starts = [box.start for box in lines]
        visible = sections.overlapping(lines[0].start, lines[-1].end + 1)
        for s in visible:
            colour = painter.colour("sections", s.label)
            for b in _band_boxes(lines, starts, s, float(width - band), float(band)):
                p.fillRect(QRectF(*b), colour)
        text = self.palette().color(QPalette.ColorRole.Text)
        p.setFont(font)
        p.setPen(text)
        names = _names_by_line(lines, starts, visible)
        for i in sorted(names):
            label = " / ".join(self.short(n, fm, room / len(names[i])) for n in names[i])
            p.drawText(QPointF(3, lines[i].top + fm.ascent()), label)
        sticky = _sticky(lines, visible, names)
        if sticky is not None:
            self._paint_sticky(p, sticky, fm, font, room, width - band)

    def _paint_sticky(self, p: QPainter, s: ViewSpan, fm: QFontMetricsF, font: QFont, room: float, right: int) -> None:
        """The type of the section the viewport starts inside, pinned to the top on a plate."""
        plate = self.palette().color(QPalette.ColorRole.Window)
        p.fillRect(QRectF(0, 0, right, fm.height() + 4), plate)
        italic = QFont(font)
        italic.setItalic(True)
        p.setFont(italic)
        p.drawText(QPointF(3, 2 + fm.ascent()), self.short(s.label, fm, room))


def _sticky(lines: list[LineBox], visible: list[ViewSpan], names: dict[int, list[str]]) -> ViewSpan | None:
    """The section holding the first visible line, unless its name is already on that line."""
    if 0 in names or (lines[0].top >= 0 and 1 in names and lines[1].top < 4):
        return None
    top = lines[0].start if lines[0].top >= -lines[0].height / 2 else lines[min(1, len(lines) - 1)].start
    return next((s for s in visible if s.start <= top < s.end), None)


def _touched_lines(lines: list[LineBox], starts: list[int], s: ViewSpan) -> Iterator[int]:
    """Indexes of the lines section ``s`` touches, a line's end position included."""
    for i in range(max(bisect_right(starts, s.start) - 2, 0), len(lines)):  # from the line before: a line's end is the next one's start
        box = lines[i]
        if box.start >= s.end:
            return
        if s.start <= box.end:
            yield i


def _band_boxes(lines: list[LineBox], starts: list[int], s: ViewSpan, left: float, band: float) -> list[Box]:
    """The gutter band beside each line that section ``s`` touches, merged down the lines."""
    out: list[Box] = []
    for i in _touched_lines(lines, starts, s):
        append_merged(out, (left, lines[i].top, band, lines[i].height))
    return out


def _names_by_line(lines: list[LineBox], starts: list[int], visible: list[ViewSpan]) -> dict[int, list[str]]:
    """The types of the sections that start on each line, by line index."""
    names: dict[int, list[str]] = {}
    for s in visible:
        i = bisect_right(starts, s.start) - 1
        for j in (i - 1, i):  # a position at a wrap is the end of one line and the start of the next
            if j >= 0 and lines[j].start <= s.start <= lines[j].end:
                names.setdefault(j, []).append(s.label)
    return names
