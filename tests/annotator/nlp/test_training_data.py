from __future__ import annotations

import spacy

from annotator.model import Span
from annotator.nlp.learning.training_data import (
    HELD_OUT_EVERY, Annotated, is_held_out, predict_spans, score, to_docs, training_set,
)
from tests.annotator.nlp.learning_projects import conll_project


def test_training_data_held_out_slice_is_a_fixed_fifth_by_hash():
    ids = [f"article-{i}" for i in range(5000)]
    held = [i for i in ids if is_held_out(i)]
    assert abs(len(held) / len(ids) - 1 / HELD_OUT_EVERY) < 0.02
    assert held == [i for i in ids if is_held_out(i)]  # the same every time


def test_training_data_split_never_trains_on_held_out_and_skips_empty_done(tmp_path):
    project = conll_project(tmp_path / "p.annotator", articles=40, done=30)
    try:
        ts = training_set(project)
    finally:
        project.close()
    assert {a.id for a in ts.train}.isdisjoint(a.id for a in ts.held_out)
    assert all(not is_held_out(a.id) for a in ts.train) and all(is_held_out(a.id) for a in ts.held_out)
    assert len(ts.train) + len(ts.held_out) + ts.without_entities == 30
    assert ts.labels == ("PER", "ORG", "LOC", "MISC")
    assert sum(ts.label_counts().values()) == sum(len(a.spans) for a in ts.train)


def test_training_data_score_is_exact_match_per_label():
    nlp = spacy.blank("en")
    gold = to_docs(nlp, [Annotated("a", "Angela Merkel visited Paris today", (Span(0, 13, "PER"), Span(22, 27, "LOC")))])
    perfect = score(gold, [[(0, 13, "PER"), (22, 27, "LOC")]], ["PER", "LOC", "ORG"])
    assert perfect.f1 == 1.0 and perfect.per_label["ORG"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    half = score(gold, [[(0, 6, "PER"), (22, 27, "LOC")]], ["PER", "LOC"])  # a boundary error counts as wrong
    assert half.precision == 0.5 and half.recall == 0.5 and half.per_label["LOC"]["f"] == 1.0
    assert half.per_label["PER"]["f"] == 0.0


def test_training_data_predictions_are_mapped_and_dropped_by_label():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Merkel"}, {"label": "DATE", "pattern": "today"}])
    spans = predict_spans(nlp, {"PERSON": "PER"}.get, ["Merkel came today"])
    assert spans == [[(0, 6, "PER")]]
