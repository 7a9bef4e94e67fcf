"""Agreement between two annotators' spans of one text: counts for span F1 and token tags.

Pairwise span F1 is symmetric, so no annotator plays the gold: exact F1 is ``2 * matches /
(|A| + |B|)`` (same start, end and label); overlap F1 counts each span of either side that
overlaps a span of the other side with the same label, over ``|A| + |B|``. Token tags give
each token the label of the span covering its first character, or ``O``.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.model import Span

OUTSIDE = "O"


@dataclass
class SpanCounts:
    """Per label: spans on each side, exact matches, and spans overlapping a same-label span."""

    a: Counter[str] = field(default_factory=Counter)
    b: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    overlap: Counter[str] = field(default_factory=Counter)  # of A's and B's spans together

    def add(self, other: SpanCounts) -> None:
        for mine, theirs in ((self.a, other.a), (self.b, other.b), (self.exact, other.exact), (self.overlap, other.overlap)):
            mine.update(theirs)

    def labels(self) -> list[str]:
        return sorted(set(self.a) | set(self.b))

    def f1(self, label: str | None = None, overlap: bool = False) -> float | None:
        """Micro F1 over all labels (or one); None when neither side has a span."""
        pick = (lambda c: c[label]) if label is not None else (lambda c: sum(c.values()))
        total = pick(self.a) + pick(self.b)
        if total == 0:
            return None
        return pick(self.overlap) / total if overlap else 2 * pick(self.exact) / total


def compare(a: Sequence[Span], b: Sequence[Span]) -> SpanCounts:
    """The counts of one pair of annotators on one text."""
    c = SpanCounts(Counter(s.label for s in a), Counter(s.label for s in b))
    c.exact.update(s.label for s in set(a) & set(b))
    c.overlap.update(s.label for s in a if _overlaps_same_label(s, b))
    c.overlap.update(s.label for s in b if _overlaps_same_label(s, a))
    return c


def _overlaps_same_label(s: Span, others: Sequence[Span]) -> bool:
    return any(o.label == s.label and o.start < s.end and s.start < o.end for o in others)


def token_tags(spans: Sequence[Span], token_starts: Sequence[int]) -> list[str]:
    """The label of the span covering each token's first character, or ``O``."""
    ordered = sorted(spans)
    starts = [s.start for s in ordered]
    tags = []
    for t in token_starts:
        i = bisect_right(starts, t) - 1
        tags.append(ordered[i].label if i >= 0 and ordered[i].end > t else OUTSIDE)
    return tags
