"""The first, token-by-token chunker of the ner config, kept as the oracle of exports.hf.chunks.

It works one document at a time on Python lists; the export now works on whole batches in
arrays. Tests hold the two equal on real and generated text.

Original description: a document cut into chunks of tokens with IOB2 tags.

A chunk is a paragraph (text between line breaks), cut at sentence boundaries when it has more
than ``max_tokens`` tokens, so it fits a 512-subword encoder. A cut is never placed inside an
entity: the chunk grows instead. Sentence boundaries follow the rule of spaCy's sentencizer
(a token after sentence-final punctuation starts a sentence).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterator

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SPACY
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer

from annotator.errors import ExportError
from annotator.model import Document, Span

MAX_TOKENS = 200
PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)


@dataclass(frozen=True, slots=True)
class Chunk:
    """Tokens of ``text[start:end]``; ``tags`` are indices into the IOB2 names."""

    start: int
    end: int
    tokens: list[str]
    spaces: list[bool]
    tags: list[int]


def span_text(doc: Document, span: Span) -> str:
    return doc.article.text[span.start:span.end]


def describe(doc: Document, span: Span) -> str:
    return f"article {doc.article.id}: entity ({span.start}, {span.end}, {span.label}) {span_text(doc, span)!r}"


def check_entities(doc: Document, labels: set[str]) -> list[Span]:
    """The entities sorted; ExportError for one outside the text, unknown, or overlapping another."""
    ents = sorted(doc.entities)
    n = len(doc.article.text)
    for i, ent in enumerate(ents):
        if not 0 <= ent.start < ent.end <= n:
            raise ExportError(f"{describe(doc, ent)} lies outside the text (length {n})")
        if ent.label not in labels:
            raise ExportError(f"{describe(doc, ent)} has a label the schema does not know")
        if i and ents[i - 1].end > ent.start:
            raise ExportError(f"{describe(doc, ents[i - 1])} overlaps {describe(doc, ent).split(': ', 1)[1]}")
    return ents


class ChunkEncoder:
    """Cuts documents into :class:`Chunk` objects with the project tokenizer."""

    def __init__(self, nlp: Language, names: list[str], max_tokens: int = MAX_TOKENS) -> None:
        self.nlp = nlp
        self.index = {name: i for i, name in enumerate(names)}
        self.labels = {name[2:] for name in names if name != "O"}
        self.max_tokens = max_tokens

    def chunks(self, document: Document) -> Iterator[Chunk]:
        text = document.article.text
        ents = check_entities(document, self.labels)
        doc = self.nlp.make_doc(text)
        # One array read instead of a Python Token object per token (the export's hot path).
        columns = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE, IS_PUNCT]).T.tolist() if len(doc) else [[]] * 5
        starts, lengths, trailing_ws, space, punct = columns
        ends = [a + n for a, n in zip(starts, lengths)]
        words = [text[a:b] for a, b in zip(starts, ends)]
        iob = iob_tags(starts, ends, ents, document)
        tags = [self.index[t] for t in iob]
        inside = [t.startswith("I-") for t in iob]  # a cut before this token would split an entity
        trailing = [bool(x) for x in trailing_ws]
        for a, b in self._ranges(punct, words, space, inside):
            spaces = trailing[a:b]
            spaces[-1] = False
            yield Chunk(starts[a], ends[b - 1], words[a:b], spaces, tags[a:b])

    def _ranges(self, punct: list[int], words: list[str], space: list[bool], inside: list[bool]) -> Iterator[tuple[int, int]]:
        start = 0
        for i, word in enumerate(words):
            if space[i] and "\n" in word and not inside[i] and not (i + 1 < len(words) and inside[i + 1]):
                yield from self._paragraph(start, i, punct, words, space, inside)
                start = i + 1
        yield from self._paragraph(start, len(words), punct, words, space, inside)

    def _paragraph(self, a: int, b: int, punct: list[int], words: list[str], space: list[bool], inside: list[bool]) -> Iterator[tuple[int, int]]:
        if b - a <= self.max_tokens:
            yield from _strip(a, b, space, inside)
            return
        cur = a
        sentence = a
        for s in [*self._sentence_starts(a, b, punct, words, inside), b]:
            if s - cur > self.max_tokens and sentence > cur:
                yield from _strip(cur, sentence, space, inside)
                cur = sentence
            while s - cur > self.max_tokens:  # one sentence too long: cut between tokens
                cut = _cut(cur, s, self.max_tokens, inside)
                yield from _strip(cur, cut, space, inside)
                cur = cut
            sentence = s
        yield from _strip(cur, b, space, inside)

    @staticmethod
    def _sentence_starts(a: int, b: int, punct: list[int], words: list[str], inside: list[bool]) -> Iterator[int]:
        seen_period = False
        for i in range(a, b):
            is_punct_char = words[i] in PUNCT_CHARS
            if seen_period and not punct[i] and not is_punct_char:
                if not inside[i]:
                    yield i
                seen_period = False
            elif is_punct_char:
                seen_period = True


def iob_tags(starts: list[int], ends: list[int], ents: list[Span], document: Document) -> list[str]:
    """IOB2 tags of the tokens with these edges: what spaCy's ``offsets_to_biluo_tags`` followed by
    ``biluo_to_iob`` gives, without building BILUO strings (a test holds the two equal)."""
    tags = ["O"] * len(starts)
    for ent in ents:
        i = bisect_left(starts, ent.start)
        j = bisect_left(ends, ent.end)
        if i >= len(starts) or starts[i] != ent.start or j >= len(ends) or ends[j] != ent.end or j < i:
            raise ExportError(f"{describe(document, ent)} does not start and end on token boundaries")
        tags[i] = "B-" + ent.label
        for k in range(i + 1, j + 1):
            tags[k] = "I-" + ent.label
    return tags


def _cut(a: int, b: int, width: int, inside: list[bool]) -> int:
    """A token position in (a, b) near ``a + width`` that no entity spans."""
    for i in range(a + width, a, -1):
        if not inside[i]:
            return i
    return next((i for i in range(a + width + 1, b) if not inside[i]), b)


def _strip(a: int, b: int, space: list[bool], inside: list[bool]) -> Iterator[tuple[int, int]]:
    while a < b and space[a] and not inside[a] and not (a + 1 < b and inside[a + 1]):
        a += 1
    while b > a and space[b - 1] and not inside[b - 1]:
        b -= 1
    if a < b:
        yield a, b
