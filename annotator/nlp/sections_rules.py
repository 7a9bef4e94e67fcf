"""Rules that cut a scraped article into sections: pure functions over text, no spaCy.

:func:`find_sections` returns ``(start, end, kind)`` character spans that do not overlap and cover
every non-whitespace character. ``kind`` is ``headline``, ``lede``, ``body``, ``boilerplate`` or
the name of a marked section type (the label whose marker phrase opens it). How kinds become the
project's labels is :mod:`annotator.nlp.sections`' business.

The text is read as lines (a scraped page has one block per line). The story is the page's
main-content hint (extended over paragraphs the hint cut off at an ad) or, without a hint, the
run of prose lines with the most words. The lede is its first prose line; the headline is the line
matching the page title, or the most headline-like line shortly before the lede, at its first
occurrence. Lines before the headline or after the story, chrome (logos, tag clouds, share and
comment prompts, link lists, bylines) and repeats of the headline are boilerplate. Inside the
story, a marker phrase ("Why it matters:") opens a marked section that runs until the next marker
or the next boilerplate line, even mid-line (``tell Axios.Why it matters:``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from annotator.nlp.sections_markers import Markers, find_markers

HEADLINE, LEDE, BODY, BOILERPLATE = "headline", "lede", "body", "boilerplate"

_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]+")
# A run of letters with no space long enough to be several words glued: a tag cloud.
_RUN_TOGETHER = re.compile(r"[^\W\d_]{20,}")
# Whole lines that are page furniture wherever they stand.
_FURNITURE = re.compile(
    r"(?:comments?|\d+ comments?|leave a (?:comment|reply)|share(?: this)?(?: article| story| on \w+)?|"
    r"similar news|related(?: news| articles?| stories| posts?| content| coverage)?|"
    r"more (?:news|stories|from \w+)|advertisement|sponsored(?: content)?|subscribe(?: now)?|"
    r"sign (?:up|in)|log ?in|newsletter|menu|search|trending(?: now)?|read more|most (?:read|popular)|"
    r"recommended(?: for you)?|follow us|tweet|email|print|skip to (?:main )?content|back to top|"
    r"(?:\w+ )?logo|you may also like|top stories|latest news|cookie settings|accept cookies)",
    re.I,
)
# Headings of link lists: the short lines under them are links to other stories.
_LINK_LIST = re.compile(
    r"(?:related(?: \w+)?|read (?:more|also|next)|see also|more (?:on|about|from|stories|news)(?: \w+)?|"
    r"you (?:may|might) also like|similar news|recommended(?: for you)?|most (?:read|popular)|trending(?: now)?)",
    re.I,
)
# Words that give a short line away as chrome even with more text around them.
_CHROME_WORDS = re.compile(
    r"\b(?:logo|subscribe|newsletter|sign up|sign in|log in|cookies?|advertisement|all rights reserved|copyright|"
    r"privacy policy|terms of (?:use|service)|follow us|share (?:this|on)|read more|related)\b|©|\(c\) \d{4}",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|von|posted by|written by|photo:|image:|credit:)\s", re.I)
_DATELINE = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b|\b(?:updated|published|posted)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? \d{4}\b",
    re.I,
)
_CONTACT = re.compile(r"@|https?:|www\.", re.I)
HEADLINE_WINDOW = 15  # lines before the lede where a headline may stand
_SENTENCE_STOP = re.compile(r"[.!?…](?=[\"”’')]*(?:\s|$))")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    words: int

    @property
    def prose(self) -> bool:
        """Reads as running text: long enough and punctuated like sentences."""
        if self.words >= 25:
            return True
        if self.words < 8:
            return False
        # A sentence end: after a lowercase letter, digit or closing quote ("L.A. Auto" is not one).
        return any(
            m.start() and (self.text[m.start() - 1].islower() or self.text[m.start() - 1] in "0123456789)\"”’'")
            for m in _SENTENCE_STOP.finditer(self.text)
        )


def lines_of(text: str) -> list[Line]:
    out = []
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        s = m.start() + (len(raw) - len(raw.lstrip()))
        out.append(Line(s, s + len(stripped), stripped, len(_WORD.findall(stripped))))
    return out


def normalized(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def is_furniture(line: Line) -> bool:
    """Page chrome recognisable from the line alone."""
    text = line.text.strip(" \t|•·-–—:»«>")
    if _FURNITURE.fullmatch(text):
        return True
    if line.words == 1 and _RUN_TOGETHER.fullmatch(text) and text.islower():
        return True
    if line.words <= 12 and _CHROME_WORDS.search(text) and not line.prose:
        return True
    if line.text.count(" | ") >= 2 or line.text.count(" · ") >= 2:
        return True
    return False


def main_flags(lines: list[Line], ranges: Sequence[Sequence[int]] | None) -> list[bool]:
    """Whether at least half of each line lies inside the main-content ranges (malformed ranges
    are ignored)."""
    spans = sorted(
        (int(r[0]), int(r[1])) for r in ranges or ()
        if isinstance(r, (list, tuple)) and len(r) == 2 and all(isinstance(x, int) for x in r) and r[0] < r[1]
    )
    flags: list[bool] = []
    k = 0
    for line in lines:
        while k < len(spans) and spans[k][1] <= line.start:
            k += 1
        inside, j = 0, k
        while j < len(spans) and spans[j][0] < line.end:
            inside += min(line.end, spans[j][1]) - max(line.start, spans[j][0])
            j += 1
        flags.append(2 * inside >= line.end - line.start)
    return flags


def find_sections(
    text: str,
    pattern: Markers | None = None,
    main_content: Sequence[Sequence[int]] | None = None,
    title: str | None = None,
) -> list[tuple[int, int, str]]:
    """Sections of ``text`` as ``(start, end, kind)``, in order."""
    lines = lines_of(text)
    if not lines:
        return []
    n = len(lines)
    furniture = [is_furniture(l) for l in lines]
    main = main_flags(lines, main_content)
    hinted = any(main)

    # The story: the main-content hint, or else the densest run of prose lines.
    if hinted:
        story = [i for i in range(n) if main[i] and not furniture[i]]
        lo, hi = (story[0], _extend_story(lines, furniture, story[-1])) if story else (0, n - 1)
    else:
        lo, hi = _prose_cluster(lines, furniture)
    def first_prose(start: int) -> int | None:
        candidates = [i for i in range(start, hi + 1) if lines[i].prose and not furniture[i]]
        return next((i for i in candidates if main[i] or not hinted), candidates[0] if candidates else None)

    lede = first_prose(lo)
    headline = _find_headline(lines, furniture, lede, title)
    if headline is not None and headline == lede:  # a punctuated headline at the top of the story
        lede = first_prose(lede + 1)
    if lede is None:  # no running text at all: keep every line that is not chrome
        return _assemble(text, lines, [BOILERPLATE if f else BODY for f in furniture], pattern)
    head_norm = normalized(lines[headline].text) if headline is not None else None
    first, last = min(lede, headline if headline is not None else lede), hi

    kinds: list[str] = []
    in_links = False  # inside a "Related" / "Read more" list: its short lines are links
    for i, line in enumerate(lines):
        in_links = bool(_LINK_LIST.fullmatch(line.text.strip(" :»>"))) or (in_links and not line.prose)
        if i == headline:
            kinds.append(HEADLINE)
        elif furniture[i] or i < first or i > last or in_links:
            kinds.append(BOILERPLATE)
        elif head_norm and normalized(line.text) == head_norm:
            kinds.append(BOILERPLATE)  # the template repeats the headline
        elif i < lede:
            kinds.append(BOILERPLATE)  # bylines, dates, share bars between headline and lede
        elif hinted and not main[i] and not line.prose:
            kinds.append(BOILERPLATE)
        elif _BYLINE.match(line.text) and line.words <= 12:
            kinds.append(BOILERPLATE)
        else:
            kinds.append(LEDE if i == lede else BODY)
    return _assemble(text, lines, kinds, pattern)


def _prose_cluster(lines: list[Line], furniture: list[bool], max_gap: int = 5) -> tuple[int, int]:
    """First and last line of the run of prose lines (gaps of up to ``max_gap`` other lines) with
    the most words: the story, when the page gives no hint."""
    best = (0, len(lines) - 1, -1)
    start = end = None
    words = gap = 0
    for i, line in enumerate(lines + [Line(0, 0, "", 0)]):
        if i < len(lines) and line.prose and not furniture[i]:
            if start is None:
                start, words = i, 0
            end, gap = i, 0
            words += line.words
            continue
        gap += 1
        if start is not None and (gap > max_gap or i == len(lines)):
            if words > best[2]:
                best = (start, end, words)
            start = None
    return best[0], best[1]


def _extend_story(lines: list[Line], furniture: list[bool], last: int, max_gap: int = 2) -> int:
    """Extend the story over paragraphs right after the main-content hint, which often stops at
    an ad or a subscribe box: runs of 2+ prose lines, separated only by furniture lines."""
    i, gap = last + 1, 0
    while i < len(lines):
        if furniture[i]:
            gap += 1
            if gap > max_gap:
                break
            i += 1
            continue
        run = i
        while run < len(lines) and lines[run].prose and not furniture[run]:
            run += 1
        if run - i < 2:
            break
        last, i, gap = run - 1, run, 0
    return last


def _find_headline(lines: list[Line], furniture: list[bool], lede: int | None, title: str | None) -> int | None:
    end = lede if lede is not None else len(lines)
    if title and normalized(title):
        want = normalized(title)
        matches = [i for i in range(min(end + 1, len(lines))) if _like_title(normalized(lines[i].text), want)]
        if matches:
            return matches[0]
    window = range(max(0, end - HEADLINE_WINDOW), end)
    candidates = [i for i in window if not furniture[i] and _headline_like(lines[i])]
    if not candidates:
        return None
    norms = {i: normalized(lines[i].text) for i in candidates}
    repeated = {v for v in norms.values() if list(norms.values()).count(v) > 1}

    def score(i: int) -> float:
        # Long enough to say something, repeated by the template, close to the lede.
        return min(lines[i].words, 12) + (6 if norms[i] in repeated else 0) - 0.5 * (end - i)

    chosen = max(reversed(candidates), key=score)
    return next(i for i in candidates if norms[i] == norms[chosen])


def _headline_like(line: Line) -> bool:
    """A line that could be a headline: a few words, not a sentence, byline or dateline."""
    if not 2 <= line.words <= 30 or _BYLINE.match(line.text) or _DATELINE.search(line.text) or _CONTACT.search(line.text):
        return False
    return not _SENTENCE_END.search(line.text) or line.text.endswith("?")


def _like_title(line: str, title: str) -> bool:
    if not line or len(line.split()) < 2:
        return line == title and bool(line)
    if line == title:
        return True
    # Page titles add the site name ("Headline - Site"); headlines on the page add a kicker.
    return (title.startswith(line) or line in title or title in line) and 2 * len(line) >= len(title) and len(line) <= 2 * len(title) + 20


def _assemble(text: str, lines: list[Line], kinds: list[str], pattern: Markers | None) -> list[tuple[int, int, str]]:
    """Turn per-line kinds into spans: cut content at markers, merge runs of body or boilerplate."""
    spans: list[list] = []  # [start, end, kind]
    marked = False  # the last span is a marked section that following content lines continue
    for line, kind in zip(lines, kinds):
        if kind not in (BODY, LEDE):
            marked = False
            _push(spans, line.start, line.end, kind, merge=kind == BOILERPLATE)
            continue
        markers = find_markers(text, pattern, line.start, line.end)
        cuts = [off for off, _ in markers] + [line.end]
        head_end = _rstrip(text, line.start, cuts[0])
        if head_end > line.start:
            if marked:
                spans[-1][1] = head_end
            else:
                _push(spans, line.start, head_end, kind, merge=kind == BODY)
        for (off, marker_kind), nxt in zip(markers, cuts[1:]):
            spans.append([off, _rstrip(text, off, nxt), marker_kind])
            marked = True
    return [(s, e, k) for s, e, k in spans if e > s]


def _push(spans: list[list], start: int, end: int, kind: str, merge: bool) -> None:
    if merge and spans and spans[-1][2] == kind:
        spans[-1][1] = end
    else:
        spans.append([start, end, kind])


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
