"""Spans of one article indexed by Qt position, to find the few that touch the visible range."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterator, NamedTuple, Sequence

from annotator.model import Origin
from annotator.store.project import StoredSpan
from ui.app.view.offsets import OffsetMap


class ViewSpan(NamedTuple):
    """A stored span as the view paints it: Qt positions plus what it needs to draw."""

    start: int  # Qt position
    end: int  # Qt position, excluded
    label: str
    span_id: int
    suggested: bool  # the model's suggestion, not yet touched by the annotator


class SpanIndex:
    """Spans sorted by start, with a running maximum of ends for overlap queries.

    Made from the project's rows, which come in order, the view's tuple of a span is only made
    when asked for: a paint needs the few dozen on screen, not the thousands of the article.
    """

    def __init__(self, spans: Sequence[ViewSpan] = ()) -> None:
        views = sorted(spans)  # by start, then end
        self._fill([s.start for s in views], [s.end for s in views], views, ())

    def _fill(self, starts: list[int], ends: list[int], views: Sequence[ViewSpan | None], rows: Sequence[StoredSpan]) -> None:
        self._starts = starts
        self._ends = ends
        self._max_end = _running_max(ends)
        self._views: list[ViewSpan | None] = list(views)  # None where not made yet from ``rows``
        self._rows = rows
        self._ids: dict[int, int] | None = None  # span id -> position, made on the first look-up

    @classmethod
    def from_stored(cls, spans: Sequence[StoredSpan], offsets: OffsetMap) -> SpanIndex:
        if offsets.trivial:
            starts, ends = [s.start for s in spans], [s.end for s in spans]
        else:
            qt = offsets.to_qt
            starts, ends = [qt(s.start) for s in spans], [qt(s.end) for s in spans]
        if not _strictly_rising(starts):  # ties or disorder: sort the full tuples
            suggested = Origin.SUGGESTED
            return cls([ViewSpan(a, b, s.label, s.id, s.origin is suggested) for s, a, b in zip(spans, starts, ends)])
        index = cls()
        index._fill(starts, ends, [None] * len(spans), spans)
        return index

    def _view(self, i: int) -> ViewSpan:
        view = self._views[i]
        if view is None:
            row = self._rows[i]
            view = self._views[i] = ViewSpan(self._starts[i], self._ends[i], row.label, row.id, row.origin is Origin.SUGGESTED)
        return view

    @property
    def spans(self) -> list[ViewSpan]:
        """All spans, in order."""
        return [self._view(i) for i in range(len(self._starts))]

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[ViewSpan]:
        return iter(self.spans)

    def get(self, span_id: int | None) -> ViewSpan | None:
        if span_id is None:
            return None
        if self._ids is None:
            ids = [s.id for s in self._rows] if self._rows else [s.span_id for s in self.spans]
            self._ids = {span_id: i for i, span_id in enumerate(ids)}
        i = self._ids.get(span_id)
        return self._view(i) if i is not None else None

    def overlapping(self, start: int, end: int) -> list[ViewSpan]:
        """Spans with any part in ``[start, end)``, in order."""
        first = bisect_right(self._max_end, start)  # earlier spans all end at or before start
        last = bisect_left(self._starts, end)
        ends = self._ends
        return [self._view(i) for i in range(first, last) if ends[i] > start]

    def at(self, pos: int) -> ViewSpan | None:
        """The span covering Qt position ``pos`` (the innermost when several do)."""
        hits = self.overlapping(pos, pos + 1)
        return min(hits, key=lambda s: s.end - s.start) if hits else None


def _strictly_rising(values: list[int]) -> bool:
    return values == sorted(values) and len(set(values)) == len(values)


def _running_max(values: list[int]) -> list[int]:
    """The running maximum; spans rarely nest, so their ends often rise already."""
    if values == sorted(values):
        return values
    return list(accumulate(values, max))
