"""Which words of a page trafilatura kept as the article: an in-order word alignment in linear time.

``difflib.SequenceMatcher`` did this before and is quadratic in the worst case (89 s on a 137 KB
page); diff libraries (Myers) are O(N·D), no better on a page that is mostly boilerplate. No
library aligns "a text with its extract" in linear time, so this is hand-written, the way
patience diff works: runs of ``ANCHOR`` words found exactly once in the page and once in the
extract are anchors; the longest chain of anchors in the same order on both sides (longest
increasing subsequence) are matched where they are; between them every run of the extract is
looked up in an index of the page's runs, the nearest occurrence after the last match (and
before the next anchor) is taken, and each match is extended word by word. O((N + M) log N).
"""
from __future__ import annotations

from bisect import bisect_left

ANCHOR = 3  # shorter runs shared with the extract are coincidences


def matching_runs(page: list[str], kept: list[str], anchor: int = ANCHOR) -> list[tuple[int, int]]:
    """``(start, size)`` runs of ``page`` matched, in order, to words of ``kept``."""
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(page) - anchor + 1):
        index.setdefault(tuple(page[i : i + anchor]), []).append(i)
    chain = _anchors(index, kept, anchor)
    runs: list[tuple[int, int]] = []
    n, m = len(page), len(kept)
    a = k = p = 0
    while k + anchor <= m:
        while a < len(chain) and (chain[a][0] < k or chain[a][1] < p):
            a += 1
        if a < len(chain) and chain[a][0] == k:
            start = chain[a][1]
        else:  # the nearest occurrence after the last match, before the next anchor
            p_end = chain[a][1] if a < len(chain) else n
            positions = index.get(tuple(kept[k : k + anchor]))
            j = bisect_left(positions, p) if positions else 0
            if not positions or j == len(positions) or positions[j] >= p_end:
                k += 1
                continue
            start = positions[j]
        i = start
        while i < n and k < m and page[i] == kept[k]:
            i += 1
            k += 1
        runs.append((start, i - start))
        p = i
    return runs


def _anchors(index: dict[tuple[str, ...], list[int]], kept: list[str], anchor: int) -> list[tuple[int, int]]:
    """``(kept position, page position)`` of runs unique on both sides, the longest chain in order."""
    seen: dict[tuple[str, ...], int] = {}
    for k in range(len(kept) - anchor + 1):
        key = tuple(kept[k : k + anchor])
        seen[key] = -1 if key in seen else k
    pairs = sorted((k, index[key][0]) for key, k in seen.items() if k >= 0 and len(index.get(key, ())) == 1)
    # longest increasing subsequence of page positions (patience sorting), kept positions ascending
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for n, (_k, i) in enumerate(pairs):
        j = bisect_left(tails, i)
        if j == len(tails):
            tails.append(i)
            tail_at.append(n)
        else:
            tails[j], tail_at[j] = i, n
        back[n] = tail_at[j - 1] if j else -1
    chain: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def whole_line_runs(lines: list[list[str]], kept_lines: set[tuple[str, ...]], anchor: int = ANCHOR) -> list[int]:
    """Indexes of page lines shorter than ``anchor`` words that are a whole line of the extract (a heading)."""
    return [i for i, words in enumerate(lines) if 0 < len(words) < anchor and tuple(words) in kept_lines]
