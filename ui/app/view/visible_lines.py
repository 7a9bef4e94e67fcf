"""The laid-out lines on screen and the x of text positions on them, kept between paints.

Painting spans needs the lines in the viewport and the x of each span edge. Both come from
Qt's layout, which changes only with the text, the width or the font. So the lines are kept
while the view shows the same frame (the gutter paints right after the viewport, a repaint
after an edit shows the same lines), and the x of positions while the layout stays:
``QTextLine.cursorToX`` takes time in proportion to the position inside its paragraph.
"""
from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QTextLayout, QTextLine
from PySide6.QtWidgets import QPlainTextEdit


class LineBox(NamedTuple):
    """One laid-out line on screen: its Qt position range and its place in the viewport."""

    start: int
    end: int  # excluded; a block's separator sits at ``end`` of its last line
    top: float
    height: float
    block_end: bool  # the last line of its block
    line: QTextLine
    block_pos: int
    x0: float  # viewport x of the block layout's origin


def visible_lines(view: QPlainTextEdit) -> list[LineBox]:
    """The laid-out lines of the blocks in the viewport, top to bottom.

    Adds up block heights down from the first visible block, as QPlainTextEdit paints
    (``blockBoundingGeometry`` walks from the top block again on every call).
    """
    block = view.firstVisibleBlock()
    if not block.isValid():
        return []
    offset = view.contentOffset()
    bottom = view.viewport().height()
    doc_layout = view.document().documentLayout()
    top = view.blockBoundingGeometry(block).translated(offset).top()
    out: list[LineBox] = []
    while block.isValid() and top <= bottom:
        layout = block.layout()
        layout.setCacheEnabled(True)  # keep the shaped glyphs: spans and text are painted right after layout
        height = doc_layout.blockBoundingRect(block).height()  # lays the block out if need be
        if block.isVisible():
            _add_lines(out, layout, block.position(), top, bottom, offset.x())
        top += height
        block = block.next()
    return out


def _add_lines(out: list[LineBox], layout: QTextLayout, base: int, top: float, bottom: float, dx: float) -> None:
    """Append the lines of one block layout that reach into ``[0, bottom]``."""
    x0 = dx + layout.position().x()
    n = layout.lineCount()
    for i in range(n):
        line = layout.lineAt(i)
        r = line.rect()
        line_top, height = top + r.top(), r.height()
        if line_top + height >= 0 and line_top <= bottom:
            start = base + line.textStart()
            out.append(LineBox(start, start + line.textLength(), line_top, height, i == n - 1, line, base, x0))


class LineCache:
    """One view's visible lines, per frame, and the x of positions, per layout; forgotten when the
    view's text changes."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self.view = view
        self._layout_key: tuple[object, ...] | None = None
        self._frame_key: tuple[object, ...] | None = None
        self._lines: list[LineBox] = []
        self._xs: dict[tuple[int, int], float] = {}
        view.document().contentsChange.connect(lambda *_: self.clear())

    def clear(self) -> None:
        """Forget lines and positions (the text changed)."""
        self._layout_key = self._frame_key = None
        self._lines = []
        self._xs.clear()

    def lines(self) -> list[LineBox]:
        """The visible lines, computed again only when the layout or the scroll changed."""
        view, viewport = self.view, self.view.viewport()
        layout_key = (viewport.width(), view.font().key(), view.devicePixelRatioF())
        if layout_key != self._layout_key:
            self.clear()
            self._layout_key = layout_key
        offset = view.contentOffset()
        frame_key = (view.firstVisibleBlock().blockNumber(), offset.x(), offset.y(), viewport.height())
        if frame_key != self._frame_key:
            self._lines = visible_lines(view)
            self._frame_key = frame_key
        return self._lines

    def x(self, box: LineBox, pos: int) -> float:
        """The viewport x of Qt position ``pos`` on the line ``box``."""
        key = (box.start, pos)
        x = self._xs.get(key)
        if x is None:
            x = self._xs[key] = box.line.cursorToX(pos - box.block_pos)[0]
        return x + box.x0
