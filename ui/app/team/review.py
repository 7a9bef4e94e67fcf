"""Review mode: the articles with two or more done versions, one disagreement at a time.

A and B (the first two done versions, by annotator name) are shown side by side around the
disagreement, with the adjudicated layer below. One key settles it: ``A``, ``B``, ``C`` (both),
``N`` (neither); ``E`` opens the article in the main window to edit the adjudicated layer by
hand. Every pick is an :mod:`annotator.editing.adjudication` command on the window's editor:
saved at once, undone with ``Ctrl+Z`` like any edit.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from annotator.editing.adjudication import (
    Choice,
    Disagreement,
    Pick,
    StartAdjudication,
    disagreements,
)
from annotator.errors import AnnotatorError
from annotator.model import Span, Status
from annotator.store.layers.versions import Version, multi_annotated, versions
from ui.app.host import WindowHost

CONTEXT = 240  # characters shown either side of a disagreement
HINT = ("A pick A · B pick B · C keep both · N keep neither · E edit by hand · ←/→ disagreement · "
        "PgUp/PgDn article · Ctrl+Z undo · Ctrl+Return accept")


class ReviewWindow(QWidget):
    """Adjudicate a project's multi-annotated articles (a window of its own)."""

    def __init__(self, host: WindowHost) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.host, self.project, self.editor = host, host.project, host.editor
        self.setWindowTitle(f"Review — {self.project.path.name}")
        self.ids = multi_annotated(self.project.conn, Status.DONE)
        self.index, self.d_index = 0, 0
        self.a: Version | None = None
        self.b: Version | None = None
        self.items: list[Disagreement] = []
        self.header, self.hint = QLabel(), QLabel(HINT)
        self.hint.setWordWrap(True)
        self.pane_a, self.pane_b, self.pane_result = QTextBrowser(), QTextBrowser(), QTextBrowser()
        self.title_a, self.title_b = QLabel("A"), QLabel("B")
        sides = QSplitter(Qt.Orientation.Horizontal)
        for title, pane in ((self.title_a, self.pane_a), (self.title_b, self.pane_b)):
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(title)
            col.addWidget(pane)
            sides.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(sides, 3)
        layout.addWidget(QLabel("Adjudicated"))
        layout.addWidget(self.pane_result, 2)
        layout.addWidget(self.hint)
        keys: list[tuple[str, object]] = [
            ("A", lambda: self.pick("a")), ("B", lambda: self.pick("b")), ("C", lambda: self.pick("both")),
            ("N", lambda: self.pick("neither")), ("E", self.edit_by_hand), ("Right", lambda: self.step(1)),
            ("Left", lambda: self.step(-1)), ("PgDown", lambda: self.go(1)), ("PgUp", lambda: self.go(-1)),
            ("Ctrl+Z", self.undo), ("Ctrl+Shift+Z", self.redo), ("Ctrl+Return", self.accept), ("Esc", self.close),
        ]
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WindowShortcut)  # type: ignore[call-overload]
        self.project.spans_changed.connect(self._changed)
        self.resize(1200, 760)
        self.open_article(0)

    # -- navigation ---------------------------------------------------------------------------

    @property
    def article_id(self) -> str | None:
        return self.ids[self.index] if self.ids else None

    def open_article(self, index: int) -> None:
        if not self.ids:
            self.header.setText("No article has two done versions yet: merge the annotators' projects first.")
            return
        self.index = max(0, min(index, len(self.ids) - 1))
        aid = self.ids[self.index]
        done = versions(self.project.conn, self.project.seq(aid), Status.DONE)
        self.a, self.b = done[0], done[1]
        self.items = disagreements(self.a, self.b)
        self.d_index = 0
        self._run(StartAdjudication(aid, self.a, self.b))
        self.render()

    def go(self, step: int) -> None:
        self.open_article(self.index + step)

    def step(self, delta: int) -> None:
        if self.items:
            self.d_index = max(0, min(self.d_index + delta, len(self.items) - 1))
            self.render()

    # -- gestures -----------------------------------------------------------------------------

    def pick(self, choice: Choice) -> None:
        if self.article_id is None or not self.items:
            return
        if self._run(Pick(self.article_id, self.items[self.d_index], choice)) and self.d_index < len(self.items) - 1:
            self.d_index += 1
        self.render()

    def edit_by_hand(self) -> None:
        """Open the article in the main window, whose edits change the adjudicated layer."""
        if self.article_id is not None:
            self.host.open_article(self.article_id)
            if isinstance(self.host, QWidget):
                self.host.raise_()
                self.host.activateWindow()

    def accept(self) -> None:
        from annotator.editing.commands import SetStatus

        if self.article_id is not None and self._run(SetStatus(self.article_id, Status.DONE)) is not False:
            self.go(1)

    def undo(self) -> None:
        self._report(self.editor.undo())

    def redo(self) -> None:
        self._report(self.editor.redo())

    def _run(self, command) -> bool:  # type: ignore[no-untyped-def]
        try:
            change = self.editor.execute(command)
        except AnnotatorError as exc:
            self.hint.setText(f"⚠ {exc}")
            return False
        self._report(change)
        return True

    def _report(self, change) -> None:  # type: ignore[no-untyped-def]
        self.hint.setText(f"{change.description} — saved. {HINT}" if change is not None else HINT)
        self.render()

    def _changed(self, article_id: str, layer: str) -> None:
        if article_id == self.article_id:
            self.render()

    # -- painting -----------------------------------------------------------------------------

    def render(self) -> None:
        aid = self.article_id
        if aid is None or self.a is None or self.b is None:
            return
        adjudicated = {layer: [s.span for s in self.project.spans(aid, layer)] for layer in ("entities", "sections")}
        title = self.project.article(aid).title or aid
        if self.items:
            d = self.items[self.d_index]
            now = d.settled_as(adjudicated[d.layer])
            where = (f"disagreement {self.d_index + 1} of {len(self.items)} ({d.layer}) · adjudicated here: "
                     + ({"a": "A's", "b": "B's", "both": "both", "neither": "neither"}.get(now or "", "edited by hand")))
        else:
            where = "the versions agree: Ctrl+Return accepts"
        self.header.setText(f"<b>Article {self.index + 1} of {len(self.ids)}</b>: {html.escape(title)} · {where}")
        self.title_a.setText(f"<b>A: {html.escape(self.a.annotator)}</b>")
        self.title_b.setText(f"<b>B: {html.escape(self.b.annotator)}</b>")
        text = self.editor.text(aid)
        d = self.items[self.d_index] if self.items else None
        layer = d.layer if d else "entities"
        lo, hi = (max(0, d.start - CONTEXT), min(len(text), d.end + CONTEXT)) if d else (0, min(len(text), 2 * CONTEXT))
        for pane, spans in ((self.pane_a, self.a.spans[layer]), (self.pane_b, self.b.spans[layer]),
                            (self.pane_result, adjudicated[layer])):
            pane.setHtml(self._html(text, lo, hi, spans, d))

    def _html(self, text: str, lo: int, hi: int, spans: list[Span], d: Disagreement | None) -> str:
        """The text from ``lo`` to ``hi`` with ``spans`` in their label colours; the disagreement's
        range underlined in red and tinted where this side has no span."""
        layer = d.layer if d else "entities"
        owner: list[Span | None] = [None] * (hi - lo)
        for s in spans:
            for i in range(max(s.start, lo), min(s.end, hi)):
                owner[i - lo] = s
        out: list[str] = ["…" if lo else ""]
        i = lo
        while i < hi:
            s = owner[i - lo]
            hot = d is not None and d.start <= i < d.end
            j = i + 1
            while j < hi and owner[j - lo] is s and (d is not None and d.start <= j < d.end) == hot:
                j += 1
            piece = html.escape(text[i:j]).replace("\n", "<br>")
            style = []
            if s is not None:
                label = self.project.schema.label(layer, s.label) if self.project.schema.has(layer, s.label) else None
                style.append(f"background:{label.color if label else '#bbbbbb'}; color:#000")
            elif hot:
                style.append("background:#fff3b0; color:#000")
            if hot:
                style.append("text-decoration:underline; font-weight:bold")
            tag = f' <sub>{html.escape(s.label)}</sub>' if s is not None and (j >= hi or owner[j - lo] is not s) else ""
            out.append(f'<span style="{"; ".join(style)}">{piece}</span>{tag}' if style else piece + tag)
            i = j
        out.append("…" if hi < len(text) else "")
        return f'<div style="font-size:13pt">{"".join(out)}</div>'


def open_review(host: WindowHost) -> ReviewWindow:
    window = ReviewWindow(host)
    window.show()
    host.review_window = window  # type: ignore[attr-defined]  (kept alive with the main window)
    return window
