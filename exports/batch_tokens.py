"""The tokens of a batch of articles, end to end in flat arrays, and substrings cut from them.

Tokens come from the project's token cache when it was made by the export's tokenizer, else from
the tokenizer (and are handed back to the batch to remember, so the next export is quick).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from spacy.language import Language

from annotator.article_batches import ArticleBatch
from annotator.errors import ExportError
from annotator.token_cache import Tokens, decode_many, encode, readable, starts_of


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
        leads = np.flatnonzero(data >= 0xC0)
        continuations = np.flatnonzero((data & 0xC0) == 0x80)
        wide = leads - np.searchsorted(continuations, leads)
        more = 1 + (data[leads] >= 0xE0) + (data[leads] >= 0xF0)  # bytes after the lead byte
        extra = np.zeros(len(leads) + 1, dtype=np.int64)
        np.cumsum(more, out=extra[1:])
        return cls(data, base, wide, extra)

    def bytes_at(self, chars: np.ndarray) -> np.ndarray:
        """Byte offsets of character offsets into the batch text."""
        if not len(self.wide):
            return chars
        return chars + self.extra[np.searchsorted(self.wide, chars)]

    def pieces(self, starts: np.ndarray, ends: np.ndarray) -> pa.StringArray:
        """``text[start:end]`` for global character offsets of pieces in order that do not overlap
        (tokens), built from one pass over the bytes instead of a Python string each."""
        b0, b1 = self.bytes_at(starts), self.bytes_at(ends)
        edges = np.zeros(len(self.data) + 1, dtype=np.int8)
        edges[b0] += 1
        edges[b1] -= 1
        keep = np.cumsum(edges[:-1], dtype=np.int8).view(bool)
        offsets = np.zeros(len(b0) + 1, dtype=np.int64)
        np.cumsum(b1 - b0, out=offsets[1:])
        if offsets[-1] >= 2**31:
            raise ExportError(f"a batch of articles holds {offsets[-1]:,} bytes of tokens, more than one Arrow string array takes")
        return pa.Array.from_buffers(pa.string(), len(b0), [None, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(self.data[keep])])

@dataclass
class BatchTokens:
    """Every token of a batch: article index, offsets within the article, flags (token_cache bits)."""

    doc: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    flags: np.ndarray
    offsets: np.ndarray  # first token of each article, plus the total

    def __len__(self) -> int:
        return len(self.doc)


def batch_tokens(batch: ArticleBatch, nlp: Language, tokenizer: str) -> BatchTokens:
    """The batch's tokens by ``nlp``'s tokenizer (whose fingerprint is ``tokenizer``)."""
    blobs = batch.token_blobs if batch.tokenizer == tokenizer and batch.token_blobs else [None] * len(batch)
    missing = [i for i, blob in enumerate(blobs) if not readable(blob)]
    if missing:
        made = [(i, Tokens.from_doc(doc)) for i, doc in zip(missing, nlp.tokenizer.pipe(batch.texts[i] for i in missing))]
        if batch.remember is not None:
            batch.remember(made, tokenizer)  # type: ignore[arg-type]
        blobs = list(blobs)
        for i, tokens in made:
            blobs[i] = encode(tokens)
    counts, lengths, flags = decode_many(blobs)  # type: ignore[arg-type]
    starts = starts_of(counts, lengths, flags)
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return BatchTokens(np.repeat(np.arange(len(counts), dtype=np.int64), counts), starts, starts + lengths, flags, offsets)
