"""Adjudication: settling two annotators' versions of an article into its adjudicated layer.

The adjudicated layer is the article's current annotations marked as adjudicated, so every edit
command (and the desktop app's editing by hand) works on it, with undo, saved at once. Starting
replaces the current annotations by the spans both versions agree on; each disagreement (a
cluster of overlapping spans that the versions do not share) is then settled by one
:class:`Pick` of A, B, both or neither. Both are journaled commands of the :class:`Editor`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from annotator.editing.commands import Command, EditContext
from annotator.errors import SpanError
from annotator.model import LAYERS, Origin, Span
from annotator.store.journal import Op, span_row
from annotator.store.project import StoredSpan
from annotator.store.layers.versions import Version, is_adjudicated

Choice = Literal["a", "b", "both", "neither"]


@dataclass(frozen=True)
class Disagreement:
    """Where two versions differ in one layer: the range and each side's spans in it."""

    layer: str
    start: int
    end: int
    a: tuple[Span, ...]
    b: tuple[Span, ...]

    def spans(self, choice: Choice) -> list[Span]:
        if choice == "both":
            both = sorted(set(self.a) | set(self.b))
            for x, y in zip(both, both[1:]):
                if y.start < x.end:
                    raise SpanError(f"A's {x.label} and B's {y.label} overlap here; both cannot be kept: pick one, or edit by hand")
            return both
        return list({"a": self.a, "b": self.b, "neither": ()}[choice])

    def settled_as(self, current: list[Span]) -> str | None:
        """Which choice the adjudicated spans in this range match ("a", "b", "both", "neither"), else None."""
        inside = sorted(s for s in current if s.start < self.end and self.start < s.end)
        if not inside:
            return "neither"
        for choice in ("a", "b", "both"):
            try:
                if inside == sorted(self.spans(choice)):  # type: ignore[arg-type]
                    return choice
            except SpanError:
                continue
        return None


def disagreements(a: Version, b: Version) -> list[Disagreement]:
    """The clusters of overlapping spans not shared by both versions, per layer, in text order."""
    out: list[Disagreement] = []
    for layer in LAYERS:
        sa, sb = set(a.spans[layer]), set(b.spans[layer])
        differing = sorted([(s, "a") for s in sa - sb] + [(s, "b") for s in sb - sa])
        cluster: list[tuple[Span, str]] = []
        end = -1
        for s, side in differing + [(Span(1 << 62, 1 << 62, ""), "")]:
            if cluster and s.start >= end:
                out.append(Disagreement(layer, cluster[0][0].start, end, tuple(x for x, w in cluster if w == "a"),
                                        tuple(x for x, w in cluster if w == "b")))
                cluster = []
            cluster.append((s, side))
            end = max(end, s.end) if len(cluster) > 1 else s.end
    return sorted(out, key=lambda d: (d.start, d.layer))


def _delete(s: StoredSpan, layer: str) -> Op:
    return {"op": "delete", "span": span_row(s.id, layer, s.start, s.end, s.label, s.origin)}


def _insert(s: Span, layer: str) -> Op:
    return {"op": "insert", "span": span_row(None, layer, s.start, s.end, s.label, Origin.IMPORTED)}


@dataclass
class StartAdjudication(Command):
    """Make the article's current annotations its adjudicated layer: the spans A and B share."""

    article_id: str
    a: Version
    b: Version

    def plan(self, ctx: EditContext) -> list[Op]:
        if is_adjudicated(ctx.project.conn, ctx.project.seq(self.article_id)):
            return []
        ops: list[Op] = [_delete(s, layer) for layer in LAYERS for s in ctx.spans(layer)]
        ops += [_insert(s, layer) for layer in LAYERS for s in sorted(set(self.a.spans[layer]) & set(self.b.spans[layer]))]
        return ops + [{"op": "adjudicated", "before": False, "after": True}]

    def describe(self) -> str:
        return f"Adjudicate {self.a.annotator} and {self.b.annotator}"


@dataclass
class Pick(Command):
    """Settle one disagreement: the adjudicated spans in its range become A's, B's, both or none."""

    article_id: str
    disagreement: Disagreement
    choice: Choice

    def plan(self, ctx: EditContext) -> list[Op]:
        d = self.disagreement
        chosen = d.spans(self.choice)
        current = [s for s in ctx.spans(d.layer) if s.start < d.end and d.start < s.end]
        if sorted(s.span for s in current) == sorted(chosen):
            return []
        return [_delete(s, d.layer) for s in current] + [_insert(s, d.layer) for s in chosen]

    def describe(self) -> str:
        return {"a": "Pick A", "b": "Pick B", "both": "Keep both", "neither": "Keep neither"}[self.choice]
