"""A section classifier learned from corrected articles, combined with the section rules.

The rules (:mod:`.rules`) give every line a kind; a spaCy ``textcat`` (bag of words, exclusive
classes ``content``, ``boilerplate``, ``headline``, ``byline``, ``dateline``, ``caption``) trained on the lines
of articles whose sections an annotator fixed decides, where it is confident, that a line is page
chrome, a headline, byline, dateline or caption (a site's own format the rules miss), or that a line the
rules call boilerplate is content (``promote``). Ledes and marker phrases stay the rules' (markers
still cut lines). Its input is the line's words plus layout tokens (the
rules' kind, position, prose, length, main content, chrome) and one token for the line's whole
normalized text, so it learns the corrections of the rules as well as a site's chrome and captions,
which repeat from article to article. Boilerplate it decides is not *confident* boilerplate: entity
suggestions there are kept.

Settings (:data:`DEFAULTS`, recorded in the model's meta) were chosen on the tuned pages of
benchmarks/eval_sections_learned.py only: same-site (a page scored after training on other pages of
its site, ``--same-site --tuned-only``), the classifier with promotion and the line token raised
label F1 0.387 -> 0.529 with body F1 0.975 -> 0.973 (0.451 -> 0.537 and 0.979 -> 0.973 with the
caption type; README, Section pre-labeling); across sites (``--cv 5``) promotion lowers
both, so it pays only where a project's own sites repeat, which the per-version gate
(:mod:`annotator.nlp.learning.section_training`) checks on the project's held-out articles.

Use::

    model = train_section_classifier(corrected, seed=0)       # [(text, sections, main_content, title)]
    tagger = LearnedSections(rules_tagger, model)
    tagger.char_spans(text, main_content, title)
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from typing import Any, Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from annotator.errors import ModelError
from annotator.nlp.sections.tagger import SectionTagger, resolve_labels
from annotator.nlp.sections.lines import Line, is_furniture, normalized
from annotator.nlp.sections.rules import (
    BODY, BOILERPLATE, BYLINE, CAPTION, DATELINE, HEADLINE, UNSURE, assemble, line_kinds,
)
from annotator.nlp.sections.story import main_flags

CONTENT = "content"
LINE_TYPES = (HEADLINE, BYLINE, DATELINE, CAPTION)  # whole-line types an annotator may fix a line to
CLASSES = (CONTENT, BOILERPLATE, *LINE_TYPES)
TEXTCAT = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2, "no_output_layer": False}
FEATURES = "base"  # what models without a recorded feature set read (the first classifier)
# The settings of a new classifier, recorded in its meta (``nlp.meta[META]``) and used with it.
DEFAULTS: dict[str, Any] = {"features": "base,line", "epochs": 8, "min_updates": 50, "threshold": 0.7, "promote": True}
BATCH = 32
META = "section_classifier"
PROMOTED = "section_classifier_promoted"
SEEN = "seen"  # promote only lines seen corrected to content, word for word
_NOT_STORY = (BOILERPLATE, UNSURE, HEADLINE, BYLINE, DATELINE, CAPTION)
Correction = tuple[str, Sequence[tuple[int, int, str]], "Sequence[Sequence[int]] | None", "str | None"]


def line_features(lines: list[Line], kinds: list[str], main: list[bool], features: str = FEATURES) -> list[str]:
    """The text the classifier reads for each line: layout tokens, then the line's first words.

    ``features`` names the groups (comma-separated): ``base`` (the rules' kind, position, prose,
    length, main content, chrome), ``line`` (one token for the line's whole normalized text: a
    site's chrome repeats word for word), ``nbr`` (the rules' kinds of the lines before and after),
    ``rel`` (before, inside or after the story, as the rules' content lines span it)."""
    groups = set(features.split(","))
    n = len(lines)
    content = [i for i, k in enumerate(kinds) if k not in _NOT_STORY]
    first, last = (content[0], content[-1]) if content else (n, -1)
    out = []
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        layout = [
            f"kind_{_kind(kind)}", f"pos_{10 * i // n}",
            f"prose_{int(line.prose)}", f"len_{min(line.words, 40) // 5}", f"main_{int(main[i])}",
            f"chrome_{int(is_furniture(line))}",
        ]
        if "line" in groups:
            norm = normalized(line.text)
            layout.append(f"line_{line_key(line)}" if norm else "line_none")
        if "nbr" in groups:
            layout += [f"prev_{_kind(kinds[i - 1]) if i else 'none'}", f"next_{_kind(kinds[i + 1]) if i + 1 < n else 'none'}"]
        if "rel" in groups:
            layout.append("rel_before" if i < first else "rel_after" if i > last else "rel_in")
        out.append(" ".join(layout) + " | " + " ".join(line.text.lower().split()[:40]))
    return out


def _kind(kind: str) -> str:
    return f"{kind.strip('?')}{'_unsure' if kind == UNSURE else ''}"


def line_classes(lines: list[Line], sections: Sequence[tuple[int, int, str]]) -> list[str | None]:
    """The corrected class of each line: that of the section holding its start (None: none does)."""
    ordered = sorted(sections)
    starts = [s for s, _e, _l in ordered]
    out: list[str | None] = []
    for line in lines:
        k = bisect_right(starts, line.start) - 1
        if k < 0 or ordered[k][1] <= line.start:
            out.append(None)
        else:
            label = ordered[k][2]
            out.append(label if label in (BOILERPLATE, *LINE_TYPES) else CONTENT)
    return out


def training_lines(corrected: Iterable[Correction], features: str = FEATURES) -> list[tuple[str, str]]:
    """``(features, class)`` for every line of the corrected articles that a section covers."""
    return [(f, c) for _line, _kind, f, c in _corrected_lines(corrected, features)]


def _corrected_lines(corrected: Iterable[Correction], features: str) -> Iterator[tuple[Line, str, str, str]]:
    """``(line, the rules' kind, features, corrected class)`` of every covered line."""
    for text, sections, main_content, title in corrected:
        lines, kinds = line_kinds(text, main_content, title)
        feats = line_features(lines, kinds, main_flags(lines, main_content), features)
        for line, kind, f, c in zip(lines, kinds, feats, line_classes(lines, sections)):
            if c is not None:
                yield line, kind, f, c


def line_key(line: Line) -> str:
    """A short hash of the line's normalized text: what a site repeats word for word."""
    return hashlib.sha1(normalized(line.text).encode()).hexdigest()[:12]


def train_section_classifier(corrected: Iterable[Correction], *, epochs: int | None = None, seed: int = 0,
                             features: str | None = None, min_updates: int | None = None,
                             threshold: float | None = None, promote: bool | str | None = None) -> Language:
    """A blank pipeline with a ``textcat`` trained on the corrected articles' lines; its settings
    (:data:`DEFAULTS` unless given) are recorded in ``nlp.meta[META]`` for :class:`LearnedSections`.

    ``epochs`` passes over the lines, more when that makes fewer than ``min_updates`` batches (a
    few articles are a single batch: eight updates do not learn a site's chrome)."""
    given = {"features": features, "epochs": epochs, "min_updates": min_updates, "threshold": threshold, "promote": promote}
    settings = {k: DEFAULTS[k] if v is None else v for k, v in given.items()}
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": TEXTCAT})
    for label in CLASSES:
        textcat.add_label(label)
    covered = list(_corrected_lines(corrected, settings["features"]))
    examples = [Example.from_dict(nlp.make_doc(f), {"cats": {c: float(c == cls) for c in CLASSES}})
                for _line, _kind, f, cls in covered]
    if not examples:
        raise ModelError("section classifier: no corrected lines to learn from (correct some articles' sections first)")
    optimizer = nlp.initialize(lambda: examples)
    batches = -(-len(examples) // BATCH)
    for _ in range(max(settings["epochs"], -(-settings["min_updates"] // batches))):
        for batch in minibatch(examples, size=BATCH):
            nlp.update(batch, sgd=optimizer)
    nlp.meta[META] = settings
    # Lines the rules call boilerplate that the annotator kept as content: with promote "seen",
    # only these (word for word) may be turned into body.
    nlp.meta[PROMOTED] = sorted({line_key(l) for l, kind, _f, cls in covered
                                 if cls == CONTENT and kind in (BOILERPLATE, UNSURE) and normalized(l.text)})
    return nlp


def use_classifier(tagger: SectionTagger, model: Language) -> None:
    """Make ``tagger`` (e.g. the pre-labeling pipeline's section component) decide with ``model``."""
    tagger.refiner = LearnedSections(tagger, model)


class LearnedSections:
    """The rules' sections with body/boilerplate lines decided by the classifier where it is sure."""

    def __init__(self, rules: SectionTagger, model: Language, threshold: float | None = None,
                 promote: bool | str | None = None) -> None:
        recorded = model.meta.get(META) or {}  # a model saved before settings were recorded: the first ones
        self.rules = rules
        self.model = model
        self.features = str(recorded.get("features", FEATURES))
        self.threshold = float(recorded.get("threshold", 0.7) if threshold is None else threshold)
        # Also turn the rules' boilerplate into body: never (False), always (True), or only lines
        # seen corrected so in training (SEEN).
        want = recorded.get("promote", False) if promote is None else promote
        self.promote: bool | str = SEEN if want == SEEN else bool(want)
        self.promoted = frozenset(model.meta.get(PROMOTED) or ())

    def char_spans(self, text: str, main_content: Sequence[Sequence[int]] | None = None,
                   title: str | None = None) -> list[tuple[int, int, str]]:
        return self.analyse(text, main_content, title)[0]

    def analyse(self, text: str, main_content: Sequence[Sequence[int]] | None = None, title: str | None = None,
                ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
        """Like :meth:`SectionTagger.analyse`: the sections and the confident boilerplate (the
        rules' own, where the classifier left it so)."""
        lines, kinds = line_kinds(text, main_content, title)
        open_ = [i for i, k in enumerate(kinds) if k in (BODY, BOILERPLATE, UNSURE, *LINE_TYPES)]
        feats = line_features(lines, kinds, main_flags(lines, main_content), self.features)
        for i, doc in zip(open_, self.model.pipe(feats[i] for i in open_)):
            best = max(doc.cats, key=doc.cats.__getitem__)
            if doc.cats[best] < self.threshold or best == kinds[i]:
                continue
            if best == BOILERPLATE and kinds[i] not in (BOILERPLATE, UNSURE):
                kinds[i] = UNSURE
            elif best in LINE_TYPES:  # a site's own byline, dateline or caption format, a headline the rules missed
                kinds[i] = best
            elif best == CONTENT and (kinds[i] in LINE_TYPES or (
                    self.promote and kinds[i] != BODY and (self.promote != SEEN or line_key(lines[i]) in self.promoted))):
                kinds[i] = BODY
        found = assemble(text, lines, kinds, self.rules.markers)
        sure = [(s, e) for s, e, kind in found if kind == BOILERPLATE] if BOILERPLATE in self.rules.labels else []
        return resolve_labels(found, self.rules.labels), sure
