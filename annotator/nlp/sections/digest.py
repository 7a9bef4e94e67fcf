"""Digests and newsletters: numbered stories (``1. …``, ``2. …`` or Axios' ``1 big thing: …``).

Each numbered heading opens a story that runs to the next heading; the caller cuts each story as
it cuts a single article, with the heading as its headline. Hand-written: the numbering is the
layout of newsletter text, which no library models.
"""
from __future__ import annotations

import re

from annotator.nlp.sections.lines import Line, headline_like

_HEADING = re.compile(r"(\d{1,2})(?:[.)]|[ \t]+big[ \t]+things?[ \t]*:)[ \t]+\S")
LOOKAHEAD = 4  # lines after a heading within which its story's first prose line must stand


def story_heads(lines: list[Line], furniture: list[bool], main: list[bool] | None = None) -> list[int]:
    """Indices of the numbered story headings, or ``[]`` when the text is not a digest.

    A heading is a headline-like line opening with its number, followed by prose within
    :data:`LOOKAHEAD` lines and before the next heading; a digest has at least two, numbered 1,
    2, 3... in order (a numbered list of short items is a list, not stories).
    """
    heads: list[int] = []
    want = 1
    for i, line in enumerate(lines):
        m = _HEADING.match(line.text)
        if not m or furniture[i] or int(m.group(1)) != want or (main is not None and not main[i]):
            continue
        if (headline_like(line) or line.text.rstrip().endswith((".", "!"))) and not line.prose:
            heads.append(i)
            want += 1
    # A story has running text of its own, before the next heading.
    ends = heads[1:] + [len(lines)]
    stories = [h for h, end in zip(heads, ends) if any(l.prose for l in lines[h + 1:min(end, h + 1 + LOOKAHEAD)])]
    return stories if len(stories) >= 2 and stories == heads[:len(stories)] else []
