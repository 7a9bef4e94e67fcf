"""Token-classification rows: documents cut into chunks of tokens with IOB2 tags.

A chunk is a paragraph (text between line breaks), cut at sentence boundaries when it has more
than ``max_tokens`` tokens, so it fits a 512-subword encoder. A cut is never placed inside an
entity: the chunk grows instead. Sentence boundaries follow the rule of spaCy's sentencizer
(a token after sentence-final punctuation starts a sentence). Blank tokens at a chunk's edges
are dropped.

Everything works on a whole batch of articles at once, in arrays; only paragraphs longer than
``max_tokens`` are cut by a Python loop.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from annotator.store.token_cache import NEWLINE, PUNCT, SENTENCE_END, SPACE
from exports.hf.batch_tokens import BatchTokens

MAX_TOKENS = 200


@dataclass
class Chunks:
    """Chunks of a batch as token ranges ``[first, stop)`` into the batch's tokens."""

    doc: np.ndarray
    first: np.ndarray
    stop: np.ndarray

    def __len__(self) -> int:
        return len(self.doc)

    def token_indices(self) -> np.ndarray:
        """Indices of the tokens of every chunk, chunk after chunk."""
        return ranges(self.first, self.stop)


def ranges(first: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """``concatenate([arange(a, b) for a, b in zip(first, stop)])``, without the loop."""
    lengths = stop - first
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    return np.arange(total, dtype=np.int64) + np.repeat(first - starts, lengths)


def iob_codes(tokens: BatchTokens, text_base: np.ndarray, ent_doc: np.ndarray, ent_start: np.ndarray, ent_end: np.ndarray,
              ent_label: np.ndarray) -> tuple[np.ndarray, int | None]:
    """IOB2 tag codes of every token (0 = O, 1 + 2k = B of label k, 2 + 2k = I of label k).

    The entities must be sorted and non-overlapping. Returns the codes and the index of the
    first entity whose edges are not token edges (None when all are aligned).
    """
    n = len(tokens)
    tags = np.zeros(n, dtype=np.int64)
    if not len(ent_doc):
        return tags, None
    token_start, token_end = tokens.starts, tokens.ends
    wanted_start = (text_base[ent_doc] + ent_start).astype(token_start.dtype, copy=False)  # searched in the tokens' type
    wanted_end = (text_base[ent_doc] + ent_end).astype(token_end.dtype, copy=False)
    i = np.searchsorted(token_start, wanted_start)
    j = np.searchsorted(token_end, wanted_end)
    ok = (i < n) & (j < n)
    ok &= token_start[np.minimum(i, n - 1)] == wanted_start
    ok &= token_end[np.minimum(j, n - 1)] == wanted_end
    ok &= j >= i
    if not ok.all():
        return tags, int(np.flatnonzero(~ok)[0])
    tags[i] = 1 + 2 * ent_label
    tags[ranges(i + 1, j + 1)] = np.repeat(2 + 2 * ent_label, j - i)
    return tags, None


def chunk(tokens: BatchTokens, tags: np.ndarray, max_tokens: int = MAX_TOKENS) -> Chunks:
    """Cut the batch's articles into chunks (see the module docstring)."""
    n = len(tokens)
    flags = tokens.flags
    inside = (tags & 1) == 0  # I- tags are even; so is O, which is 0
    inside &= tags != 0
    inside_next = np.zeros(n, dtype=bool)
    if n:
        inside_next[:-1] = inside[1:]
        inside_next[tokens.last_of_docs()] = False  # an entity does not go on into the next article
    space = (flags & SPACE) != 0
    breaks = np.flatnonzero(space & ((flags & NEWLINE) != 0) & ~inside & ~inside_next)
    n_docs = len(tokens.offsets) - 1
    first = np.sort(np.concatenate([tokens.offsets[:-1], breaks + 1]), kind="stable")
    stop = np.sort(np.concatenate([breaks, tokens.offsets[1:]]), kind="stable")
    para_doc = np.repeat(np.arange(n_docs, dtype=np.int64), 1 + np.bincount(tokens.doc_of(breaks), minlength=n_docs))
    long = np.flatnonzero(stop - first > max_tokens)
    if len(long):
        first, stop, para_doc = _cut_long(first, stop, para_doc, long, flags, inside, max_tokens)
    return _stripped(first, stop, para_doc, space, inside, inside_next)


def _stripped(first: np.ndarray, stop: np.ndarray, doc: np.ndarray, space: np.ndarray, inside: np.ndarray,
              inside_next: np.ndarray) -> Chunks:
    """Ranges without blank tokens at their edges (kept where an entity needs them); empty ones dropped."""
    not_entity = ~inside
    lead_from, lead_to = _runs(space & not_entity & ~inside_next)  # blank tokens that may not lead
    k, blank = _run_of(first, lead_from, lead_to)
    a = np.where(blank, lead_to[k], first)
    nonempty = (a < stop) & (stop > first)
    a, stop, doc = a[nonempty], stop[nonempty], doc[nonempty]
    trail_from, trail_to = _runs(space & not_entity)  # blank tokens that may not trail
    k, blank = _run_of(stop - 1, trail_from, trail_to)
    b = np.maximum(a, np.where(blank, trail_from[k], stop))
    kept = b > a
    return Chunks(doc[kept], a[kept], b[kept])


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of True in ``mask`` begins, and where it ends (exclusive); the last run,
    past the end, holds no position, so neither array is ever empty."""
    at = np.flatnonzero(mask)
    begins = np.ones(len(at), dtype=bool)
    begins[1:] = np.diff(at) != 1
    ends = np.ones(len(at), dtype=bool)
    ends[:-1] = begins[1:]
    past = len(mask) + 1
    return np.append(at[begins], past), np.append(at[ends] + 1, past)


def _run_of(positions: np.ndarray, run_from: np.ndarray, run_to: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each position, the run it may lie in, and whether it does."""
    k = np.maximum(np.searchsorted(run_from, positions, side="right") - 1, 0)
    return k, (run_from[k] <= positions) & (positions < run_to[k])


def _cut_long(first: np.ndarray, stop: np.ndarray, doc: np.ndarray, long: np.ndarray, flags: np.ndarray,
              inside: np.ndarray, max_tokens: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Replace each long paragraph by its pieces cut at sentence starts."""
    pieces: list[tuple[int, int, int]] = []
    for p in long.tolist():
        a, b = int(first[p]), int(stop[p])
        punct = ((flags[a:b] & PUNCT) != 0).tolist()
        ends_sentence = ((flags[a:b] & SENTENCE_END) != 0).tolist()
        within = inside[a:b].tolist()
        pieces += [(a + x, a + y, int(doc[p])) for x, y in _paragraph_pieces(b - a, punct, ends_sentence, within, max_tokens)]
    keep = np.ones(len(first), dtype=bool)
    keep[long] = False
    extra = np.array(pieces, dtype=np.int64).reshape(-1, 3)
    first = np.concatenate([first[keep], extra[:, 0]])
    order = np.argsort(first, kind="stable")
    return first[order], np.concatenate([stop[keep], extra[:, 1]])[order], np.concatenate([doc[keep], extra[:, 2]])[order]


def _paragraph_pieces(n: int, punct: list[bool], ends_sentence: list[bool], inside: list[bool],
                      max_tokens: int) -> Iterator[tuple[int, int]]:
    cur = sentence = 0
    for s in [*_sentence_starts(n, punct, ends_sentence, inside), n]:
        if s - cur > max_tokens and sentence > cur:
            yield cur, sentence
            cur = sentence
        while s - cur > max_tokens:  # one sentence too long: cut between tokens
            cut = _cut(cur, s, max_tokens, inside)
            yield cur, cut
            cur = cut
        sentence = s
    yield cur, n


def _sentence_starts(n: int, punct: list[bool], ends_sentence: list[bool], inside: list[bool]) -> Iterator[int]:
    seen_end = False
    for i in range(n):
        if seen_end and not punct[i] and not ends_sentence[i]:
            if not inside[i]:
                yield i
            seen_end = False
        elif ends_sentence[i]:
            seen_end = True


def _cut(a: int, b: int, width: int, inside: list[bool]) -> int:
    """A token position in (a, b) near ``a + width`` that no entity spans."""
    for i in range(a + width, a, -1):
        if not inside[i]:
            return i
    return next((i for i in range(a + width + 1, b) if not inside[i]), b)
