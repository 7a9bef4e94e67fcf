"""Token boundaries of articles, kept so that token-level exports do not tokenize again.

Pre-labeling tokenizes every article anyway; it stores each article's token lengths and the few
token flags the exports read, in a compact blob (:func:`encode`). The cache is only valid
for the tokenizer that made it: the project remembers that tokenizer's fingerprint, and saving
tokens from another tokenizer empties the cache first. Article texts never change, so an
entry never goes stale otherwise.
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, ORTH, SPACY
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.strings import hash_string
from spacy.tokens import Doc

SETTING = "token_cache"  # key in the project table: fingerprint of the tokenizer the cache is for

# Flag bits, one byte per token.
TRAILING_SPACE = 1  # followed by a space (spaCy's SPACY)
SPACE = 2  # whitespace only
PUNCT = 4  # spaCy's IS_PUNCT
SENTENCE_END = 8  # one of the sentencizer's sentence-final punctuation characters
NEWLINE = 16  # contains a line break
SENTENCE_START = 32  # first token of a sentence the source gave (source tokens only)
GAP = 64  # text between two source tokens, not a source token (source tokens only)

# Every sentence-final character is a token text of its own: matched by its ORTH hash, no Python per token.
_SENTENCE_END_ORTHS = np.array(sorted(hash_string(c) for c in Sentencizer.default_punct_chars), dtype=np.uint64)
_ATTRS = [IDX, LENGTH, SPACY, IS_SPACE, IS_PUNCT, ORTH]


@dataclass(frozen=True, slots=True)
class Tokens:
    """Character offsets and flags of the tokens of one text (numpy arrays, same length)."""

    starts: np.ndarray  # int64
    ends: np.ndarray  # int64
    flags: np.ndarray  # uint8

    def __len__(self) -> int:
        return len(self.starts)

    @classmethod
    def from_doc(cls, doc: Doc) -> Tokens:
        if not len(doc):
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, np.zeros(0, dtype=np.uint8))
        cols = doc.to_array(_ATTRS)  # uint64
        starts, lengths = cols[:, 0].astype(np.int64), cols[:, 1].astype(np.int64)
        flags = (cols[:, 2] * TRAILING_SPACE | cols[:, 3] * SPACE | cols[:, 4] * PUNCT).astype(np.uint8)
        orths = cols[:, 5]
        nearest = _SENTENCE_END_ORTHS[np.minimum(np.searchsorted(_SENTENCE_END_ORTHS, orths), len(_SENTENCE_END_ORTHS) - 1)]
        flags[nearest == orths] |= SENTENCE_END
        spaces = np.flatnonzero(cols[:, 3])
        if len(spaces):  # few tokens: reading their text beats Doc.text, which joins every token in Python
            has_newline = np.array(["\n" in doc[i].text for i in spaces.tolist()], dtype=bool)
            flags[spaces[has_newline]] |= NEWLINE
        return cls(starts, starts + lengths, flags)


# Blob layouts, by first byte: one record per token, its length and its flags. Starts need no
# storing: a spaCy token is followed by one space (TRAILING_SPACE) or none, so offsets add up.
SHORT, LONG = 2, 3  # LONG only for a text with a token of 65,536 characters or more
SOURCE_SHORT, SOURCE_LONG = 4, 5  # the same records, for tokens an article arrived with (annotator.store.source_tokens)
_SHORT_RECORD, _LONG_RECORD = np.dtype([("length", "<u2"), ("flags", "u1")]), np.dtype([("length", "<u4"), ("flags", "u1")])
_RECORDS = {SHORT: _SHORT_RECORD, LONG: _LONG_RECORD, SOURCE_SHORT: _SHORT_RECORD, SOURCE_LONG: _LONG_RECORD}


def encode(tokens: Tokens, source: bool = False) -> bytes:
    """A compact blob of the tokens: three bytes a token (five when a token is huge)."""
    lengths = tokens.ends - tokens.starts
    short = not len(lengths) or int(lengths.max()) < 2**16
    layout = (SOURCE_SHORT if short else SOURCE_LONG) if source else (SHORT if short else LONG)
    records = np.empty(len(tokens), dtype=_RECORDS[layout])
    records["length"] = lengths
    records["flags"] = tokens.flags
    return bytes([layout]) + records.tobytes()


def readable(blob: bytes | None) -> bool:
    """True for a blob this version can decode (a later version may write other layouts)."""
    return bool(blob) and blob[0] in _RECORDS and (len(blob) - 1) % _RECORDS[blob[0]].itemsize == 0  # type: ignore[index]


def is_source(blob: bytes | None) -> bool:
    """True for a blob of source tokens, which hold whatever tokenizer the project uses."""
    return bool(blob) and blob[0] in (SOURCE_SHORT, SOURCE_LONG)  # type: ignore[index]


def decode(blob: bytes) -> Tokens:
    _, lengths, flags = decode_many([blob])
    return _tokens(lengths, flags)


def decode_many(blobs: list[bytes], length_type: type[np.signedinteger] = np.int64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token counts per blob, and the lengths (as ``length_type``) and flags of all their tokens, end to end."""
    layouts = {blob[:1] for blob in blobs}
    if layouts <= {bytes([SHORT]), bytes([SOURCE_SHORT])}:
        records = np.frombuffer(b"".join(blob[1:] for blob in blobs), dtype=_SHORT_RECORD)
        counts = np.array([len(blob) - 1 for blob in blobs], dtype=np.int64) // _SHORT_RECORD.itemsize
        return counts, records["length"].astype(length_type), records["flags"].copy()
    parts = [_records(blob) for blob in blobs]
    counts = np.array([len(p) for p in parts], dtype=np.int64)
    return counts, np.concatenate([p["length"].astype(length_type) for p in parts]), np.concatenate([p["flags"] for p in parts])


def _records(blob: bytes) -> np.ndarray:
    layout = _RECORDS.get(blob[0]) if blob else None
    if layout is None:
        raise ValueError(f"unknown token cache layout {blob[:1]!r}")
    return np.frombuffer(blob, dtype=layout, offset=1)


def _tokens(lengths: np.ndarray, flags: np.ndarray) -> Tokens:
    step = lengths + (flags & TRAILING_SPACE)
    starts = np.cumsum(step) - step
    return Tokens(starts, starts + lengths, flags)


def fingerprint(nlp: Language) -> str:
    """Identifies what a tokenizer does: its rules, patterns and exceptions, and the spaCy version."""
    rules = nlp.tokenizer.to_bytes(exclude=["vocab"])
    return hashlib.sha256(rules + f"|{nlp.lang}|{spacy.__version__}".encode()).hexdigest()[:16]


def save(conn: sqlite3.Connection, tokenizer: str, rows: Iterable[tuple[int, bytes]]) -> None:
    """Store token blobs (:func:`encode`) by article seq, inside the caller's transaction.

    Tokens from a tokenizer other than the one the cache holds replace the whole cache.
    """
    if held_by(conn) != tokenizer:
        conn.execute("DELETE FROM tokens")
        conn.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)", (SETTING, tokenizer))
    conn.executemany("INSERT OR REPLACE INTO tokens(seq, data) VALUES (?, ?)", rows)


def held_by(conn: sqlite3.Connection) -> str | None:
    """Fingerprint of the tokenizer the cache holds tokens of, or None."""
    row = conn.execute("SELECT value FROM project WHERE key = ?", (SETTING,)).fetchone()
    return row[0] if row else None
