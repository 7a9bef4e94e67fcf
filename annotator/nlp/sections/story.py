"""Where the story of a scraped page is: main-content hints, the densest prose run, the headline.

Hand-written: these are layout heuristics over the lines of a page; the main-content hint itself
comes from trafilatura (see :mod:`annotator.io.readers.html`).
"""
from __future__ import annotations

from typing import Sequence

from annotator.nlp.sections.lines import Line, headline_like, link_list_heading, normalized

HEADLINE_WINDOW = 15  # lines before the lede where a headline may stand


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


def prose_cluster(lines: list[Line], furniture: list[bool], max_gap: int = 5, start: int = 0) -> tuple[int, int]:
    """First and last line of the run of prose lines (gaps of up to ``max_gap`` other lines) with
    the most words, from line ``start`` on: the story, when the page gives no hint."""
    best = (start, len(lines) - 1, -1)
    first = end = None
    words = gap = 0
    for i in range(start, len(lines) + 1):
        if i < len(lines) and lines[i].prose and not furniture[i]:
            if first is None:
                first, words = i, 0
            end, gap = i, 0
            words += lines[i].words
            continue
        gap += 1
        if first is not None and (gap > max_gap or i == len(lines)):
            if words > best[2]:
                best = (first, end, words)
            first = None
    return best[0], best[1]


def extend_story(lines: list[Line], furniture: list[bool], last: int, max_gap: int = 2) -> int:
    """Extend the story over paragraphs right after the main-content hint, which often stops at
    an ad or a subscribe box: runs of 2+ prose lines, separated only by furniture lines."""
    i, gap = last + 1, 0
    while i < len(lines):
        if link_list_heading(lines[i]):
            break  # "Related coverage": what follows are teasers of other stories
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


def find_headline(lines: list[Line], furniture: list[bool], lede: int | None, title: str | None) -> int | None:
    """The headline line: the first line like the page title, or the most headline-like line
    shortly before the lede (long enough, repeated by the template, close to the lede)."""
    end = lede if lede is not None else len(lines)
    if title and normalized(title):
        want = normalized(title)
        matches = [i for i in range(min(end + 1, len(lines))) if _like_title(normalized(lines[i].text), want)]
        if matches:
            return matches[0]
    window = range(max(0, end - HEADLINE_WINDOW), end)
    candidates = [i for i in window if not furniture[i] and headline_like(lines[i])]
    if not candidates:
        return None
    norms = {i: normalized(lines[i].text) for i in candidates}
    counts: dict[str, int] = {}
    for v in norms.values():
        counts[v] = counts.get(v, 0) + 1

    def score(i: int) -> float:
        return min(lines[i].words, 12) + (6 if counts[norms[i]] > 1 else 0) - 0.5 * (end - i)

    chosen = max(reversed(candidates), key=score)
    return next(i for i in candidates if norms[i] == norms[chosen])


def _like_title(line: str, title: str) -> bool:
    if not line or len(line.split()) < 2:
        return line == title and bool(line)
    if line == title:
        return True
    # Page titles add the site name ("Headline - Site"); headlines on the page add a kicker.
    return (title.startswith(line) or line in title or title in line) and 2 * len(line) >= len(title) and len(line) <= 2 * len(title) + 20
