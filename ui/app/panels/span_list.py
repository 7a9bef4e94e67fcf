"""The spans of the current article as a table: label, text, origin; selection follows the view."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.model import ENTITIES, Origin
from annotator.store.project import Project, StoredSpan

ORIGIN_NAMES = {Origin.SUGGESTED: "suggested", Origin.EDITED: "edited", Origin.ADDED: "added", Origin.IMPORTED: "imported"}
HEADERS = ("Label", "Text", "Origin")
Index = QModelIndex | QPersistentModelIndex


class SpanTableModel(QAbstractTableModel):
    """The entity spans of one article, re-read from the project when they change."""

    def __init__(self, project: Project, text_of: Callable[[str], str]) -> None:
        super().__init__()
        self.project = project
        self.text_of = text_of
        self.article_id: str | None = None
        self._all: list[StoredSpan] = []
        self._spans: list[StoredSpan] = []  # the ones shown: _all through the filters
        self._text = ""
        self.label_filter: str | None = None
        self.range_filter: tuple[int, int] | None = None  # code points: only spans touching it
        self._colours = {l.name: QColor(l.color) for l in project.schema.labels(ENTITIES)}

    def show_article(self, article_id: str | None, spans: list[StoredSpan] | None = None) -> None:
        self.article_id = article_id
        self.reload(spans)

    def reload(self, spans: list[StoredSpan] | None = None) -> None:
        """Re-read the spans (or take the ones the caller just read from the project)."""
        self.beginResetModel()
        if self.article_id is None:
            self._spans, self._text = [], ""
        else:
            self._text = self.text_of(self.article_id)
            self._all = spans if spans is not None else self.project.spans(self.article_id, ENTITIES)
        self._spans = self._filtered() if self.article_id is not None else []
        self.endResetModel()

    def set_filters(self, label: str | None, span_range: tuple[int, int] | None) -> bool:
        """Show only spans of ``label`` and touching ``span_range`` (None: no such filter)."""
        if (label, span_range) == (self.label_filter, self.range_filter):
            return False
        self.label_filter, self.range_filter = label, span_range
        self.beginResetModel()
        self._spans = self._filtered()
        self.endResetModel()
        return True

    def _filtered(self) -> list[StoredSpan]:
        out = self._all
        if self.label_filter is not None:
            out = [s for s in out if s.label == self.label_filter]
        if self.range_filter is not None:
            a, b = self.range_filter
            out = [s for s in out if s.start < b and a < s.end]
        return out

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._spans[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return s.label
            if col == 1:
                return " ".join(self._text[s.start:s.end].split())
            return ORIGIN_NAMES[s.origin]
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        if col == 0 and role == Qt.ItemDataRole.BackgroundRole:
            return self._colours.get(s.label)
        if col == 0 and role == Qt.ItemDataRole.ForegroundRole and s.label in self._colours:
            return QColor("#141414")
        return None

    def row_of(self, span_id: int) -> int | None:
        return next((i for i, s in enumerate(self._spans) if s.id == span_id), None)

    def span_at(self, row: int) -> int | None:
        return self._spans[row].id if 0 <= row < len(self._spans) else None


class SpanList(QTableView):
    """The table widget. Its owner passes it the spans whenever the project signals a change
    (the window reads them once for the view and the list)."""

    span_chosen = Signal(object)  # span id or None

    def __init__(self, project: Project, text_of: Callable[[str], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.model_ = SpanTableModel(project, text_of or (lambda aid: project.article(aid).text))
        self.setModel(self.model_)
        self._syncing = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)  # not ResizeToContents: that measures every row on each change
        header.resizeSection(2, self.fontMetrics().horizontalAdvance("suggested") + 16)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 100)
        self.setMinimumWidth(320)
        self.selectionModel().selectionChanged.connect(self._selection_changed)

    @property
    def article_id(self) -> str | None:
        return self.model_.article_id

    def show_article(self, article_id: str | None, spans: list[StoredSpan] | None = None) -> None:
        self._quietly(lambda: self.model_.show_article(article_id, spans))

    def set_filters(self, label: str | None, span_range: tuple[int, int] | None) -> None:
        selected = self.selected_span()
        if self._quietly(lambda: self.model_.set_filters(label, span_range)) and selected is not None:
            self.select_span(selected)

    def reload(self, spans: list[StoredSpan] | None = None) -> None:
        selected = self.selected_span()
        self._quietly(lambda: self.model_.reload(spans))
        if selected is not None:
            self.select_span(selected)

    def rowCount(self) -> int:
        return self.model_.rowCount()

    def row_text(self, row: int) -> tuple[str, str, str]:
        return tuple(self.model_.index(row, c).data() for c in range(3))  # type: ignore[return-value]

    def selected_span(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.model_.span_at(rows[0].row()) if rows else None

    def select_span(self, span_id: int | None) -> None:
        """Follow the view's selection without echoing it back."""
        def select() -> None:
            self.clearSelection()
            row = self.model_.row_of(span_id) if span_id is not None else None
            if row is not None:
                idx = self.model_.index(row, 0)
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.selectionModel().select(idx, flags)
                self.scrollTo(idx)
        self._quietly(select)

    def _quietly(self, change: Callable[[], object]) -> object:
        self._syncing = True
        try:
            return change()
        finally:
            self._syncing = False

    def _selection_changed(self, *_: object) -> None:
        if not self._syncing:
            self.span_chosen.emit(self.selected_span())
