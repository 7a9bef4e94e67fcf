"""The tokens of a batch of articles, end to end in flat arrays, and substrings cut from them.

Tokens come from the tokens an article arrived with (source tokens), else from the project's token
cache when it was made by the export's tokenizer, else from the tokenizer (and are handed to the caller to remember, so the next export is quick).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pyarrow as pa
from spacy.language import Language

from annotator.errors import ExportError
from annotator.store.batches.article_batches import ArticleBatch, Utf8Texts
from annotator.store.token_cache import TRAILING_SPACE, Tokens, decode_many, encode, is_source, readable


@dataclass
class BatchText:
    """The batch's texts as one UTF-8 buffer; ``base[d]`` is where article ``d`` begins (characters)."""

    data: np.ndarray  # uint8
    base: np.ndarray  # int64, n_docs + 1 values
    wide: np.ndarray  # character offsets of the characters longer than one byte, ascending
    extra: np.ndarray  # extra bytes of the characters before each of those, plus after the last

    @classmethod
    def of(cls, texts: Sequence[str], ids: Sequence[str] | None = None) -> BatchText:
        """The texts joined; texts the store handed over as UTF-8 (:class:`Utf8Texts`) are joined
        as they are, and checked (ExportError naming the article, from ``ids``, when one is not UTF-8)."""
        if not isinstance(texts, Utf8Texts):
            base = np.zeros(len(texts) + 1, dtype=np.int64)
            np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), out=base[1:])
            return cls._indexed(np.frombuffer("".join(texts).encode("utf-8"), dtype=np.uint8), base=base)
        byte_base = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, texts.raw), dtype=np.int64, count=len(texts)), out=byte_base[1:])
        text = cls._indexed(np.frombuffer(b"".join(texts.raw), dtype=np.uint8), byte_base=byte_base)
        strings = _strings(byte_base, text.data)  # each text's own bytes: a stray byte at a text's end is checked too
        try:
            if strings is not None:
                strings.validate(full=True)
        except pa.ArrowInvalid:
            bad = next(k for k, raw in enumerate(texts.raw) if not _is_utf8(raw))
            raise ExportError(f"article {ids[bad] if ids else bad}: its text in the project is not valid UTF-8") from None
        return text

    @classmethod
    def _indexed(cls, data: np.ndarray, *, base: np.ndarray | None = None, byte_base: np.ndarray | None = None) -> BatchText:
        """From the UTF-8 bytes and where each text begins, in characters (``base``) or in bytes."""
        high = np.flatnonzero(data >= 0x80)
        if not len(high):  # ASCII: a character is a byte
            starts = base if base is not None else byte_base
            assert starts is not None
            return cls(data, starts, np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64))
        # News text is mostly ASCII: index the few wide characters instead of every character.
        is_lead = data[high] >= 0xC0
        leads, continuations = high[is_lead], high[~is_lead]
        wide = leads - np.searchsorted(continuations, leads)
        more = 1 + (data[leads] >= 0xE0) + (data[leads] >= 0xF0)  # bytes after the lead byte
        extra = np.zeros(len(leads) + 1, dtype=np.int64)
        np.cumsum(more, out=extra[1:])
        if base is None:
            assert byte_base is not None
            base = byte_base - np.searchsorted(continuations, byte_base)  # a text starts after its bytes' continuations
        return cls(data, base, wide, extra)

    def bytes_at(self, chars: np.ndarray, ascending: bool = False) -> np.ndarray:
        """Byte offsets of character offsets into the batch text (``ascending`` ones are found faster)."""
        if not len(self.wide):
            return chars
        if not ascending:
            return chars + self.extra[np.searchsorted(self.wide, chars)]
        # The k-th run of offsets, up to the one past the k-th wide character, has k of them before it.
        passed = np.searchsorted(chars, self.wide, side="right")
        return chars + np.repeat(self.extra.astype(chars.dtype, copy=False), np.diff(passed, prepend=0, append=len(chars)))

    def texts(self) -> pa.StringArray | None:
        """The articles' texts as a string array over the buffer (None past what int32 offsets reach)."""
        return _strings(self.bytes_at(self.base, ascending=True), self.data)

    def pieces(self, starts: np.ndarray, ends: np.ndarray) -> pa.StringArray:
        """``text[start:end]`` for global character offsets of pieces in order that do not overlap
        (tokens): the text is cut into gap, piece, gap, ..., piece, gap (no copy), and Arrow takes
        the pieces."""
        if len(self.data) >= 2**31:
            raise ExportError(f"a batch of articles holds {len(self.data):,} bytes of text, more than one Arrow string array takes")
        bounds = np.empty(2 * len(starts) + 2, dtype=np.int32)  # every byte offset fits, so every character offset does
        bounds[0], bounds[-1] = 0, self.base[-1]
        bounds[1:-1:2], bounds[2:-1:2] = starts, ends
        runs = _strings(self.bytes_at(bounds, ascending=True), self.data)
        assert runs is not None
        return runs.take(pa.array(np.arange(1, len(bounds) - 1, 2)))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strings(offsets: np.ndarray, data: np.ndarray) -> pa.StringArray | None:
    """A string array over UTF-8 ``data`` cut at byte ``offsets`` (None past what int32 offsets reach)."""
    if offsets[-1] >= 2**31:
        return None
    return pa.Array.from_buffers(pa.string(), len(offsets) - 1, [None, pa.py_buffer(offsets.astype(np.int32, copy=False)), pa.py_buffer(data)])


