"""What a training learns from, what it is scored on, and the score.

:func:`training_annotations` is the one place that decides which annotations a model trains on
(today: the current entity spans of done articles; later the adjudicated layer). The held-out
slice is fixed by a hash of the article id, so an article is held out in every training or in
none, and never trained on. Scores are spaCy's own :class:`~spacy.scorer.Scorer` span scores.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from annotator.model import ENTITIES, Origin, Span, Status
from annotator.store.project import Project
from annotator.store.layers.trusted import has_team_layers, train_annotations

HELD_OUT_EVERY = 5  # one article in five (by hash) is held out
MIN_ARTICLES = 10

CharSpans = list[tuple[int, int, str]]


@dataclass(frozen=True)
class Annotated:
    """One article's text and the entity spans a model learns from."""

    id: str
    text: str
    spans: tuple[Span, ...]


@dataclass
class TrainingSet:
    """The done articles split into training and held-out, and what was left out and why."""

    train: list[Annotated] = field(default_factory=list)
    held_out: list[Annotated] = field(default_factory=list)
    without_entities: int = 0
    labels: tuple[str, ...] = ()

    def label_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.labels, 0)
        for a in self.train:
            for s in a.spans:
                counts[s.label] = counts.get(s.label, 0) + 1
        return counts


def is_held_out(article_id: str) -> bool:
    """Whether an article belongs to the fixed held-out slice (a hash of its id, never trained on)."""
    digest = hashlib.sha256(f"held-out:{article_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % HELD_OUT_EVERY == 0


def training_annotations(project: Project) -> Iterator[Annotated]:
    """The annotations a model learns from: per article the adjudicated layer, else the done
    annotations (the project's own, or annotator versions that agree), never two annotators'
    conflicting versions (:func:`~annotator.store.layers.trusted.train_annotations`)."""
    if not has_team_layers(project):  # one annotator: stream the done articles in batches
        for doc in project.documents(Status.DONE):
            yield Annotated(doc.article.id, doc.article.text, tuple(doc.spans(ENTITIES)))
        return
    for article_id in project.ids():
        trusted = train_annotations(project, article_id)
        if trusted is not None:
            yield Annotated(article_id, trusted.article.text, tuple(trusted.spans(ENTITIES)))


def training_set(project: Project) -> TrainingSet:
    """Split the project's training annotations into training and held-out parts."""
    out = TrainingSet(labels=tuple(project.schema.names(ENTITIES)))
    for a in training_annotations(project):
        if not a.spans:
            out.without_entities += 1
        elif is_held_out(a.id):
            out.held_out.append(a)
        else:
            out.train.append(a)
    return out


def unlabeled_pool(project: Project, limit: int) -> list[str]:
    """Texts of up to ``limit`` untouched articles (not done or skipped, no human or imported
    entities), never of the held-out slice: what self-training may label with a first model."""
    rows = project.conn.execute(
        "SELECT a.id, t.text FROM articles a JOIN texts t ON t.seq = a.seq "
        "WHERE a.status NOT IN (?, ?) AND (a.touched & 1) = 0 "
        "AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.article = a.seq AND s.layer = ? AND s.origin != ?) ORDER BY a.seq",
        (Status.DONE.value, Status.SKIPPED.value, ENTITIES, Origin.SUGGESTED.value),
    )
    out = []
    for article_id, text in rows:
        if not is_held_out(article_id):
            out.append(text)
            if len(out) >= limit:
                break
    return out


def to_docs(nlp: Language, items: Iterable[Annotated]) -> list[Doc]:
    """Docs tokenized by ``nlp`` with the items' spans as entities (snapped inward to tokens)."""
    docs = []
    for a in items:
        doc = nlp.make_doc(a.text)
        ents = [doc.char_span(s.start, s.end, label=s.label, alignment_mode="contract") for s in a.spans]
        doc.ents = [e for e in ents if e is not None]
        docs.append(doc)
    return docs


def predict_spans(nlp: Language, label_of: Callable[[str], str | None], texts: list[str], batch_size: int = 64) -> list[CharSpans]:
    """The entities ``nlp`` finds in each text, in project labels (``label_of`` maps, None drops)."""
    out = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        spans = []
        for ent in doc.ents:
            label = label_of(ent.label_)
            if label is not None:
                spans.append((ent.start_char, ent.end_char, label))
        out.append(spans)
    return out


@dataclass(frozen=True)
class Scores:
    """Exact-match entity precision, recall and F1, overall and per label."""

    precision: float
    recall: float
    f1: float
    per_label: dict[str, dict[str, float]]
    articles: int

    def to_json(self) -> dict[str, object]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "per_label": self.per_label, "articles": self.articles}

    @classmethod
    def from_json(cls, data: dict) -> Scores:
        return cls(float(data["precision"]), float(data["recall"]), float(data["f1"]),
                   {k: dict(v) for k, v in data.get("per_label", {}).items()}, int(data.get("articles", 0)))


def score(gold: list[Doc], predicted: list[CharSpans], labels: Iterable[str]) -> Scores:
    """Score predicted character spans against gold docs with spaCy's Scorer."""
    examples = []
    for ref, spans in zip(gold, predicted):
        pred = Doc(ref.vocab, words=[t.text for t in ref], spaces=[bool(t.whitespace_) for t in ref])
        ents = [pred.char_span(s, e, label=l, alignment_mode="contract") for s, e, l in spans]
        pred.set_ents([e for e in ents if e is not None])
        examples.append(Example(pred, ref))
    raw = Scorer.score_spans(examples, "ents")
    per_type = raw.get("ents_per_type") or {}
    per_label = {l: {k: round(float(per_type.get(l, {}).get(k, 0.0)), 4) for k in ("p", "r", "f")} for l in labels}
    return Scores(round(float(raw["ents_p"] or 0.0), 4), round(float(raw["ents_r"] or 0.0), 4),
                  round(float(raw["ents_f"] or 0.0), 4), per_label, len(gold))
