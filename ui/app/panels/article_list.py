"""The article list: a lazily fetched Qt model over the project, with filter, search and progress."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from annotator.model import SECTIONS, Status
from annotator.store.project import ArticleRow, Project

PAGE = 200
STATUS_COLOURS = {Status.NEW: "#9e9e9e", Status.IN_PROGRESS: "#f4a261", Status.DONE: "#2a9d8f", Status.SKIPPED: "#8e7dbe"}
STATUS_NAMES = {Status.NEW: "New", Status.IN_PROGRESS: "In progress", Status.DONE: "Done", Status.SKIPPED: "Skipped"}
Index = QModelIndex | QPersistentModelIndex


def status_icon(status: Status) -> QIcon:
    pix = QPixmap(QSize(12, 12))
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(STATUS_COLOURS[status]))
    if status == Status.DONE:
        p.drawEllipse(1, 1, 10, 10)
    else:
        p.drawRoundedRect(2, 2, 8, 8, 2, 2)
    p.end()
    return QIcon(pix)


class ArticleListModel(QAbstractListModel):
    """Rows of :meth:`Project.rows`, fetched a page at a time as the view scrolls."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.status: Status | None = None
        self.search: str | None = None
        self._rows: list[ArticleRow] = []
        self._total = 0
        self._icons = {s: status_icon(s) for s in Status}
        self._headlines: dict[str, str | None] = {}  # article id → its headline section's text
        self.reload()

    def headline(self, row: ArticleRow) -> str | None:
        """The text of the article's headline section (read once per shown row), or None."""
        if row.id not in self._headlines:
            heads = [s for s in self.project.spans(row.id, SECTIONS) if s.label == "headline"]
            text = self.project.article(row.id).text[heads[0].start:heads[0].end] if heads else ""
            self._headlines[row.id] = " ".join(text.split()) or None
        return self._headlines[row.id]

    def forget_headline(self, article_id: str, layer: str) -> None:
        """Sections changed: read that article's headline again when its row is shown."""
        if layer != SECTIONS:
            return
        self._headlines.pop(article_id, None)
        row = next((i for i, r in enumerate(self._rows) if r.id == article_id), None)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))

    def reload(self) -> None:
        self._headlines.clear()
        self.beginResetModel()
        self._rows = self.project.rows(0, PAGE, self.status, self.search)
        self._total = self.project.count_rows(self.status, self.search)
        self.endResetModel()

    def set_filter(self, status: Status | None, search: str | None) -> None:
        self.status, self.search = status, (search or None)
        self.reload()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        more = self.project.rows(len(self._rows), PAGE, self.status, self.search)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.seq}. {self.headline(row) or row.display_title}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[row.status]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{STATUS_NAMES[row.status]}: {row.preview}"
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def article_at(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: str) -> int | None:
        """The row of an article, fetching pages until it is loaded (None when filtered out)."""
        for i, row in enumerate(self._rows):
            if row.id == article_id:
                return i
        while self.canFetchMore():
            start = len(self._rows)
            self.fetchMore()
            for i in range(start, len(self._rows)):
                if self._rows[i].id == article_id:
                    return i
        return None

    def status_changed(self, article_id: str, status: str) -> None:
        for i, row in enumerate(self._rows):
            if row.id == article_id:
                if self.status is not None and Status(status) != self.status:
                    self.reload()
                    return
                self._rows[i] = ArticleRow(row.seq, row.id, row.title, row.preview, Status(status))
                idx = self.index(i)
                self.dataChanged.emit(idx, idx)
                return


class ArticleList(QWidget):
    """The list panel: status filter, search box, progress line and the list itself."""

    article_chosen = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.current: str | None = None  # the open article, highlighted again after each reload
        self.model = ArticleListModel(project)
        self.filter = QComboBox()
        self.filter.addItem("All articles", "")
        for status in Status:
            self.filter.addItem(status_icon(status), STATUS_NAMES[status], status.value)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles and text")
        self.search.setClearButtonEnabled(True)
        self.progress = QLabel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long headlines elide instead
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for w in (self.filter, self.search, self.progress, self.view):
            layout.addWidget(w)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.filter.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        project.status_changed.connect(self._status_changed)
        project.articles_changed.connect(self.refresh)
        project.spans_changed.connect(self.model.forget_headline)
        self.update_progress()

    def apply_filter(self) -> None:
        status = self.filter.currentData()
        self.model.set_filter(Status(status) if status else None, self.search.text().strip())
        self._highlight()

    def refresh(self) -> None:
        self.model.reload()
        self._highlight()
        self.update_progress()

    def update_progress(self) -> None:
        counts = self.project.status_counts()
        total = sum(counts.values())
        self.progress.setText(f"{counts[Status.DONE]} of {total} done")

    def set_current(self, article_id: str) -> None:
        self.current = article_id
        self._highlight()

    def _highlight(self) -> None:
        """Select the open article's row (a model reset drops the selection)."""
        if self.current is None:
            return
        row = self.model.row_of(self.current)
        if row is None:
            self.view.clearSelection()
            return
        idx = self.model.index(row)
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)

    def _clicked(self, index: QModelIndex) -> None:
        article = self.model.article_at(index.row())
        if article is not None:
            self.article_chosen.emit(article)

    def _status_changed(self, article_id: str, status: str) -> None:
        self.model.status_changed(article_id, status)
        self.update_progress()
