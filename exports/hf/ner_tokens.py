"""The tokens of an HF export's ``ner`` config, as source tokens of its documents.

An article read back from an HF folder keeps the tokens its ``ner`` rows carry (and each row's
start as a sentence start), so a gold tokenization survives a trip through the Hub format. Each
row's tokens are laid out from the row's ``start`` with its ``spaces``; a token that is not the
document's text at that place is an :class:`InputError` naming the file and row.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from annotator.errors import InputError

NerTokens = dict[str, tuple[list[tuple[int, int, str]], list[int]]]  # doc_id -> ((start, end, text) per token, sentence starts)
COLUMNS = ["doc_id", "start", "tokens", "spaces"]


def ner_tokens(folder: Path, split: str) -> NerTokens:
    """Tokens of every document of ``split`` in the ``ner`` config of ``folder`` (empty without one)."""
    out: NerTokens = {}
    rows: list[tuple[str, int, list[str], list[bool]]] = []
    for f in sorted((folder / "data" / "ner").glob(f"{split}-*.parquet")):
        try:
            pf = pq.ParquetFile(f)
            if not set(COLUMNS) <= set(pf.schema_arrow.names):
                continue  # not our layout: the documents are read without tokens
            table = pf.read(columns=COLUMNS)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(str(f), f"unreadable Parquet file ({exc})") from None
        rows += zip(*(table.column(c).to_pylist() for c in COLUMNS))  # type: ignore[arg-type]
    for doc_id, start, tokens, spaces in sorted(rows, key=lambda r: (r[0], r[1])):
        found, sentences = out.setdefault(doc_id, ([], []))
        sentences.append(len(found))
        at = start
        for token, space in zip(tokens, spaces):
            if not token.isspace():
                found.append((at, at + len(token), token))
            at += len(token) + bool(space)
    return out


def token_offsets(tokens: list[tuple[int, int, str]], text: str, where: str) -> list[tuple[int, int]]:
    """The token offsets, after checking each token is the text at its place."""
    for a, b, token in tokens:
        if text[a:b] != token:
            raise InputError(where, f"ner token {token!r} at {a} is not the document's text there ({text[a:b]!r})")
    return [(a, b) for a, b, _ in tokens]
