"""Spans that do not fall on the project tokenizer's token boundaries, and their fixes.

Imported files can carry offsets from another tokenizer (or none). :func:`misaligned` lists
every such span with the range it snaps to (entities contract, or expand for a partial word;
sections expand: the same rules as drawing a span), and :func:`fix` applies the snaps through the
:class:`~annotator.editing.commands.Editor`, one undoable command per span: ``ResizeSpan`` when a snap
exists, ``RemoveSpan`` when none does (the span covers no token, or only whitespace). A snap that
would overlap another span of the layer is left alone and reported, never forced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from annotator.editing.commands import Editor, RemoveSpan, ResizeSpan
from annotator.model import ENTITIES, LAYERS
from annotator.store.project import Project


@dataclass(frozen=True, slots=True)
class Misalignment:
    """One span off the token boundaries, with where it snaps to (None: nowhere)."""

    article_id: str
    layer: str
    span_id: int
    start: int
    end: int
    label: str
    snapped: tuple[int, int] | None

    def describe(self, text: str | None = None) -> str:
        shown = f" {text[self.start:self.end]!r}" if text is not None else ""
        target = f"snaps to [{self.snapped[0]}, {self.snapped[1]})" if self.snapped else "covers no token: remove"
        if self.snapped and text is not None:
            target += f" {text[self.snapped[0]:self.snapped[1]]!r}"
        return f"{self.article_id} {self.layer} [{self.start}, {self.end}) {self.label}{shown}: {target}"


@dataclass
class FixReport:
    """What :func:`fix` did."""

    resized: list[Misalignment] = field(default_factory=list)
    removed: list[Misalignment] = field(default_factory=list)
    skipped: list[tuple[Misalignment, str]] = field(default_factory=list)  # with the reason


def misaligned(project: Project, editor: Editor, article_ids: Iterable[str] | None = None) -> list[Misalignment]:
    """Every span of ``article_ids`` (default: all articles) not on token boundaries."""
    out: list[Misalignment] = []
    for aid in project.ids() if article_ids is None else article_ids:
        spans = {layer: project.spans(aid, layer) for layer in LAYERS}
        if not any(spans.values()):
            continue
        bounds, text = editor.bounds(aid), editor.text(aid)
        for layer in LAYERS:
            for s in spans[layer]:
                if bounds.is_aligned(s.start, s.end):
                    continue
                snapped = bounds.snap_intent(s.start, s.end) if layer == ENTITIES else bounds.snap(s.start, s.end, "expand")
                if snapped is not None and not text[snapped[0]:snapped[1]].strip():
                    snapped = None
                out.append(Misalignment(aid, layer, s.id, s.start, s.end, s.label, snapped))
    return out


def fix(project: Project, editor: Editor, items: Iterable[Misalignment]) -> FixReport:
    """Snap (or remove) each item through ``editor``: each one is its own undoable edit."""
    report = FixReport()
    for item in items:
        current = {s.id: s for s in project.spans(item.article_id, item.layer)}
        span = current.get(item.span_id)
        if span is None or (span.start, span.end) != (item.start, item.end):
            report.skipped.append((item, "the span changed since the check"))
            continue
        if item.snapped is None:
            editor.execute(RemoveSpan(item.article_id, item.layer, item.span_id))
            report.removed.append(item)
            continue
        start, end = item.snapped
        clash = next((o for o in current.values() if o.id != span.id and o.start < end and start < o.end), None)
        if clash is not None:
            report.skipped.append((item, f"the snap would overlap {clash.label} [{clash.start}, {clash.end})"))
            continue
        editor.execute(ResizeSpan(item.article_id, item.layer, item.span_id, start, end))
        report.resized.append(item)
    return report
