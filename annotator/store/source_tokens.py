"""Tokens an article arrived with, kept as its tokens.

A CoNLL file, Prodigy ``tokens``, a DocBin or the HF ``ner`` config carry a tokenization that is
part of the gold. It is stored in the token cache's compact layout (:mod:`token_cache`, marked as
source) in a table of its own, so that a change of the project tokenizer never drops it, and it is
used instead of the tokenizer's for that article: in snapping, and in every token-level export.

The layout needs tokens that cover the text end to end, a token followed by one space or none:
the text between two source tokens becomes the previous token's trailing space and, for anything
else, a token flagged ``GAP`` (whitespace, a line break: the flags the HF chunker reads).
Decoding drops the ``GAP`` tokens again, so the source tokens come back exactly.
"""
from __future__ import annotations

import sqlite3
from typing import Iterable

import numpy as np
from spacy.lang.lex_attrs import is_punct
from spacy.pipeline.sentencizer import Sentencizer

from annotator.model import SourceTokens
from annotator.store.token_cache import (GAP, NEWLINE, PUNCT, SENTENCE_END, SENTENCE_START, SPACE, TRAILING_SPACE,
                                         Tokens, decode, encode, is_source)

_ENDS = set(Sentencizer.default_punct_chars)


def encode_source(text: str, tokens: SourceTokens) -> bytes:
    """The blob of ``tokens`` of ``text`` (checked by the caller: in order, inside the text)."""
    starts: list[int] = []
    ends: list[int] = []
    flags: list[int] = []
    sentence_starts = set(tokens.sentence_starts)

    def gap(a: int, b: int) -> None:
        if a >= b:
            return
        if flags and text[a] == " " and not flags[-1] & TRAILING_SPACE:
            flags[-1] |= TRAILING_SPACE
            a += 1
            if a >= b:
                return
        piece = text[a:b]
        starts.append(a)
        ends.append(b)
        flags.append(GAP | (SPACE if piece.isspace() else 0) | (NEWLINE if "\n" in piece else 0))

    last = 0
    for i, (a, b) in enumerate(zip(tokens.starts, tokens.ends)):
        gap(last, a)
        piece = text[a:b]
        starts.append(a)
        ends.append(b)
        flags.append((SENTENCE_START if i in sentence_starts else 0) | (PUNCT if is_punct(piece) else 0)
                     | (SENTENCE_END if piece in _ENDS else 0) | (SPACE if piece.isspace() else 0)
                     | (NEWLINE if "\n" in piece and piece.isspace() else 0))
        last = b
    gap(last, len(text))
    return encode(Tokens(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), np.array(flags, dtype=np.uint8)),
                  source=True)


def decode_source(blob: bytes) -> SourceTokens:
    """The source tokens of a blob made by :func:`encode_source`."""
    tokens = decode(blob)
    kept = (tokens.flags & GAP) == 0
    flags = tokens.flags[kept]
    sentence_starts = tuple(np.flatnonzero(flags & SENTENCE_START).tolist())
    return SourceTokens(tuple(tokens.starts[kept].tolist()), tuple(tokens.ends[kept].tolist()), sentence_starts or (0,))


def save(conn: sqlite3.Connection, rows: Iterable[tuple[int, bytes]]) -> None:
    """Store source-token blobs by article seq, inside the caller's transaction."""
    conn.executemany("INSERT OR REPLACE INTO source_tokens(seq, data) VALUES (?, ?)", rows)


def load(conn: sqlite3.Connection, seq: int) -> SourceTokens | None:
    """The source tokens of article ``seq``, or None when it arrived without tokens."""
    row = conn.execute("SELECT data FROM source_tokens WHERE seq = ?", (seq,)).fetchone()
    return decode_source(row[0]) if row and is_source(row[0]) else None


def load_many(conn: sqlite3.Connection, seqs: list[int]) -> dict[int, SourceTokens]:
    """Source tokens of the articles ``seqs`` that have them."""
    out: dict[int, SourceTokens] = {}
    for at in range(0, len(seqs), 500):
        part = seqs[at:at + 500]
        sql = f"SELECT seq, data FROM source_tokens WHERE seq IN ({','.join('?' * len(part))})"
        out.update((seq, decode_source(data)) for seq, data in conn.execute(sql, part) if is_source(data))
    return out
