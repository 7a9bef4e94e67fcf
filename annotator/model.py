"""Plain data of the core: articles, spans, layers, statuses and origins.

Offsets are Python code points into ``Article.text``, end excluded. The text of an article never
changes after import, so an offset stays valid for the life of the project.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

ENTITIES = "entities"
SECTIONS = "sections"
LAYERS: tuple[str, str] = (ENTITIES, SECTIONS)


class Status(str, Enum):
    """Where an article stands in the annotation work."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


IMPORTED_MODEL = "imported"  # the model name recorded for suggestions that came with an imported file


class Origin(str, Enum):
    """Where a current annotation came from."""

    SUGGESTED = "suggested"  # the model's suggestion, untouched
    EDITED = "edited"  # a suggestion the annotator relabeled or resized
    ADDED = "added"  # drawn by hand
    IMPORTED = "imported"  # came with the input file


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A labeled character range ``[start, end)`` of an article's text."""

    start: int
    end: int
    label: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True, order=True)
class Suggestion:
    """A span proposed by a model, with its score when the model gives one."""

    start: int
    end: int
    label: str
    score: float | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.label)


@dataclass(frozen=True, slots=True)
class Article:
    """One imported text and its source metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class SourceTokens:
    """The tokens an article arrived with (CoNLL, Prodigy ``tokens``, a DocBin, the HF ``ner`` config).

    A gold corpus's tokenization is part of the gold: these replace the project tokenizer's for
    the article, in snapping and in every token-level export. ``sentence_starts`` holds the index
    of the first token of each sentence (always 0 first when there are tokens).
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sentence_starts: tuple[int, ...] = (0,)

    def __len__(self) -> int:
        return len(self.starts)

    def check(self, text_length: int) -> str | None:
        """The first problem of these tokens against a text of ``text_length``, or None."""
        last = 0
        for i, (a, b) in enumerate(zip(self.starts, self.ends)):
            if not (last <= a < b <= text_length):
                return f"token {i} [{a}, {b}) is empty, out of order or outside the text (length {text_length})"
            last = b
        if len(self.starts) != len(self.ends) or any(not 0 <= k < max(len(self.starts), 1) for k in self.sentence_starts):
            return "token starts, ends and sentence starts do not match"
        return None


@dataclass(slots=True)
class Document:
    """An article with everything annotated on it: what readers yield and exporters take."""

    article: Article
    entities: list[Span] = field(default_factory=list)
    sections: list[Span] = field(default_factory=list)
    entities_suggested: list[Suggestion] = field(default_factory=list)
    sections_suggested: list[Suggestion] = field(default_factory=list)
    status: Status = Status.NEW
    annotator: str | None = None
    updated_at: datetime | None = None
    source: str | None = None  # "file:line" of the input, for error messages
    tokens: SourceTokens | None = None  # the tokens the article arrived with, if any

    def spans(self, layer: str) -> list[Span]:
        return self.entities if layer == ENTITIES else self.sections

    def suggestions(self, layer: str) -> list[Suggestion]:
        return self.entities_suggested if layer == ENTITIES else self.sections_suggested


def article_id(text: str) -> str:
    """The content hash that identifies an article: importing the same text twice is a no-op."""
    # surrogatepass: a broken text still gets an id, so the import can refuse it with a clear message
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Text after import normalization, with a map from raw offsets to normalized ones."""

    text: str
    removed: tuple[int, ...]  # raw offsets of the characters that were dropped

    def offset(self, raw: int) -> int:
        """Map an offset into the raw text onto the normalized text."""
        return raw - bisect_right(self.removed, raw - 1)


def normalize_text(raw: str) -> NormalizedText:
    """Drop a leading BOM and fold ``\\r\\n`` and lone ``\\r`` into ``\\n``.

    This is the only change the text ever gets; offsets given against the raw text are mapped
    with :meth:`NormalizedText.offset`.
    """
    removed: list[int] = []
    if raw.startswith("\ufeff"):
        removed.append(0)
    if "\r" not in raw:
        return NormalizedText(raw[1:] if removed else raw, tuple(removed))
    out: list[str] = []
    start = 1 if removed else 0
    i = start
    n = len(raw)
    while i < n:
        j = raw.find("\r", i)
        if j < 0:
            out.append(raw[i:])
            break
        out.append(raw[i:j])
        if j + 1 < n and raw[j + 1] == "\n":
            removed.append(j)
        else:
            out.append("\n")
        i = j + 1
    return NormalizedText("".join(out), tuple(removed))
