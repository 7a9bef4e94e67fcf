"""Converting between the core's code-point offsets and Qt's UTF-16 text positions.

The core counts Python code points; a QPlainTextEdit counts UTF-16 units (a character outside
the Basic Multilingual Plane, such as an emoji, takes two) and folds ``\\r\\n`` into one block
break. The core never stores ``\\r`` (it is folded at import), but the map handles it anyway.
Pure Python, no Qt: built once per article, each lookup is a binary search.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# Characters that take two UTF-16 units, and CRLF pairs that Qt folds into one position.
_SHIFTS = re.compile("[\U00010000-\U0010ffff]|\r\n")


class OffsetMap:
    """Both directions of the code point <-> UTF-16 mapping of one text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        cps: list[int] = []  # code-point offsets of the shifting characters
        deltas: list[int] = []  # cumulative shift (qt - cp) for offsets past cps[k]
        qts: list[int] = []  # Qt position right after each shifting character
        total = 0
        # Most texts have no astral character and no CRLF: a C-speed check skips the scan.
        shifts = "\r\n" in text or len(text.encode("utf-16-le")) != 2 * len(text)
        for m in _SHIFTS.finditer(text) if shifts else ():
            width = 1 if m.group() == "\r\n" else 2  # Qt units the match occupies
            qts.append(m.start() + total + width)
            total += width - len(m.group())
            cps.append(m.start())
            deltas.append(total)
        self._cps = cps
        self._deltas = deltas
        self._qts = qts
        self.qt_length = self.to_qt(self.length)

    @property
    def trivial(self) -> bool:
        """True when both counts agree everywhere (plain BMP text without CRLF)."""
        return not self._cps

    def to_qt(self, cp: int) -> int:
        """The Qt position of code-point offset ``cp``."""
        if not self._cps:
            return cp
        k = bisect_left(self._cps, cp)  # shifting characters strictly before cp
        if k == 0:
            return cp
        return cp + self._deltas[k - 1]

    def to_cp(self, qt: int, round_up: bool = False) -> int:
        """The code-point offset of Qt position ``qt``.

        A position inside a surrogate pair is rounded down (or up with ``round_up``), so a
        selection never splits a character.
        """
        if not self._cps:
            return qt
        k = bisect_right(self._qts, qt)  # shifting characters wholly before qt
        base = self._deltas[k - 1] if k else 0
        cp = qt - base
        if k < len(self._cps) and cp > self._cps[k]:
            # qt falls inside the next shifting character (between its two UTF-16 units).
            return self._cps[k] + (1 if round_up else 0)
        return cp

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_to_cp(self, start: int, end: int) -> tuple[int, int]:
        """A Qt range in code points, widened to whole characters."""
        lo, hi = min(start, end), max(start, end)
        return self.to_cp(lo), self.to_cp(hi, round_up=True)
