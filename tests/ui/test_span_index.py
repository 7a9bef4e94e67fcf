"""Finding the spans that touch a range of positions."""
from __future__ import annotations

from annotator.model import Origin
from annotator.store.project import StoredSpan
from ui.app.view.offsets import OffsetMap
from ui.app.view.span_index import SpanIndex, ViewSpan


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


def stored(*rows: tuple[int, int, str]) -> list[StoredSpan]:
    origins = [Origin.SUGGESTED, Origin.ADDED]
    return [StoredSpan(i + 1, s, e, label, origins[i % 2]) for i, (s, e, label) in enumerate(rows)]


def test_span_index_from_project_rows_matches_the_view_tuples():
    rows = stored((0, 4, "ORG"), (6, 9, "GPE"), (12, 20, "PERSON"))
    index = SpanIndex.from_stored(rows, OffsetMap("x" * 30))
    expected = [ViewSpan(s.start, s.end, s.label, s.id, s.origin is Origin.SUGGESTED) for s in rows]
    assert index.spans == expected and list(index) == expected and len(index) == 3
    assert index.overlapping(5, 13) == expected[1:]
    assert index.get(2) == expected[1] and index.get(99) is None and index.get(None) is None


def test_span_index_from_rows_with_ties_or_disorder_sorts_them():
    rows = stored((6, 9, "GPE"), (0, 4, "ORG"), (0, 4, "GPE"))
    index = SpanIndex.from_stored(rows, OffsetMap("x" * 30))
    assert [(s.start, s.label) for s in index] == [(0, "GPE"), (0, "ORG"), (6, "GPE")]
    assert index.get(1).label == "GPE" and index.get(1).start == 6


def test_span_index_from_rows_counts_utf16_positions():
    text = "😀 Trump and 😀 Israel"
    rows = stored((text.index("Trump"), text.index("Trump") + 5, "PERSON"), (text.index("Israel"), len(text), "GPE"))
    index = SpanIndex.from_stored(rows, OffsetMap(text))
    assert [(s.start, s.end) for s in index] == [(3, 8), (16, 22)]
    assert index.at(17).label == "GPE"
