"""The article view: read-only text with entities, sections and label tags painted over it."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Schema
from annotator.store.project import StoredSpan
from ui.app.view.offsets import OffsetMap
from ui.app.view.section_gutter import SectionGutter
from ui.app.view.section_gutter import gutter_width as fit_gutter
from ui.app.view.span_index import SpanIndex
from ui.app.view.span_painter import SpanPainter
from ui.app.view.tag_column import TagColumn, column_width
from ui.app.view.visible_lines import LineCache

Snapper = Callable[[int, int], "tuple[int, int] | None"]
TAG_LAYOUTS = {"column": "In a Column Beside the Text", "above": "Above the Text (may cover it)", "hover": "Only on the Selected or Hovered Span"}


class ArticleView(QPlainTextEdit):
    """Shows one article; reports clicks on spans and snaps drag selections to tokens.

    Positions in the API are the core's code points; Qt's UTF-16 positions stay inside.
    The spans shown are whatever the owner last passed to :meth:`set_spans`.
    """

    span_selected = Signal(object)  # span id or None
    selection_snapped = Signal(int, int)  # code-point range after snapping

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(10)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1)  # a reading size, a notch above the interface's
        self.setFont(font)
        self.painter = SpanPainter(schema)
        self.line_cache = LineCache(self)
        self.gutter = SectionGutter(self)
        self.tag_column = TagColumn(self)
        self.tag_layout = "column"
        self.hovered: int | None = None
        self.viewport().setMouseTracking(True)
        self.article_id: str | None = None
        self.offsets = OffsetMap("")
        self.entities = SpanIndex()
        self.sections = SpanIndex()
        self.selected_span: int | None = None
        self.snapper: Snapper | None = None
        self._anchor: int | None = None  # the code point kept at the top until the reader scrolls
        self._restoring = False
        self.updateRequest.connect(lambda *_: self._update_sides())
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._update_margins()

    # -- content ------------------------------------------------------------------------------

    def show_article(self, article_id: str, text: str, entities: Sequence[StoredSpan], sections: Sequence[StoredSpan]) -> None:
        self.article_id = article_id
        self.offsets = OffsetMap(text)
        self.selected_span = None
        self._anchor = None
        self.setPlainText(text)
        self.set_spans(entities, sections)

    def set_spans(self, entities: Sequence[StoredSpan], sections: Sequence[StoredSpan]) -> None:
        self.set_layer(SECTIONS, sections)
        self.set_layer(ENTITIES, entities)

    def set_layer(self, layer: str, spans: Sequence[StoredSpan]) -> None:
        """Show these spans for one layer (what the project holds now)."""
        if layer == SECTIONS:
            self.sections = SpanIndex.from_stored(spans, self.offsets)
            self.viewport().update()
            self.gutter.update()
            return
        self.entities = SpanIndex.from_stored(spans, self.offsets)
        if self.selected_span is not None and self.entities.get(self.selected_span) is None:
            self.selected_span = None
            self.span_selected.emit(None)
        self.viewport().update()

    # -- selection in code points --------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.range_to_cp(cursor.selectionStart(), cursor.selectionEnd())

    def set_selection(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def cursor_offset(self) -> int:
        """Where a section command applies: the selected span, the selection, or the cursor."""
        span = self.entities.get(self.selected_span)
        if span is not None:
            return self.offsets.to_cp(span.start)
        return self.offsets.to_cp(self.textCursor().selectionStart())

    def set_cursor_offset(self, offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        self.setTextCursor(cursor)

    def select_span(self, span_id: int | None, scroll: bool = True) -> None:
        """Select an entity span (None clears); the text selection is dropped."""
        span = self.entities.get(span_id)
        if span is None:
            span_id = None
        changed = span_id != self.selected_span
        self.selected_span = span_id
        cursor = self.textCursor()
        cursor.clearSelection()
        if span is not None:
            cursor.setPosition(span.start)
        self.setTextCursor(cursor)
        if span is not None and scroll:
            self.ensureCursorVisible()
        self.viewport().update()
        if changed:
            self.span_selected.emit(span_id)

    def selected_text(self) -> str:
        return self.textCursor().selectedText()

    # -- zoom and scroll ---------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        if step > 0:
            self.zoomIn(step)
        elif step < 0 and self.font().pointSizeF() + step >= 5:
            self.zoomOut(-step)
        self._update_margins()

    def scroll_value(self) -> int:
        """Where the reading is: the code point at the top left of the viewport.

        Stored instead of the scroll bar's value, which counts wrapped lines and so changes with
        the window's width and with Qt's lazy layout. Probed a few pixels down: the content
        offset may be fractional, leaving a sliver of the line above at y = 0.
        """
        return self.offsets.to_cp(self.cursorForPosition(QPoint(0, 3)).position())

    def set_scroll_value(self, offset: int) -> None:
        """Scroll so that the line holding code point ``offset`` is the first one shown.

        The offset stays the anchor until the reader scrolls: a resize (the window being sized
        and shown after the article was opened) re-wraps long paragraphs, and the scroll bar,
        which counts lines, would otherwise land elsewhere.
        """
        self._anchor = min(max(offset, 0), self.offsets.length)
        self._apply_anchor()

    def _apply_anchor(self) -> None:
        if self._anchor is None:
            return
        self._restoring = True
        try:
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            cursor.setPosition(self.offsets.to_qt(self._anchor))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        finally:
            self._restoring = False

    def _scrolled(self, _value: int) -> None:
        if not self._restoring:
            self._anchor = None

    # -- painting and events -------------------------------------------------------------------

    def gutter_width(self) -> int:
        return fit_gutter(self, self.painter.schema.names(SECTIONS))

    def set_tag_layout(self, layout: str) -> None:
        """Where label names go: "column" beside the text, "above" the line, or "hover" only."""
        self.tag_layout = layout
        self.tag_column.setVisible(layout == "column")
        self._update_margins()
        self.viewport().update()

    def _update_sides(self) -> None:
        self.gutter.update()
        if self.tag_layout == "column":
            self.tag_column.update()

    def _update_margins(self) -> None:
        right = column_width(self) if self.tag_layout == "column" else 0
        self.setViewportMargins(self.gutter_width(), 0, right, 0)
        self._place_gutter()

    def _place_gutter(self) -> None:
        cr = self.contentsRect()
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))
        if self.tag_layout == "column":
            vg = self.viewport().geometry()
            self.tag_column.setGeometry(QRect(vg.right() + 1, vg.top(), column_width(self), vg.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._restoring = True  # the re-wrap moves the scroll bar; that is not the reader scrolling
        try:
            super().resizeEvent(event)
        finally:
            self._restoring = False
        self._place_gutter()
        if self._anchor is not None:
            self._apply_anchor()

    def paintEvent(self, event: QPaintEvent) -> None:
        lines, x = self.line_cache.lines(), self.line_cache.x
        p = QPainter(self.viewport())
        self.painter.paint_sections(p, self, lines, x, self.sections)
        starts = self.painter.paint_entities(p, self, lines, x, self.entities, self.selected_span)
        p.end()
        super().paintEvent(event)
        if self.tag_layout == "above":
            starts_shown = starts
        elif self.tag_layout == "hover":
            starts_shown = [(s, b) for s, b in starts if s.span_id in (self.selected_span, self.hovered)]
        else:
            return
        p = QPainter(self.viewport())
        self.painter.paint_tags(p, self, starts_shown)
        p.end()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            hit = self.entities.at(pos)
            if hit is not None:
                kind = "suggested by the model" if hit.suggested else "confirmed"
                QToolTip.showText(event.globalPos(), f"{hit.label} ({kind})", self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.tag_layout == "hover":
            hit = self.entities.at(self.cursorForPosition(event.position().toPoint()).position())
            hovered = hit.span_id if hit is not None else None
            if hovered != self.hovered:
                self.hovered = hovered
                self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        picked = self.selection()
        if picked is not None:
            self.select_span(None, scroll=False)
            snapped = self.snapper(*picked) if self.snapper else picked
            if snapped is None:  # only whitespace: nothing to label
                cursor = self.textCursor()
                cursor.clearSelection()
                self.setTextCursor(cursor)
                return
            self.set_selection(*snapped)
            self.selection_snapped.emit(*snapped)
            return
        pos = self.cursorForPosition(event.position().toPoint()).position()
        hit = self.entities.at(pos)
        if hit is None and pos > 0:
            before = self.entities.at(pos - 1)
            hit = before if before is not None and before.end == pos else None
        self.select_span(hit.span_id if hit else None, scroll=False)
