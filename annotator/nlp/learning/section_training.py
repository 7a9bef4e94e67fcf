"""The section classifier of a model version: trained from the done articles' sections, scored on
the same hash-held-out slice as the entities, against the section rules alone.

Scores are spaCy's :meth:`~spacy.scorer.Scorer.score_spans` over ``doc.spans["sections"]``:
**boundary** (``labeled=False``: exact start and end) and **label** (exact span and label, per
label too). The classifier (:mod:`annotator.nlp.sections.learned`) is used for pre-labeling only
when its held-out label F1 beats the rules' and the win holds in at least :data:`CONFIDENCE` of
paired bootstrap resamples of the held-out articles (a slice of a few articles makes a win of
0.002 noise, and the rules are the safe default); too few articles with sections skip it with a
note, never failing the entity training. The bootstrap is a dozen lines over per-article counts,
written here because spaCy's scorer gives only pooled scores.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from annotator.errors import AnnotatorError
from annotator.model import SECTIONS, Document, Status
from annotator.nlp.learning.training_data import is_held_out
from annotator.nlp.sections.learned import Correction, LearnedSections, train_section_classifier
from annotator.nlp.sections.tagger import SectionTagger
from annotator.schema import Schema
from annotator.store.project import Project
from annotator.store.layers.trusted import has_team_layers, train_annotations

MIN_SECTION_ARTICLES = 5  # done articles with sections in the training slice (and one held out)
RESAMPLES = 1000  # paired bootstrap resamples of the held-out articles
CONFIDENCE = 0.95  # share of resamples the classifier must win to be used
CharSpans = Sequence[tuple[int, int, str]]


def section_documents(project: Project) -> Iterator[Document]:
    """The documents whose sections a classifier learns from: the same trusted annotations as
    the entities (adjudicated, else done and not conflicting), with at least one section."""
    docs: Iterable[Document | None]
    if has_team_layers(project):
        docs = (train_annotations(project, a) for a in project.ids())
    else:
        docs = project.documents(Status.DONE)
    for doc in docs:
        if doc is not None and doc.sections:
            yield doc


def correction(doc: Document) -> Correction:
    a = doc.article
    return a.text, [(s.start, s.end, s.label) for s in doc.sections], a.meta.get("main_content"), a.title


def rules_tagger(schema: Schema) -> SectionTagger:
    markers = [(phrase, label.name) for label in schema.labels(SECTIONS) for phrase in label.markers]
    return SectionTagger(schema.names(SECTIONS), markers)


def section_scores(texts: list[str], gold: list[CharSpans], predicted: list[CharSpans]) -> dict[str, Any]:
    """Boundary and label precision/recall/F1 of ``predicted`` against ``gold`` sections."""
    nlp = spacy.blank("en")
    examples = [Example(_doc(nlp, t, p), _doc(nlp, t, g)) for t, g, p in zip(texts, gold, predicted)]
    getter = lambda doc, _attr: doc.spans[SECTIONS]  # noqa: E731
    bounds = Scorer.score_spans(examples, "sections", getter=getter, labeled=False)
    labels = Scorer.score_spans(examples, "sections", getter=getter, labeled=True)
    prf = lambda raw: {k: round(float(raw[f"sections_{k}"] or 0.0), 4) for k in ("p", "r", "f")}  # noqa: E731
    per = {l: {k: round(float(v[k]), 4) for k in ("p", "r", "f")} for l, v in (labels.get("sections_per_type") or {}).items()}
    return {"boundary": prf(bounds), "label": {**prf(labels), "per_label": per}}


def article_counts(texts: list[str], gold: list[CharSpans], predicted: list[CharSpans]) -> list[tuple[int, int, int]]:
    """Per article, ``(correct, predicted, gold)`` section counts as the label score counts them
    (exact token span and label)."""
    nlp = spacy.blank("en")
    out = []
    for t, g, p in zip(texts, gold, predicted):
        want, got = ({(s.start, s.end, s.label_) for s in doc.spans[SECTIONS]} for doc in (_doc(nlp, t, g), _doc(nlp, t, p)))
        out.append((len(want & got), len(got), len(want)))
    return out


def bootstrap_wins(rules: list[tuple[int, int, int]], learned: list[tuple[int, int, int]], seed: int = 0,
                   resamples: int = RESAMPLES) -> float:
    """The share of paired resamples of the articles in which ``learned`` has the higher pooled
    label F1 (ties count as losses)."""
    a, b = np.asarray(rules, dtype=float), np.asarray(learned, dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(a), size=(resamples, len(a)))

    def f1(counts: np.ndarray) -> np.ndarray:
        tp, pred, gold = (counts[picks, k].sum(axis=1) for k in range(3))
        return np.divide(2 * tp, pred + gold, out=np.zeros(resamples), where=pred + gold > 0)

    return float(np.mean(f1(b) > f1(a)))


def _doc(nlp: Language, text: str, spans: CharSpans) -> Doc:
    doc = nlp.make_doc(text)
    found = [doc.char_span(s, e, label=l, alignment_mode="contract") for s, e, l in spans]
    doc.spans[SECTIONS] = [f for f in found if f is not None]
    return doc


def train_sections(project: Project, seed: int = 0) -> tuple[dict[str, Any], Language | None]:
    """The section record of a new version and its classifier (None when skipped)."""
    train: list[Document] = []
    held: list[Document] = []
    for doc in section_documents(project):
        (held if is_held_out(doc.article.id) else train).append(doc)
    record: dict[str, Any] = {"train_articles": len(train), "held_out_articles": len(held), "trained": False, "used": False}
    if len(train) < MIN_SECTION_ARTICLES or not held:
        record["note"] = (f"section classifier not trained: {len(train)} done article(s) with sections to train on and "
                          f"{len(held)} held out; needs {MIN_SECTION_ARTICLES} and 1")
        return record, None
    rules = rules_tagger(project.schema)
    try:
        model = train_section_classifier([correction(d) for d in train], seed=seed)
    except (AnnotatorError, ValueError) as exc:
        record["note"] = f"section classifier not trained: {exc}"
        return record, None
    learned = LearnedSections(rules, model)
    texts = [d.article.text for d in held]
    gold = [[(s.start, s.end, s.label) for s in d.sections] for d in held]
    hints = [(d.article.meta.get("main_content"), d.article.title) for d in held]
    by_rules = [rules.char_spans(t, *h) for t, h in zip(texts, hints)]
    by_learned = [learned.char_spans(t, *h) for t, h in zip(texts, hints)]
    record["rules"] = section_scores(texts, gold, by_rules)
    record["learned"] = section_scores(texts, gold, by_learned)
    record["trained"] = True
    wins = bootstrap_wins(article_counts(texts, gold, by_rules), article_counts(texts, gold, by_learned), seed)
    record["bootstrap_wins"] = round(wins, 3)
    better = record["learned"]["label"]["f"] > record["rules"]["label"]["f"]
    record["used"] = better and wins >= CONFIDENCE
    if record["used"]:
        verdict = f"used for sections (beat the rules in {wins:.0%} of resamples of the held-out articles)"
    elif better:
        verdict = (f"not used: it beat the rules in only {wins:.0%} of resamples of the {len(held)} held-out "
                   f"article(s), below {CONFIDENCE:.0%}")
    else:
        verdict = "not used: the rules alone scored as well or better"
    record["note"] = f"section classifier {verdict}"
    return record, model
