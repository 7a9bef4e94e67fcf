"""Edits as command objects, executed and undone through the project's journal.

Every interaction of every interface maps onto one of these commands. A command checks its
arguments against the current state and plans primitive operations; :class:`Editor` applies and
journals them in one transaction. Entity spans snap to tokens (contract, or expand for a partial
word); section spans snap by expanding. Adding an entity over an existing one is refused with a
reason unless ``replace=True``, which removes the spans it overlaps within the same undo step.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language

from annotator.errors import SpanError
from annotator.model import ENTITIES, SECTIONS, Origin, Status
from annotator.nlp.tokenizer import blank_pipeline
from annotator.nlp.tokens import TokenBounds
from annotator.store import journal, source_tokens
from annotator.store.journal import Change, Op, span_row
from annotator.store.project import Project, StoredSpan


class EditContext:
    """Read access a command needs while planning: the article's spans, text and tokens."""

    def __init__(self, editor: Editor, article_id: str) -> None:
        self.editor = editor
        self.project = editor.project
        self.article_id = article_id

    def spans(self, layer: str) -> list[StoredSpan]:
        return self.project.spans(self.article_id, layer)

    def span(self, layer: str, span_id: int) -> StoredSpan:
        for s in self.spans(layer):
            if s.id == span_id:
                return s
        raise SpanError(f"no {layer} span {span_id} in article {self.article_id}")

    @property
    def text(self) -> str:
        return self.editor.text(self.article_id)

    @property
    def bounds(self) -> TokenBounds:
        return self.editor.bounds(self.article_id)

    def label(self, layer: str, name: str) -> str:
        if not self.project.schema.has(layer, name):
            raise SpanError(f"unknown {layer} label {name!r}; the project has {', '.join(self.project.schema.names(layer))}")
        return name


class Command(ABC):
    """An edit of one article."""

    article_id: str

    @abstractmethod
    def plan(self, ctx: EditContext) -> list[Op]:
        """The operations that perform this edit on the current state (raises SpanError)."""

    @abstractmethod
    def describe(self) -> str:
        """A short phrase for menus and the journal ("Add PERSON")."""


def _edited(s: StoredSpan) -> Origin:
    return Origin.ADDED if s.origin == Origin.ADDED else Origin.EDITED


def _row(s: StoredSpan, layer: str) -> dict[str, object]:
    return span_row(s.id, layer, s.start, s.end, s.label, s.origin)


def _snap(ctx: EditContext, layer: str, start: int, end: int) -> tuple[int, int]:
    snapped = ctx.bounds.snap_intent(start, end) if layer == ENTITIES else ctx.bounds.snap(start, end, "expand")
    if snapped is None:
        raise SpanError(f"[{start}, {end}) covers no token")
    return snapped


@dataclass
class AddSpan(Command):
    article_id: str
    layer: str
    start: int
    end: int
    label: str
    replace: bool = False

    def plan(self, ctx: EditContext) -> list[Op]:
        label = ctx.label(self.layer, self.label)
        start, end = _snap(ctx, self.layer, self.start, self.end)
        ops: list[Op] = []
        for s in ctx.spans(self.layer):
            if s.start < end and start < s.end:
                if not self.replace:
                    raise SpanError(f"overlaps {s.label} {ctx.text[s.start:s.end]!r} [{s.start}, {s.end}); remove it first or replace it")
                ops.append({"op": "delete", "span": _row(s, self.layer)})
        ops.append({"op": "insert", "span": span_row(None, self.layer, start, end, label, Origin.ADDED)})
        return ops

    def describe(self) -> str:
        return f"Add {self.label}"


@dataclass
class RemoveSpan(Command):
    article_id: str
    layer: str
    span_id: int

    def plan(self, ctx: EditContext) -> list[Op]:
        return [{"op": "delete", "span": _row(ctx.span(self.layer, self.span_id), self.layer)}]

    def describe(self) -> str:
        return "Remove span"


@dataclass
class RelabelSpan(Command):
    article_id: str
    layer: str
    span_id: int
    label: str

    def plan(self, ctx: EditContext) -> list[Op]:
        s = ctx.span(self.layer, self.span_id)
        label = ctx.label(self.layer, self.label)
        if label == s.label:
            return []
        after = span_row(s.id, self.layer, s.start, s.end, label, _edited(s))
        return [{"op": "update", "before": _row(s, self.layer), "after": after}]

    def describe(self) -> str:
        return f"Relabel as {self.label}"


@dataclass
class ResizeSpan(Command):
    """Give a span new boundaries (snapped); ``tokens`` form moves one edge by whole tokens."""

    article_id: str
    layer: str
    span_id: int
    start: int
    end: int

    @classmethod
    def by_tokens(cls, editor: Editor, article_id: str, layer: str, span_id: int,
                  edge: Literal["start", "end"], tokens: int) -> ResizeSpan:
        s = EditContext(editor, article_id).span(layer, span_id)
        bounds = editor.bounds(article_id)
        edges = bounds.starts if edge == "start" else bounds.ends
        i = bounds.token_index(s.start if edge == "start" else s.end - 1)
        k = min(max(i + tokens, 0), len(edges) - 1)
        if edge == "start":
            return cls(article_id, layer, span_id, edges[k], s.end)
        return cls(article_id, layer, span_id, s.start, edges[k])

    def plan(self, ctx: EditContext) -> list[Op]:
        s = ctx.span(self.layer, self.span_id)
        if self.start >= self.end:
            raise SpanError("a span must keep at least one token")
        start, end = _snap(ctx, self.layer, self.start, self.end)
        if (start, end) == (s.start, s.end):
            return []
        after = span_row(s.id, self.layer, start, end, s.label, _edited(s))
        return [{"op": "update", "before": _row(s, self.layer), "after": after}]

    def describe(self) -> str:
        return "Resize span"


