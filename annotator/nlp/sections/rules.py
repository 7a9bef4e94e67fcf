"""Rules that cut a scraped article into sections: pure functions over text, no spaCy.

:func:`find_sections` returns ``(start, end, kind)`` character spans that do not overlap and cover
every non-whitespace character. ``kind`` is ``headline``, ``byline``, ``dateline``, ``lede``,
``body``, ``caption`` (a picture's caption or credit line: not the story, not chrome),
``boilerplate``, :data:`UNSURE` (boilerplate the rules are not sure of: entities inside are kept)
or the name of a marked section type. How kinds become the project's labels is
:mod:`annotator.nlp.sections.tagger`' business.

The text is read as lines (a scraped page has one block per line; a very long line is cut at
sentence ends). Three shapes:

- **Wire copy** (no main-content hint; a title line, an optional byline, a dateline): title is the
  headline, the first paragraph the lede, everything else body (:mod:`.wire`).
- **Digests** (numbered stories, :mod:`.digest`): each story is cut as an article with
  its heading as headline; what precedes the first story is the masthead.
- **Articles**: the story is the page's main-content hint (extended over paragraphs the hint cut
  off at an ad) or, without a hint, the run of prose lines with the most words. The lede is its
  first prose line; the headline is the line matching the page title, or the most headline-like
  line shortly before the lede; running text between the two (the standfirst) is content unless
  the template repeats it or it is a caption (a photo credit or who stands where in the picture in
  it, a picture line before it). Captions and credit lines in the story are ``caption``, not
  boilerplate: they are editorial text, neither navigation, promotion nor footer.
  Chrome (logos, tag clouds, share prompts, link lists), repeats of the headline and lines outside
  the story are boilerplate.

Inside the story a marker phrase ("Why it matters:") opens a marked section that runs until the
next marker or the next non-content line, even mid-line (``tell Axios.Why it matters:``).
"""
from __future__ import annotations

from typing import Sequence

from annotator.nlp.sections.digest import story_heads
from annotator.nlp.sections.lines import (
    BYLINE as _BY, CREDIT, SENTENCE_END, Line, is_caption, is_furniture, link_list_heading, lines_of, normalized,
)
from annotator.nlp.sections.markers import Markers, find_markers
from annotator.nlp.sections.story import extend_story, find_headline, main_flags, prose_cluster
from annotator.nlp.sections.wire import dateline_line, dateline_prefix, wire_top

HEADLINE, LEDE, BODY, BOILERPLATE = "headline", "lede", "body", "boilerplate"
BYLINE, DATELINE, CAPTION = "byline", "dateline", "caption"
UNSURE = "boilerplate?"  # boilerplate, but not certainly: entity suggestions inside are kept
LEDE_LINES = 5  # a wire lede runs over lines until a sentence ends, at most this many
CAPTION_WORDS = 4  # a shorter line after a picture line is a control ("Autoplay"), not its caption


def find_sections(
    text: str,
    pattern: Markers | None = None,
    main_content: Sequence[Sequence[int]] | None = None,
    title: str | None = None,
) -> list[tuple[int, int, str]]:
    """Sections of ``text`` as ``(start, end, kind)``, in order."""
    lines, kinds = line_kinds(text, main_content, title)
    return assemble(text, lines, kinds, pattern)


def line_kinds(
    text: str, main_content: Sequence[Sequence[int]] | None = None, title: str | None = None,
) -> tuple[list[Line], list[str]]:
    """The lines of ``text`` and the kind of each (markers are found later, inside content lines)."""
    lines = lines_of(text)
    if not lines:
        return [], []
    furniture = [is_furniture(l) for l in lines]
    main = main_flags(lines, main_content)
    hinted = any(main)
    top = None if hinted else wire_top(lines)
    if top is not None:
        return lines, _wire_kinds(lines, furniture, top)
    heads = story_heads(lines, furniture, main if hinted else None)
    if heads:
        kinds = [
            BOILERPLATE if furniture[i] or (hinted and not main[i] and not l.prose) else BYLINE if _BY.match(l.text) else UNSURE
            for i, l in enumerate(lines[:heads[0]])
        ]
        for a, b in zip(heads, heads[1:] + [len(lines)]):
            kinds += _article_kinds(lines[a:b], furniture[a:b], main[a:b], None, headline=0)
        return lines, kinds
    return lines, _article_kinds(lines, furniture, main, title)


def _wire_kinds(lines: list[Line], furniture: list[bool], top: tuple[int, int | None, list[int], int]) -> list[str]:
    title, byline, datelines, lede = top
    kinds = [BODY] * len(lines)
    kinds[title] = HEADLINE
    if byline is not None:
        kinds[byline] = BYLINE
    for i in datelines:
        kinds[i] = DATELINE
    i = lede
    while i < len(lines) and i - lede < LEDE_LINES:
        kinds[i] = LEDE
        if SENTENCE_END.search(lines[i].text):
            break
        i += 1
    for i in range(lede, len(lines)):
        if furniture[i] and kinds[i] == BODY:
            kinds[i] = BOILERPLATE
    return kinds


