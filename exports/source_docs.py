"""Tokens an article arrived with, on the way in and out of the interchange formats.

Readers of token-bearing formats attach the source tokens to their documents
(:func:`attach_tokens`); writers take a spaCy ``Doc`` whose tokens are the article's source
tokens when it has them and the project tokenizer's otherwise (:func:`token_doc`), so a gold
tokenization goes out exactly as it came in.
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from annotator.model import Document, SourceTokens, normalize_text
from annotator.nlp.tokenizer import blank_pipeline
from annotator.store.source_tokens import encode_source
from annotator.store.token_cache import GAP, SENTENCE_START, TRAILING_SPACE, decode

GAPS = "source_gaps"  # Doc.user_data key: indices of tokens that are text between source tokens


def attach_tokens(doc: Document, raw_text: str, tokens: Iterable[tuple[int, int]],
                  sentence_starts: Iterable[int] = (0,)) -> Document:
    """``doc`` with the tokens given against ``raw_text`` (mapped onto the normalized text like its spans)."""
    norm = normalize_text(raw_text)
    starts: list[int] = []
    ends: list[int] = []
    first_of = set(sentence_starts)
    sentences: list[int] = []
    for i, (a, b) in enumerate(tokens):
        a, b = norm.offset(a), norm.offset(b)
        if a >= b:  # a token that was only a dropped "\r" or BOM
            continue
        if i in first_of:
            sentences.append(len(starts))
        starts.append(a)
        ends.append(b)
    doc.tokens = SourceTokens(tuple(starts), tuple(ends), tuple(sentences) or (0,))
    return doc


def token_doc(d: Document) -> Doc:
    """The article as a spaCy Doc: its source tokens (text between them as whitespace tokens or
    trailing spaces, listed in ``user_data[GAPS]``, sentence starts set), else the project tokenizer's."""
    text = d.article.text
    vocab = blank_pipeline().vocab
    if d.tokens is None or not len(d.tokens):
        return blank_pipeline().make_doc(text)
    cover = decode(encode_source(text, d.tokens))
    bounds = zip(cover.starts.tolist(), cover.ends.tolist())
    flags = cover.flags.tolist()
    words = [text[a:b] for a, b in bounds]
    sent_starts = [bool(f & SENTENCE_START) for f in flags]
    sent_starts[0] = True
    sdoc = Doc(vocab, words=words, spaces=[bool(f & TRAILING_SPACE) for f in flags], sent_starts=sent_starts)
    sdoc.user_data[GAPS] = [i for i, f in enumerate(flags) if f & GAP]
    return sdoc


def source_indices(sdoc: Doc) -> list[int]:
    """Indices of the tokens of ``sdoc`` that are tokens (not text between source tokens)."""
    gaps = set(sdoc.user_data.get(GAPS, ()))
    return [i for i in range(len(sdoc)) if i not in gaps]
