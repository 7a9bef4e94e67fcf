"""The tokens of a batch of articles, end to end in flat arrays, and substrings cut from them.

Tokens come from the project's token cache when it was made by the export's tokenizer, else from
the tokenizer (and are handed to the caller to remember, so the next export is quick).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
from spacy.language import Language

from annotator.article_batches import ArticleBatch
from annotator.errors import ExportError
from annotator.token_cache import TRAILING_SPACE, Tokens, decode_many, encode, readable


@dataclass
class BatchText:
    """The batch's texts as one UTF-8 buffer; ``base[d]`` is where article ``d`` begins (characters)."""

    data: np.ndarray  # uint8
    base: np.ndarray  # int64, n_docs + 1 values
    wide: np.ndarray  # character offsets of the characters longer than one byte, ascending
    extra: np.ndarray  # extra bytes of the characters before each of those, plus after the last

    @classmethod
    def of(cls, texts: list[str]) -> BatchText:
        joined = "".join(texts)
        raw = joined.encode("utf-8")
        base = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in texts], out=base[1:])
        data = np.frombuffer(raw, dtype=np.uint8)
        if len(raw) == len(joined):
            return cls(data, base, np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64))
        # News text is mostly ASCII: index the few wide characters instead of every character.
        high = np.flatnonzero(data >= 0x80)
        is_lead = data[high] >= 0xC0
        leads, continuations = high[is_lead], high[~is_lead]
        wide = leads - np.searchsorted(continuations, leads)
        more = 1 + (data[leads] >= 0xE0) + (data[leads] >= 0xF0)  # bytes after the lead byte
        extra = np.zeros(len(leads) + 1, dtype=np.int64)
        np.cumsum(more, out=extra[1:])
        return cls(data, base, wide, extra)

    def bytes_at(self, chars: np.ndarray, ascending: bool = False) -> np.ndarray:
        """Byte offsets of character offsets into the batch text (``ascending`` ones are found faster)."""
        if not len(self.wide):
            return chars
        if not ascending:
            return chars + self.extra[np.searchsorted(self.wide, chars)]
        # How many wide characters come before each offset, counted where the offsets pass them.
        passed = np.bincount(np.searchsorted(chars, self.wide, side="right"), minlength=len(chars) + 1)
        return chars + self.extra[np.cumsum(passed[:-1])]

    def texts(self) -> pa.StringArray | None:
        """The articles' texts as a string array over the buffer (None past what int32 offsets reach)."""
        return _strings(self.bytes_at(self.base, ascending=True), self.data)

    def pieces(self, starts: np.ndarray, ends: np.ndarray) -> pa.StringArray:
        """``text[start:end]`` for global character offsets of pieces in order that do not overlap
        (tokens), built from one pass over the bytes instead of a Python string each."""
        b0, b1 = self.bytes_at(starts, ascending=True), self.bytes_at(ends, ascending=True)
        # The bytes alternate between runs to skip and runs to keep: gap, piece, gap, ..., piece, gap.
        bounds = np.empty(2 * len(b0) + 2, dtype=np.int64)
        bounds[0], bounds[-1] = 0, len(self.data)
        bounds[1:-1:2], bounds[2:-1:2] = b0, b1
        kept_run = np.zeros(len(bounds) - 1, dtype=bool)
        kept_run[1::2] = True
        keep = np.repeat(kept_run, np.diff(bounds))
        offsets = np.zeros(len(b0) + 1, dtype=np.int64)
        np.cumsum(b1 - b0, out=offsets[1:])
        strings = _strings(offsets, self.data[keep])
        if strings is None:
            raise ExportError(f"a batch of articles holds {offsets[-1]:,} bytes of tokens, more than one Arrow string array takes")
        return strings


def _strings(offsets: np.ndarray, data: np.ndarray) -> pa.StringArray | None:
    """A string array over UTF-8 ``data`` cut at byte ``offsets`` (None past what int32 offsets reach)."""
    if offsets[-1] >= 2**31:
        return None
    return pa.Array.from_buffers(pa.string(), len(offsets) - 1, [None, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data)])


@dataclass
class BatchTokens:
    """Every token of a batch: its article, its offsets in the batch text, its flags (token_cache bits)."""

    doc: np.ndarray
    starts: np.ndarray  # character offsets into the batch text (BatchText), not into the article
    ends: np.ndarray
    flags: np.ndarray
    offsets: np.ndarray  # first token of each article, plus the total
    made: list[tuple[int, bytes]] = field(default_factory=list)  # (article, token blob) the tokenizer had to make

    def __len__(self) -> int:
        return len(self.doc)


def batch_tokens(batch: ArticleBatch, text: BatchText, nlp: Language, tokenizer: str) -> BatchTokens:
    """The batch's tokens by ``nlp``'s tokenizer (whose fingerprint is ``tokenizer``).

    Cached tokens that do not cover their article's text exactly are made again. What had to be
    made is in ``made``, for the caller to keep (``batch.remember``).
    """
    made: list[tuple[int, bytes]] = []
    blobs: list[bytes | None] = list(batch.token_blobs) if batch.tokenizer == tokenizer and batch.token_blobs else [None] * len(batch)
    missing = [i for i, blob in enumerate(blobs) if not readable(blob)]
    while True:
        if missing:
            fresh = [(i, encode(Tokens.from_doc(doc))) for i, doc in zip(missing, nlp.tokenizer.pipe(batch.texts[i] for i in missing))]
            for i, blob in fresh:
                blobs[i] = blob
            made += fresh
        counts, lengths, flags = decode_many(blobs)  # type: ignore[arg-type]
        # A token and the space after it cover the text end to end, across the whole batch.
        step = lengths + (flags & TRAILING_SPACE)
        covered = np.zeros(len(step) + 1, dtype=np.int64)
        np.cumsum(step, out=covered[1:])
        offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        stale = np.flatnonzero(np.diff(covered[offsets]) != np.diff(text.base)).tolist()
        if not stale:
            break
        if set(stale) <= set(missing):
            raise ExportError(f"article {batch.ids[stale[0]]}: its tokens do not cover its text")
        missing = stale
    starts = covered[:-1]
    return BatchTokens(np.repeat(np.arange(len(counts), dtype=np.int64), counts), starts, starts + lengths, flags, offsets, made)