def _article_kinds(
    lines: list[Line], furniture: list[bool], main: list[bool], title: str | None, headline: int | None = None,
) -> list[str]:
    """Per-line kinds of one article (``headline`` forces the headline line)."""
    n = len(lines)
    hinted = any(main)
    # The story: the main-content hint, or else the densest run of prose lines.
    if hinted:
        story = [i for i in range(n) if main[i] and not furniture[i]]
        lo, hi = (story[0], extend_story(lines, furniture, story[-1])) if story else (0, n - 1)
    else:
        lo, hi = prose_cluster(lines, furniture, start=0 if headline is None else headline + 1)

    def first_prose(start: int) -> int | None:
        candidates = [i for i in range(start, hi + 1) if lines[i].prose and not furniture[i]]
        return next((i for i in candidates if main[i] or not hinted), candidates[0] if candidates else None)

    lede = first_prose(lo if headline is None else headline + 1)
    if headline is None and lede is not None:
        headline = find_headline(lines, furniture, lede, title)
        if headline == lede:  # a punctuated headline at the top of the story
            lede = first_prose(lede + 1)
    if lede is None:  # no running text at all: keep every line that is not chrome
        return [HEADLINE if i == headline else BOILERPLATE if f else BODY for i, f in enumerate(furniture)]
    head_norm = normalized(lines[headline].text) if headline is not None else None
    first, last = min(lede, headline if headline is not None else lede), max(hi, lede)

    kinds: list[str] = []
    in_links = False  # inside a "Related" / "Read more" list: its short lines are links
    # The story's text ends at its last prose line; past it, a chrome line starts the footer.
    last_prose = max((i for i in range(lede, last + 1) if lines[i].prose and not furniture[i]), default=lede)
    chrome_since_story = False  # a chrome line stood between the story's end and this line
    # Where each line above the lede first stands: a page template repeats captions and teasers.
    first_at: dict[str, int] = {}
    for i in range(lede):
        first_at.setdefault(normalized(lines[i].text), i)
    for i, line in enumerate(lines):
        chrome_since_story = chrome_since_story or (i > last_prose and furniture[i])
        heading = link_list_heading(line)
        # On a page with a hint, teasers under the heading are prose too: the list runs until two
        # prose lines of the main content in a row take the story up again, or an ad ends it.
        resumes = not hinted or (line.prose and main[i] and i + 1 < n and lines[i + 1].prose and main[i + 1])
        in_links = heading or (in_links and not (line.prose and resumes) and not (hinted and furniture[i]))
        if i == headline:
            kinds.append(HEADLINE)
        elif furniture[i] or in_links or (head_norm and normalized(line.text) == head_norm):
            kinds.append(BOILERPLATE)  # chrome, link lists, the template's repeat of the headline
        elif i < first or i > last:  # outside the story: sure when the page or the footer's chrome says so
            kinds.append(BOILERPLATE if (hinted and not main[i] or chrome_since_story) and not line.prose else UNSURE)
        elif i < lede:  # between headline and lede: bylines, datelines, the standfirst, captions
            first_seen = first_at[normalized(line.text)] == i  # not the template's repeat
            kinds.append(BYLINE if _BY.match(line.text) and line.words <= 12 else DATELINE if dateline_line(line)
                         else CAPTION if first_seen and _caption(line, lines[i - 1] if i else None)
                         else BODY if line.prose and first_seen else UNSURE)
        elif not chrome_since_story and (CREDIT.match(line.text) and not line.prose
                                         or hinted and not main[i] and _caption(line, lines[i - 1])):
            kinds.append(CAPTION)  # a credit line, or a caption the page's main content leaves out
        elif (hinted and not main[i] or chrome_since_story) and not line.prose:
            kinds.append(BOILERPLATE if chrome_since_story else UNSURE)
        elif _BY.match(line.text) and line.words <= 12:
            kinds.append(BYLINE)
        else:
            kinds.append(LEDE if i == lede else BODY)
    return kinds


def assemble(text: str, lines: list[Line], kinds: list[str], pattern: Markers | None) -> list[tuple[int, int, str]]:
    """Turn per-line kinds into spans: cut content at markers, merge runs of body or boilerplate."""
    spans: list[list] = []  # [start, end, kind]
    marked = False  # the last span is a marked section that following content lines continue
    for line, kind in zip(lines, kinds):
        if kind not in (BODY, LEDE):
            marked = False
            _push(spans, line.start, line.end, kind, merge=kind in (BOILERPLATE, UNSURE, DATELINE, CAPTION))
            continue
        start = line.start
        if kind == LEDE and not (spans and spans[-1][2] in (LEDE, DATELINE)):
            cut = dateline_prefix(line.text)  # "LONDON, Dec 6 (Reuters) - " opening the lede
            if cut:
                spans.append([start, start + cut, DATELINE])
                start += cut
                while text[start].isspace():
                    start += 1
        markers = find_markers(text, pattern, start, line.end)
        cuts = [off for off, _ in markers] + [line.end]
        head_end = _rstrip(text, start, cuts[0])
        if head_end > start:
            if marked:
                spans[-1][1] = head_end
            else:
                _push(spans, start, head_end, kind, merge=True)
        for (off, marker_kind), nxt in zip(markers, cuts[1:]):
            spans.append([off, _rstrip(text, off, nxt), marker_kind])
            marked = True
    return [(s, e, k) for s, e, k in spans if e > s]


def _caption(line: Line, before: Line | None) -> bool:
    return line.words >= CAPTION_WORDS and is_caption(line, before)


def _push(spans: list[list], start: int, end: int, kind: str, merge: bool) -> None:
    if merge and spans and spans[-1][2] == kind:
        spans[-1][1] = end
    else:
        spans.append([start, end, kind])


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
