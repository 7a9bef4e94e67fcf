"""Token boundaries of a text and snapping of character ranges onto them."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal, Sequence

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

Mode = Literal["contract", "expand"]


@dataclass(frozen=True, slots=True)
class TokenBounds:
    """Start and end offsets of every token of one text, in order."""

    starts: Sequence[int]
    ends: Sequence[int]

    @classmethod
    def from_doc(cls, doc: Doc) -> TokenBounds:
        if not len(doc):
            return cls([], [])
        starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        return cls(starts, [s + n for s, n in zip(starts, lengths)])

    def __len__(self) -> int:
        return len(self.starts)

    def is_aligned(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` begins at a token start and ends at a token end."""
        i = bisect_left(self.starts, start)
        j = bisect_left(self.ends, end)
        return i < len(self.starts) and self.starts[i] == start and j < len(self.ends) and self.ends[j] == end and i <= j

    def snap(self, start: int, end: int, mode: Mode = "contract") -> tuple[int, int] | None:
        """The token-aligned range for ``[start, end)``, or None when no token fits.

        ``contract`` keeps the tokens wholly inside the range; ``expand`` takes every token the
        range touches. A range inside one token contracts to nothing, so callers that want the
        annotator's intent fall back to ``expand``.
        """
        if start >= end:
            return None
        if mode == "contract":
            i = bisect_left(self.starts, start)
            j = bisect_right(self.ends, end) - 1
        else:
            i = bisect_right(self.ends, start)  # first token ending after start
            j = bisect_left(self.starts, end) - 1  # last token starting before end
        if i > j or i >= len(self.starts) or j < 0:
            return None
        return self.starts[i], self.ends[j]

    def snap_intent(self, start: int, end: int) -> tuple[int, int] | None:
        """Contract, or expand when the range lies inside a single token (a partial word)."""
        return self.snap(start, end, "contract") or self.snap(start, end, "expand")

    def token_index(self, offset: int) -> int:
        """Index of the token containing ``offset``, or of the next token after it."""
        return bisect_right(self.ends, offset)


def snap_all(bounds: TokenBounds, spans: list[tuple[int, int, str]], entities: bool) -> list[tuple[int, int, str]]:
    """``spans`` snapped as drawing snaps them (entities contract or expand, sections expand);
    spans that snap to nothing, or onto a range already taken, are dropped."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans):
        snapped = bounds.snap_intent(start, end) if entities else bounds.snap(start, end, "expand")
        if snapped is not None and (not out or snapped[0] >= out[-1][1]):
            out.append((snapped[0], snapped[1], label))
    return out
