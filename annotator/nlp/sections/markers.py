"""Marker phrases that open a marked section ("Why it matters:"), found in running text.

A marker counts at the start of a line or right after a sentence end (with or without a space:
``tell Axios.Why it matters:``), in any case, with straight or curly apostrophes, followed by a
colon, a dash or the end of the line. The same words inside a sentence ("why it matters to him")
do not count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

_APOSTROPHE = "['’‘`´]"
# Where a marker may start: the start of a line, or after a sentence end (space optional).
_MARKER_LEAD = r"(?:^[\s\-–—•*>]*|(?<=[.!?…\"”’)])[ \t]*)"
_MARKER_TAIL = r"(?:[ \t]*[:—–]|[ \t]*-[ \t]|[ \t]*$)"


@dataclass(frozen=True)
class Markers:
    """A compiled alternation of marker phrases; group ``m<i>`` opens a section of ``kinds[i]``."""

    regex: re.Pattern[str]
    kinds: tuple[str, ...]


def marker_pattern(markers: Iterable[tuple[str, str]]) -> Markers | None:
    """One regex over every ``(phrase, kind)``; the matching group's name tells the kind."""
    groups: list[str] = []
    names: list[str] = []
    for phrase, kind in sorted(markers, key=lambda m: -len(m[0])):
        words = [w for w in re.split(r"\s+", phrase.strip().rstrip(":").strip()) if w]
        if not words:
            continue
        body = r"[ \t]+".join(re.escape(w) for w in words)
        body = re.sub(r"\\?['’‘`´]", _APOSTROPHE, body)
        names.append(kind)
        groups.append(f"(?P<m{len(names) - 1}>{body})")
    if not groups:
        return None
    return Markers(re.compile(f"{_MARKER_LEAD}(?:{'|'.join(groups)}){_MARKER_TAIL}", re.I | re.M), tuple(names))


def find_markers(text: str, pattern: Markers | None, start: int, end: int) -> list[tuple[int, str]]:
    """``(offset, kind)`` of each marker opening a section inside ``text[start:end]``."""
    if pattern is None:
        return []
    out: list[tuple[int, str]] = []
    for m in pattern.regex.finditer(text, start, end):
        group = m.lastgroup
        if group is None:
            continue
        out.append((m.start(group), pattern.kinds[int(group[1:])]))
    return out
