"""Section pre-labeling: a spaCy component that cuts an article into headline, lede, marked
sections, body and boilerplate, with the project's own section labels.

Use::

    add_section_pipe(nlp, schema)      # any pipeline: blank, or tokenizer + NER
    doc.user_data["main_content"] = article.meta.get("main_content")   # optional hints
    doc.user_data["title"] = article.title
    doc = nlp(doc_or_text)
    doc.spans["sections"]              # non-overlapping, token-aligned, in text order

Hints (both optional, read from ``doc.user_data`` before the component runs):
``main_content`` is a list of ``[start, end)`` character ranges of the page's main content (the
HTML reader stores it in ``Article.meta["main_content"]``); ``title`` is the page title, used to
find the headline line.

Labels come from the schema: a marked type is produced only when the schema has it (its markers
are the phrases that open it). Kinds the schema lacks fall back: ``byline``, ``dateline`` and
``caption`` become ``boilerplate`` (entities inside still kept); ``headline``, ``lede`` and marked
types (the standard markers of docs/sections.md still cut the text there) become ``body``; without ``body``, body text extends the content section before it (or takes ``lede``,
then ``headline``, when none precedes it, and is left out when neither exists); without ``boilerplate``, boilerplate text gets no span
(a pre-label never calls page chrome content). Except for those gaps, the spans cover every
non-whitespace character. The component needs only a tokenizer; it is rule-based and cheap.

Entity suggestions are dropped only inside *confident* boilerplate (:meth:`SectionTagger.analyse`
gives its ranges; the component leaves them in ``doc.user_data["sure_boilerplate"]``): chrome,
link lists, headline repeats and non-prose lines outside the page's main content. Boilerplate the
rules are less sure of (lines outside the story without a hint, metadata) keeps them, and so do
captions (``caption``: a picture's caption or credit line).
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Protocol, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annotator.model import SECTIONS
from annotator.nlp.sections.markers import marker_pattern
from annotator.nlp.sections.rules import (
    BODY, BOILERPLATE, BYLINE, CAPTION, DATELINE, HEADLINE, LEDE, UNSURE, find_sections,
)
from annotator.schema import DEFAULT_SECTIONS, Schema

SPANS_KEY = "sections"
PIPE_NAME = "news_sections"
FALLBACK_CONTENT = (LEDE, HEADLINE)


@Language.factory(
    PIPE_NAME,
    default_config={"labels": [HEADLINE, LEDE, BODY, BOILERPLATE], "markers": [], "spans_key": SPANS_KEY},
)
def make_news_sections(
    nlp: Language, name: str, labels: list[str], markers: list[list[str]], spans_key: str
) -> SectionTagger:
    return SectionTagger(labels, [(phrase, label) for phrase, label in markers], spans_key)


class SectionTagger:
    """Sets ``doc.spans[spans_key]`` to the article's sections."""

    def __init__(self, labels: Sequence[str], markers: Iterable[tuple[str, str]], spans_key: str = SPANS_KEY) -> None:
        self.labels = tuple(labels)
        self.spans_key = spans_key
        markers = list(markers)
        # Markers of the standard types the schema lacks still open a section (of body).
        known = {p.lower() for p, _ in markers}
        standard = [(p, name) for name, phrases in DEFAULT_SECTIONS for p in phrases if p.lower() not in known]
        self.markers = marker_pattern([*markers, *standard])
        self.refiner: _Refiner | None = None  # a learned classifier over the rules (sections.learned)

    def __call__(self, doc: Doc) -> Doc:
        title = doc.user_data.get("title")
        main_content = doc.user_data.get("main_content")
        spans, sure = self.analyse(doc.text, main_content, title if isinstance(title, str) else None)
        doc.spans[self.spans_key] = token_spans(doc, spans)
        doc.user_data["sure_boilerplate"] = sure
        return doc

    def char_spans(self, text: str, main_content: Sequence[Sequence[int]] | None = None,
                   title: str | None = None) -> list[tuple[int, int, str]]:
        """The sections of ``text`` as character spans with project labels (no tokenization)."""
        if self.refiner is not None:
            return self.refiner.analyse(text, main_content, title)[0]
        return resolve_labels(find_sections(text, self.markers, main_content, title), self.labels)

    def analyse(self, text: str, main_content: Sequence[Sequence[int]] | None = None, title: str | None = None,
                ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
        """:meth:`char_spans` and the ranges of confident boilerplate, where entity suggestions are
        dropped (none when the schema has no ``boilerplate`` type)."""
        if self.refiner is not None:
            return self.refiner.analyse(text, main_content, title)
        found = find_sections(text, self.markers, main_content, title)
        sure = [(s, e) for s, e, kind in found if kind == BOILERPLATE] if BOILERPLATE in self.labels else []
        return resolve_labels(found, self.labels), sure


class _Refiner(Protocol):
    def analyse(self, text: str, main_content: Sequence[Sequence[int]] | None, title: str | None,
                ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]: ...


def add_section_pipe(nlp: Language, schema: Schema, name: str = PIPE_NAME) -> SectionTagger:
    """Add (or replace) the section component, configured from the schema's section types."""
    labels = schema.names(SECTIONS)
    markers = [[phrase, label.name] for label in schema.labels(SECTIONS) for phrase in label.markers]
    if name in nlp.pipe_names:
        nlp.remove_pipe(name)
    return nlp.add_pipe(PIPE_NAME, name=name, last=True, config={"labels": labels, "markers": markers})


def resolve_labels(spans: Iterable[tuple[int, int, str]], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Map rule kinds onto the schema's labels, with the fallbacks in the module docstring."""
    have = set(labels)
    orphan = next((l for l in FALLBACK_CONTENT if l in have), None)
    out: list[list] = []
    for start, end, kind in spans:
        if kind == UNSURE or (kind in (BYLINE, DATELINE, CAPTION) and kind not in have):
            kind = BOILERPLATE
        if kind not in have and kind != BOILERPLATE:
            kind = BODY  # headline, lede and marked types the schema lacks
        if kind == BODY and kind not in have:
            if out and out[-1][2] != BOILERPLATE and out[-1][1] <= start:
                out[-1][1] = end  # continues the content section before it
                continue
            kind = orphan or ""
        if kind not in have:
            continue
        if out and kind in (BODY, BOILERPLATE) and out[-1][2] == kind:
            out[-1][1] = end
        else:
            out.append([start, end, kind])
    return [(s, e, k) for s, e, k in out]


def token_spans(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> list[SpacySpan]:
    """Token-aligned spaCy spans; a token cut by a boundary stays whole in the earlier section."""
    if len(doc) == 0:
        return []
    starts = doc.to_array("IDX").tolist()
    out: list[SpacySpan] = []
    prev_end = 0
    for start, end, label in spans:
        first = max(bisect_right(starts, start) - 1, 0, prev_end)
        last = bisect_right(starts, end - 1)
        if last <= first:
            continue
        out.append(SpacySpan(doc, first, last, label=label))
        prev_end = last
    return out
