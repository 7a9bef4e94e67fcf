"""The section classifier of a model version: trained from the done articles' sections, scored on
the same hash-held-out slice as the entities, against the section rules alone.

Scores are spaCy's :meth:`~spacy.scorer.Scorer.score_spans` over ``doc.spans["sections"]``:
**boundary** (``labeled=False``: exact start and end) and **label** (exact span and label, per
label too). The classifier (:mod:`annotator.nlp.sections.learned`) is used for pre-labeling only
when its held-out label F1 beats the rules'; too few articles with sections skip it with a note,
never failing the entity training.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

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
    record["rules"] = section_scores(texts, gold, [rules.char_spans(t, *h) for t, h in zip(texts, hints)])
    record["learned"] = section_scores(texts, gold, [learned.char_spans(t, *h) for t, h in zip(texts, hints)])
    record["trained"] = True
    record["used"] = record["learned"]["label"]["f"] > record["rules"]["label"]["f"]
    verdict = "used for sections" if record["used"] else "not used: the rules alone scored as well or better"
    record["note"] = f"section classifier {verdict}"
    return record, model
