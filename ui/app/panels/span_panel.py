"""The right-hand panel: the entity table with a label filter and a "visible only" switch that
follows the viewport, and the article's sections as a list to jump through."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QListWidget, QListWidgetItem, QTabWidget, QVBoxLayout, QWidget

from annotator.model import ENTITIES
from annotator.store.project import Project, StoredSpan
from ui.app.panels.span_list import SpanList
from ui.app.view.article_view import ArticleView


class SpanPanel(QWidget):
    section_chosen = Signal(int)  # code point where the section starts

    def __init__(self, project: Project, view: ArticleView, text_of: Callable[[str], str]) -> None:
        super().__init__()
        self.view, self.text_of = view, text_of
        self._swatches: dict[str, QIcon] = {}
        self.table = SpanList(project, text_of)
        self.label = QComboBox()
        self.label.addItem("All labels", None)
        for l in project.schema.labels(ENTITIES):
            self.label.addItem(l.name, l.name)
        self.visible_only = QCheckBox("Visible only")
        self.visible_only.setToolTip("List only the spans in the part of the article on screen")
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.label, 1)
        filters.addWidget(self.visible_only)
        entities = QWidget()
        column = QVBoxLayout(entities)
        column.setContentsMargins(0, 2, 0, 0)
        column.addLayout(filters)
        column.addWidget(self.table, 1)
        self.sections = QListWidget()
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long rows elide
        self.sections.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sections.setUniformItemSizes(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(entities, "Entities")
        self.tabs.addTab(self.sections, "Sections")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.label.currentIndexChanged.connect(lambda _: self.apply_filters())
        self.visible_only.toggled.connect(lambda _: self.apply_filters())
        view.verticalScrollBar().valueChanged.connect(lambda _: self._follow())
        self.sections.itemActivated.connect(self._jump)
        self.sections.itemClicked.connect(self._jump)

    def visible_range(self) -> tuple[int, int] | None:
        """The code points on screen, or None before the view has laid out any line."""
        lines = self.view.line_cache.lines()
        if not lines:
            return None
        return self.view.offsets.to_cp(lines[0].start), self.view.offsets.to_cp(lines[-1].end)

    def apply_filters(self) -> None:
        span_range = self.visible_range() if self.visible_only.isChecked() else None
        self.table.set_filters(self.label.currentData(), span_range)

    def _follow(self) -> None:
        if self.visible_only.isChecked():
            self.apply_filters()

    def show_sections(self, article_id: str, sections: list[StoredSpan]) -> None:
        """One row per section: its type and the start of its text."""
        text = self.text_of(article_id)
        self.sections.clear()
        for s in sections:
            words = " ".join(text[s.start:min(s.end, s.start + 120)].split())
            item = QListWidgetItem(self._swatch(s.label), f"{s.label.replace('_', ' ')} — {words}")
            item.setData(Qt.ItemDataRole.UserRole, s.start)
            item.setToolTip(words)
            self.sections.addItem(item)

    def _swatch(self, label: str) -> QIcon:
        if label not in self._swatches:
            pix = QPixmap(10, 14)
            pix.fill(self.view.painter.colour("sections", label))
            self._swatches[label] = QIcon(pix)
        return self._swatches[label]

    def _jump(self, item: QListWidgetItem) -> None:
        self.section_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
