"""News wire shape: a title line, an optional byline, a dateline, then the story (Reuters, AP,
the CoNLL-2003 documents).

Hand-written: datelines and bylines are layout conventions of wire copy (``LONDON 1996-12-06``,
``WASHINGTON (Reuters) -``); no library recognises them as such.
"""
from __future__ import annotations

import re

from annotator.nlp.sections.lines import BYLINE, Line, is_furniture

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH} \d{{1,2}}(?:,? \d{{4}})?|\d{{1,2}} {_MONTH}(?: \d{{4}})?)"
_AGENCY = r"\((?:Reuters|AP|AFP|UPI|dpa|DPA|Bloomberg|CNN|IANS|PTI|ANSA|Xinhua|EFE|Kyodo|Yonhap|RIA|TASS|[A-Z]{2,6})\)"
# A place: capitalised words, commas between ("MILWAUKEE , Wisconsin", "ST. LOUIS", "ROCHESTER , N.H.").
_PLACE = r"[A-Z][\w.'’-]*(?:[ \t]*,?[ \t]+[A-Z][\w.'’-]*){0,5}"
# A place in capitals, its region after a comma: "LONDON", "THE HAGUE", "MILWAUKEE , Wisconsin".
# (Capitals keep "Published March 3, 2026" from passing for a dateline.)
_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}(?:[ \t]*,[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})?"
# A whole dateline line: place and date, optionally the agency.
DATELINE_LINE = re.compile(rf"{_CAPS_PLACE}[ \t]*,?[ \t]+{_DATE}(?:[ \t]+{_AGENCY})?[ \t]*[-–—]*")
# A dateline opening the first paragraph: "LONDON, Dec 6 (Reuters) - ", "WASHINGTON — ", "Paris (AFP) -".
DATELINE_PREFIX = re.compile(
    rf"(?:(?=[A-Z][A-Z.'’-]{{2}}){_CAPS_PLACE}(?:[ \t]*,?[ \t]+{_DATE})?(?:[ \t]+{_AGENCY})?|{_PLACE}(?:[ \t]*,?[ \t]+{_DATE})?[ \t]+{_AGENCY})"
    rf"[ \t]*[-–—]+(?=[ \t]+\S)"
)
_PLACE_LINE = re.compile(rf"{_CAPS_PLACE}[ \t]*[.,]?")
_DATE_LINE = re.compile(rf"{_DATE}(?:[ \t]+{_AGENCY})?[ \t]*[-–—]*")
# A byline alone on its line: "By Jane Doe", or two to four capitalised names ("Nadim Ladki").
_NAME_LINE = re.compile(r"[A-Z][\w'’-]+(?:[ \t]+(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|di|del|la|le)){1,3}")


def dateline_line(line: Line) -> bool:
    return line.words <= 12 and bool(DATELINE_LINE.fullmatch(line.text))


def dateline_prefix(text: str) -> int:
    """Length of the dateline that opens ``text`` (through its dash), 0 when none does."""
    m = DATELINE_PREFIX.match(text[:200])
    return m.end() if m else 0


def byline_line(line: Line) -> bool:
    """A byline on its own line (``By Jane Doe``, ``Reporting by ...``, or a bare name)."""
    if BYLINE.match(line.text):
        return line.words <= 12
    return line.words <= 4 and bool(_NAME_LINE.fullmatch(line.text))


def wire_top(lines: list[Line]) -> tuple[int, int | None, list[int], int] | None:
    """``(title, byline, dateline lines, lede)`` line indices when the article opens like wire
    copy: a title line, an optional byline, then a dateline (one line, or the place and the date
    on two) or a first paragraph that opens with one (then no dateline lines: it is in the lede)."""
    if len(lines) < 2 or not 1 <= lines[0].words <= 30 or is_furniture(lines[0]) or lines[0].words >= 25:
        return None
    at = 1
    byline = None
    if byline_line(lines[1]) and len(lines) > 2:
        byline, at = 1, 2
    if dateline_line(lines[at]):
        return (0, byline, [at], at + 1) if at + 1 < len(lines) else None
    if at + 2 < len(lines) and _PLACE_LINE.fullmatch(lines[at].text) and _DATE_LINE.fullmatch(lines[at + 1].text):
        return 0, byline, [at, at + 1], at + 2
    if dateline_prefix(lines[at].text):
        return 0, byline, [], at
    return None
