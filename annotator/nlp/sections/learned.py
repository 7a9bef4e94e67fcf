"""A section classifier learned from corrected articles, combined with the section rules.

The rules (:mod:`.rules`) give every line a kind; a spaCy ``textcat`` (bag of words, exclusive
classes ``content`` / ``boilerplate``) trained on the lines of articles whose sections an annotator
fixed decides, where it is confident, that a body line is page chrome (turning boilerplate into
body as well is an option: it lowered the cross-validated score, see benchmarks/eval_sections_learned.py).
Headlines, bylines, datelines, ledes and marker phrases stay the rules' (markers still cut lines).
Its input is the line's words plus layout tokens (the rules' kind, position, prose, length, main
content, chrome), so it learns the corrections of the rules as well as the words of a site's chrome.
Boilerplate it decides is not *confident* boilerplate: entity suggestions there are kept.

Use::

    model = train_section_classifier(corrected, seed=0)       # [(text, sections, main_content, title)]
    tagger = LearnedSections(rules_tagger, model)
    tagger.char_spans(text, main_content, title)
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from annotator.errors import ModelError
from annotator.nlp.sections.tagger import SectionTagger, resolve_labels
from annotator.nlp.sections.lines import Line, is_furniture
from annotator.nlp.sections.rules import BODY, BOILERPLATE, UNSURE, assemble, line_kinds
from annotator.nlp.sections.story import main_flags

CONTENT = "content"
CLASSES = (CONTENT, BOILERPLATE)
TEXTCAT = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2, "no_output_layer": False}
Correction = tuple[str, Sequence[tuple[int, int, str]], "Sequence[Sequence[int]] | None", "str | None"]


def line_features(lines: list[Line], kinds: list[str], main: list[bool]) -> list[str]:
    """The text the classifier reads for each line: layout tokens, then the line's first words."""
    n = len(lines)
    out = []
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        layout = [
            f"kind_{kind.strip('?')}{'_unsure' if kind == UNSURE else ''}", f"pos_{10 * i // n}",
            f"prose_{int(line.prose)}", f"len_{min(line.words, 40) // 5}", f"main_{int(main[i])}",
            f"chrome_{int(is_furniture(line))}",
        ]
        out.append(" ".join(layout) + " | " + " ".join(line.text.lower().split()[:40]))
    return out


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
            out.append(BOILERPLATE if ordered[k][2] == BOILERPLATE else CONTENT)
    return out


def training_lines(corrected: Iterable[Correction]) -> list[tuple[str, str]]:
    """``(features, class)`` for every line of the corrected articles that a section covers."""
    out = []
    for text, sections, main_content, title in corrected:
        lines, kinds = line_kinds(text, main_content, title)
        feats = line_features(lines, kinds, main_flags(lines, main_content))
        out += [(f, c) for f, c in zip(feats, line_classes(lines, sections)) if c is not None]
    return out


def train_section_classifier(corrected: Iterable[Correction], *, epochs: int = 8, seed: int = 0) -> Language:
    """A blank pipeline with a ``textcat`` trained on the corrected articles' lines."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": TEXTCAT})
    for label in CLASSES:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(f), {"cats": {c: float(c == cls) for c in CLASSES}})
                for f, cls in training_lines(corrected)]
    if not examples:
        raise ModelError("section classifier: no corrected lines to learn from (correct some articles' sections first)")
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer)
    return nlp


def use_classifier(tagger: SectionTagger, model: Language) -> None:
    """Make ``tagger`` (e.g. the pre-labeling pipeline's section component) decide with ``model``."""
    tagger.refiner = LearnedSections(tagger, model)


class LearnedSections:
    """The rules' sections with body/boilerplate lines decided by the classifier where it is sure."""

    def __init__(self, rules: SectionTagger, model: Language, threshold: float = 0.7, promote: bool = False) -> None:
        self.rules = rules
        self.model = model
        self.threshold = threshold
        self.promote = promote  # also turn the rules' boilerplate into body (worse in cross-validation)

    def char_spans(self, text: str, main_content: Sequence[Sequence[int]] | None = None,
                   title: str | None = None) -> list[tuple[int, int, str]]:
        return self.analyse(text, main_content, title)[0]

    def analyse(self, text: str, main_content: Sequence[Sequence[int]] | None = None, title: str | None = None,
                ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
        """Like :meth:`SectionTagger.analyse`: the sections and the confident boilerplate (the
        rules' own, where the classifier left it so)."""
        lines, kinds = line_kinds(text, main_content, title)
        open_ = [i for i, k in enumerate(kinds) if k in (BODY, BOILERPLATE, UNSURE)]
        feats = line_features(lines, kinds, main_flags(lines, main_content))
        for i, doc in zip(open_, self.model.pipe(feats[i] for i in open_)):
            if doc.cats[BOILERPLATE] >= self.threshold and kinds[i] == BODY:
                kinds[i] = UNSURE
            elif self.promote and doc.cats[CONTENT] >= self.threshold and kinds[i] != BODY:
                kinds[i] = BODY
        found = assemble(text, lines, kinds, self.rules.markers)
        sure = [(s, e) for s, e, kind in found if kind == BOILERPLATE] if BOILERPLATE in self.rules.labels else []
        return resolve_labels(found, self.rules.labels), sure
