"""Spans of one article indexed by Qt position, to find the few that touch the visible range."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterator, NamedTuple, Sequence

from annotator.model import Origin
from annotator.project import StoredSpan

from .offsets import OffsetMap


class ViewSpan(NamedTuple):
    """A stored span as the view paints it: Qt positions plus what it needs to draw."""

    start: int  # Qt position
    end: int  # Qt position, excluded
    label: str
    span_id: int
    suggested: bool  # the model's suggestion, not yet touched by the annotator


class SpanIndex:
    """Spans sorted by start, with a running maximum of ends for overlap queries."""

    def __init__(self, spans: Sequence[ViewSpan] = ()) -> None:
        self.spans = sorted(spans)  # by start, then end
        self._starts = [s.start for s in self.spans]
        self._max_end = list(accumulate((s.end for s in self.spans), max))
        self._by_id = {s.span_id: s for s in self.spans}

    @classmethod
    def from_stored(cls, spans: Sequence[StoredSpan], offsets: OffsetMap) -> SpanIndex:
        suggested = Origin.SUGGESTED
        if offsets.trivial:
            return cls([ViewSpan(s.start, s.end, s.label, s.id, s.origin is suggested) for s in spans])
        qt = offsets.to_qt
        return cls([ViewSpan(qt(s.start), qt(s.end), s.label, s.id, s.origin is suggested) for s in spans])

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self) -> Iterator[ViewSpan]:
        return iter(self.spans)

    def get(self, span_id: int | None) -> ViewSpan | None:
        return self._by_id.get(span_id) if span_id is not None else None

    def overlapping(self, start: int, end: int) -> list[ViewSpan]:
        """Spans with any part in ``[start, end)``, in order."""
        first = bisect_right(self._max_end, start)  # earlier spans all end at or before start
        last = bisect_left(self._starts, end)
        return [s for s in self.spans[first:last] if s.end > start]

    def at(self, pos: int) -> ViewSpan | None:
        """The span covering Qt position ``pos`` (the innermost when several do)."""
        hits = self.overlapping(pos, pos + 1)
        return min(hits, key=lambda s: s.end - s.start) if hits else None
