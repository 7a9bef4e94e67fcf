"""Gestures of the article view turned into core commands, one method per gesture.

Every method reads the current state from the view (selection, selected span, cursor) and the
project, runs one command through the shared :class:`Editor`, and reports the outcome on the
status bar. The view follows through the project's signals, never through these methods.
"""
from __future__ import annotations

from typing import Callable, Literal

from annotator.editing.commands import (
    AddSpan,
    Command,
    MergeSection,
    RelabelSpan,
    RemoveSpan,
    ResizeSpan,
    SetSection,
    SetStatus,
    SplitSection,
)
from annotator.errors import AnnotatorError
from annotator.model import ENTITIES, SECTIONS, Status
from annotator.store.journal import Change
from ui.app.host import WindowHost


class Gestures:
    """The editing half of the main window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window

    @property
    def article(self) -> str | None:
        return self.window.article_id

    def run(self, command: Command | Callable[[], Command], done: str | None = None, already: str | None = None) -> Change | None:
        """Execute a command and say what happened (``done``), or that it was ``already`` so;
        a refused edit becomes a status message, not an exception."""
        try:
            cmd = command() if callable(command) and not isinstance(command, Command) else command
            change = self.window.editor.execute(cmd)
        except AnnotatorError as exc:
            self.window.report(f"Not done: {exc}", error=True)
            return None
        if change:
            self.window.report(f"{done or cmd.describe()} — all changes saved")
        else:
            self.window.report(f"Already done: {already}" if already else "Already done: nothing to change")
        return change

    # -- entities -----------------------------------------------------------------------------

    def label(self, layer: str, name: str) -> None:
        if layer == SECTIONS:
            self.set_section(name)
        else:
            self.entity_label(name)

    def entity_label(self, name: str) -> None:
        """Add an entity over the selection (replacing what it overlaps) or relabel the selected span."""
        view, article = self.window.view, self.article
        if article is None:
            return
        picked = view.selection()
        if picked is not None:
            snapped = self.window.editor.bounds(article).snap_intent(*picked)
            if self.run(AddSpan(article, ENTITIES, picked[0], picked[1], name, replace=True), self._added(article, snapped, name)) and snapped:
                qa, qb = view.offsets.to_qt(snapped[0]), view.offsets.to_qt(snapped[1])  # the view re-read on the project's signal
                new = next((s.span_id for s in view.entities.overlapping(qa, qb) if (s.start, s.end) == (qa, qb)), None)
                view.select_span(new, scroll=False)
            return
        if view.selected_span is not None:
            self.run(RelabelSpan(article, ENTITIES, view.selected_span, name), f"Relabeled the span as {name}", f"the span is {name} already")
            return
        self.window.report("Select some text (to add an entity) or click a span (to relabel it) first", error=True)

    def _added(self, article: str, snapped: tuple[int, int] | None, name: str) -> str:
        """"Added ORG 'Axios'", or "Replaced 2 spans with ORG 'Axios'" when it took their place."""
        if snapped is None:
            return f"Added {name}"
        text = self.window.editor.text(article)[snapped[0]:snapped[1]]
        quoted = repr(text if len(text) <= 40 else text[:39] + "…")
        view = self.window.view  # what is shown is what the project holds: no second read
        replaced = len(view.entities.overlapping(view.offsets.to_qt(snapped[0]), view.offsets.to_qt(snapped[1])))
        if replaced == 0:
            return f"Added {name} {quoted}"
        return f"Replaced {replaced} span{'s' if replaced > 1 else ''} with {name} {quoted}"

    def delete_span(self) -> None:
        span = self.window.view.selected_span
        if self.article is None or span is None:
            self.window.report("Click a span first to remove it", error=True)
            return
        self.run(RemoveSpan(self.article, ENTITIES, span), "Removed the span")

    def move_edge(self, edge: Literal["start", "end"], tokens: int) -> None:
        span, article = self.window.view.selected_span, self.article
        if article is None or span is None:
            self.window.report("Click a span first to move its edges", error=True)
            return
        editor = self.window.editor
        self.run(lambda: ResizeSpan.by_tokens(editor, article, ENTITIES, span, edge, tokens))
        self.window.view.select_span(span, scroll=False)

    def clear(self) -> None:
        self.window.view.select_span(None, scroll=False)
        if self.window.find_bar.isVisible():
            self.window.find_bar.close_bar()

    # -- sections -----------------------------------------------------------------------------

    def set_section(self, name: str) -> None:
        if self.article is not None:
            self.run(SetSection(self.article, self.window.view.cursor_offset(), name), f"Set the section type to {name}",
                     f"this section is {name} already")

    def split_section(self) -> None:
        if self.article is not None:
            self.run(SplitSection(self.article, self.window.view.cursor_offset()))

    def merge_section(self) -> None:
        if self.article is None:
            return
        offset = self.window.view.cursor_offset()
        section = next((s for s in self.window.project.spans(self.article, SECTIONS) if s.start <= offset < s.end), None)
        if section is None:
            self.window.report("The cursor is not inside a section", error=True)
            return
        self.run(MergeSection(self.article, section.id))

    # -- articles and history ------------------------------------------------------------------

    def accept(self) -> None:
        self._finish(Status.DONE)

    def skip(self) -> None:
        self._finish(Status.SKIPPED)

    def _finish(self, status: Status) -> None:
        article = self.article
        if article is None:
            return
        change = self.run(SetStatus(article, status), f"Marked {status.value}", f"the article is {status.value} already")
        project = self.window.project
        after = project.neighbour(article, 1, (Status.DONE, Status.SKIPPED)) or project.neighbour(article, 1, (Status.DONE,))
        if after is None:
            done = "Marked " + status.value + " — all changes saved; " if change else ""
            self.window.report(done + "no article left to do after this one")
            return
        self.window.open_article(after)

    def go(self, step: int) -> None:
        if self.article is None:
            return
        other = self.window.project.neighbour(self.article, step)
        if other is not None:
            self.window.open_article(other)

    def undo(self) -> None:
        self._history(self.window.editor.undo, "Nothing to undo")

    def redo(self) -> None:
        self._history(self.window.editor.redo, "Nothing to redo")

    def _history(self, step: Callable[[], Change | None], nothing: str) -> None:
        try:
            change = step()
        except AnnotatorError as exc:
            self.window.report(f"Not done: {exc}", error=True)
            return
        if change is None:
            self.window.report(nothing)
            return
        if change.article_id != self.article:
            self.window.open_article(change.article_id)
        self.window.report(f"{change.description} — all changes saved")