@dataclass
class SetSection(Command):
    """Type the section at ``offset``; where no section covers it, create one over the gap."""

    article_id: str
    offset: int
    label: str

    def plan(self, ctx: EditContext) -> list[Op]:
        label = ctx.label(SECTIONS, self.label)
        sections = ctx.spans(SECTIONS)
        for s in sections:
            if s.start <= self.offset < s.end:
                return RelabelSpan(self.article_id, SECTIONS, s.id, label).plan(ctx)
        lo = max((s.end for s in sections if s.end <= self.offset), default=0)
        hi = min((s.start for s in sections if s.start > self.offset), default=len(ctx.text))
        gap = ctx.text[lo:hi]
        start, end = lo + (len(gap) - len(gap.lstrip())), hi - (len(gap) - len(gap.rstrip()))
        if start >= end:
            raise SpanError("no text here to make a section of")
        return [{"op": "insert", "span": span_row(None, SECTIONS, start, end, label, Origin.ADDED)}]

    def describe(self) -> str:
        return f"Set section {self.label}"


@dataclass
class SplitSection(Command):
    """Split the section containing ``offset`` at the token boundary there."""

    article_id: str
    offset: int

    def plan(self, ctx: EditContext) -> list[Op]:
        for s in ctx.spans(SECTIONS):
            if s.start < self.offset < s.end:
                break
        else:
            raise SpanError("the cursor is not inside a section (or is at its edge)")
        bounds = ctx.bounds
        i = bounds.token_index(self.offset)
        cut = bounds.starts[i] if i < len(bounds) else s.end
        if not (s.start < cut < s.end):
            raise SpanError("nothing to split off here")
        left_end = s.start + len(ctx.text[s.start:cut].rstrip())
        left = span_row(s.id, SECTIONS, s.start, left_end, s.label, _edited(s))
        right = span_row(None, SECTIONS, cut, s.end, s.label, _edited(s))
        return [{"op": "update", "before": _row(s, SECTIONS), "after": left}, {"op": "insert", "span": right}]

    def describe(self) -> str:
        return "Split section"


@dataclass
class MergeSection(Command):
    """Merge a section into the one before it; the merged section keeps the earlier type."""

    article_id: str
    span_id: int

    def plan(self, ctx: EditContext) -> list[Op]:
        sections = ctx.spans(SECTIONS)
        idx = next((i for i, s in enumerate(sections) if s.id == self.span_id), None)
        if idx is None:
            raise SpanError(f"no section {self.span_id} in article {self.article_id}")
        if idx == 0:
            raise SpanError("the first section has no previous section to merge with")
        prev, cur = sections[idx - 1], sections[idx]
        after = span_row(prev.id, SECTIONS, prev.start, cur.end, prev.label, _edited(prev))
        return [{"op": "delete", "span": _row(cur, SECTIONS)},
                {"op": "update", "before": _row(prev, SECTIONS), "after": after}]

    def describe(self) -> str:
        return "Merge sections"


@dataclass
class SetStatus(Command):
    article_id: str
    status: Status

    def plan(self, ctx: EditContext) -> list[Op]:
        current = ctx.project.status(self.article_id)
        if current == self.status:
            return []
        return [{"op": "status", "before": current.value, "after": Status(self.status).value}]

    def describe(self) -> str:
        return f"Mark {Status(self.status).value.replace('_', ' ')}"


class Editor:
    """Executes commands on a project and walks its undo history."""

    def __init__(self, project: Project, nlp: Language | None = None, cache_size: int = 8) -> None:
        self.project = project
        self.nlp = nlp or blank_pipeline()
        self._cache: OrderedDict[str, tuple[str, TokenBounds]] = OrderedDict()
        self._cache_size = cache_size

    def execute(self, command: Command) -> Change | None:
        """Plan, apply and journal ``command``; None when it changes nothing."""
        ops = command.plan(EditContext(self, command.article_id))
        if not ops:
            return None
        if any(op["op"] != "status" for op in ops) and self.project.status(command.article_id) == Status.NEW:
            ops.append({"op": "status", "before": Status.NEW.value, "after": Status.IN_PROGRESS.value})
        return journal.record(self.project, command.article_id, command.describe(), ops)

    def undo(self) -> Change | None:
        return journal.undo(self.project)

    def redo(self) -> Change | None:
        return journal.redo(self.project)

    def undo_text(self) -> str | None:
        return journal.peek(self.project, undone=False)

    def redo_text(self) -> str | None:
        return journal.peek(self.project, undone=True)

    def text(self, article_id: str) -> str:
        return self._tokens(article_id)[0]

    def bounds(self, article_id: str) -> TokenBounds:
        return self._tokens(article_id)[1]

    def _tokens(self, article_id: str) -> tuple[str, TokenBounds]:
        hit = self._cache.get(article_id)
        if hit is None:
            text = self.project.article(article_id).text
            given = source_tokens.load(self.project.conn, self.project.seq(article_id))
            bounds = TokenBounds(given.starts, given.ends) if given else TokenBounds.from_doc(self.nlp.make_doc(text))
            hit = (text, bounds)
            self._cache[article_id] = hit
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(article_id)
        return hit
