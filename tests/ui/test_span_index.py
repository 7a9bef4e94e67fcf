"""Finding the spans that touch a range of positions."""
from __future__ import annotations

from ui.app.span_index import SpanIndex, ViewSpan


def spans(*ranges: tuple[int, int]) -> SpanIndex:
    return SpanIndex([ViewSpan(s, e, "X", i, False) for i, (s, e) in enumerate(ranges)])


def test_span_index_overlapping_finds_only_touching_spans():
    index = spans((0, 100), (10, 12), (20, 25), (30, 40), (200, 210))
    assert [s.span_id for s in index.overlapping(21, 31)] == [0, 2, 3]
    assert [s.span_id for s in index.overlapping(100, 200)] == []
    assert [s.span_id for s in index.overlapping(205, 206)] == [4]


def test_span_index_at_prefers_innermost_span():
    index = spans((0, 100), (10, 12))
    assert index.at(11).span_id == 1
    assert index.at(50).span_id == 0
    assert index.at(100) is None