@dataclass
class BatchTokens:
    """Every token of a batch: its offsets in the batch text and its flags (token_cache bits)."""

    starts: np.ndarray  # character offsets into the batch text (BatchText), not into the article; int32 when they fit
    ends: np.ndarray
    flags: np.ndarray
    offsets: np.ndarray  # first token of each article, plus the total
    made: list[tuple[int, bytes]] = field(default_factory=list)  # (article, token blob) the tokenizer had to make

    def __len__(self) -> int:
        return len(self.starts)

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        """The article of each token position."""
        return np.searchsorted(self.offsets, positions, side="right") - 1

    def last_of_docs(self) -> np.ndarray:
        """The position of each article's last token (articles with tokens only)."""
        last = self.offsets[1:] - 1
        return last[np.diff(self.offsets) > 0]


def batch_tokens(batch: ArticleBatch, text: BatchText, nlp: Language, tokenizer: str) -> BatchTokens:
    """The batch's tokens by ``nlp``'s tokenizer (whose fingerprint is ``tokenizer``).

    Cached tokens that do not cover their article's text exactly are made again. What had to be
    made is in ``made``, for the caller to keep (``batch.remember``).
    """
    made: list[tuple[int, bytes]] = []
    offset_type = np.int32 if text.base[-1] < 2**31 else np.int64  # half the memory traffic of every pass over the tokens
    same = batch.tokenizer == tokenizer
    blobs: list[bytes | None] = [b if same or is_source(b) else None for b in batch.token_blobs] if batch.token_blobs else [None] * len(batch)
    missing = [i for i, blob in enumerate(blobs) if not readable(blob)]
    while True:
        if missing:
            fresh = [(i, encode(Tokens.from_doc(doc))) for i, doc in zip(missing, nlp.tokenizer.pipe(batch.texts[i] for i in missing))]
            for i, blob in fresh:
                blobs[i] = blob
            made += fresh
        counts, lengths, flags = decode_many(blobs, offset_type)  # type: ignore[arg-type]
        # A token and the space after it cover the text end to end, across the whole batch.
        step = lengths + (flags & TRAILING_SPACE)
        covered = np.zeros(len(step) + 1, dtype=offset_type)
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
    return BatchTokens(starts, starts + lengths, flags, offsets, made)
