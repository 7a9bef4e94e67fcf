"""The section classifier of a model version: held-out scores, training slice, when it is used."""
from __future__ import annotations

import spacy

from annotator.model import SECTIONS
from annotator.nlp.learning import section_training
from annotator.nlp.learning.model_versions import ModelVersion, SECTION_MODEL
from annotator.nlp.learning.section_training import (
    CONFIDENCE, MIN_SECTION_ARTICLES, article_counts, bootstrap_wins, section_scores, train_sections,
)
from annotator.nlp.learning.training_data import Scores, is_held_out
from annotator.nlp.prelabel import prelabel_pipeline
from annotator.nlp.sections.learned import LearnedSections
from tests.annotator.nlp.section_projects import article, section_project


def test_section_training_boundary_and_label_f1_differ_on_a_wrong_label():
    text = "Big news today\nThe lede sentence is here.\nMore body text follows."
    gold = [(0, 14, "headline"), (15, 41, "lede"), (42, 65, "body")]
    wrong_label = [(0, 14, "headline"), (15, 41, "body"), (42, 65, "body")]
    scores = section_scores([text], [gold], [wrong_label])
    assert scores["boundary"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert scores["label"]["f"] == round(2 / 3, 4)
    assert scores["label"]["per_label"]["lede"]["r"] == 0.0 and scores["label"]["per_label"]["headline"]["f"] == 1.0
    merged = [(0, 14, "headline"), (15, 65, "body")]  # one boundary missed: both scores drop
    worse = section_scores([text], [gold], [merged])
    assert worse["boundary"]["r"] == round(1 / 3, 4) and worse["label"]["f"] < scores["label"]["f"]


def test_section_training_trains_only_on_the_training_slice(tmp_path, monkeypatch):
    seen: list[str] = []
    real = section_training.train_section_classifier

    def spy(corrections, **kw):  # type: ignore[no-untyped-def]
        corrections = list(corrections)
        seen.extend(text for text, *_ in corrections)
        return real(corrections, **kw)

    monkeypatch.setattr(section_training, "train_section_classifier", spy)
    with section_project(tmp_path / "p.annotator") as project:
        held = [d.article for d in project.documents() if is_held_out(d.article.id)]
        record, model = train_sections(project)
    assert held and model is not None and record["trained"]
    assert record["held_out_articles"] == len(held) and record["train_articles"] == len(seen) == 24 - len(held)
    assert not {a.text for a in held} & set(seen)
    for part in ("rules", "learned"):
        assert set(record[part]) == {"boundary", "label"} and 0.0 <= record[part]["label"]["f"] <= 1.0
    assert record["learned"]["label"]["f"] > record["rules"]["label"]["f"] and record["used"]  # the promo line
    assert record["bootstrap_wins"] >= CONFIDENCE


def test_section_training_a_classifier_no_better_than_the_rules_is_not_used(tmp_path):
    with section_project(tmp_path / "p.annotator", fix=False) as project:  # sections as the rules cut them
        record, model = train_sections(project)
    assert model is not None and record["trained"]
    assert record["learned"]["label"]["f"] <= record["rules"]["label"]["f"] and not record["used"]
    assert "not used" in record["note"]
    assert set(record) == {"train_articles", "held_out_articles", "trained", "used", "note", "rules", "learned",
                           "bootstrap_wins"}


def test_section_training_too_few_articles_is_skipped_with_a_note(tmp_path):
    with section_project(tmp_path / "p.annotator", towns=4) as project:
        record, model = train_sections(project)
    assert model is None and not record["trained"] and not record["used"]
    assert f"needs {MIN_SECTION_ARTICLES}" in record["note"]


def _version(path, used: bool) -> ModelVersion:  # type: ignore[no-untyped-def]
    none = Scores(0.0, 0.0, 0.0, {}, 0)
    return ModelVersion("v1", "", "en", [], 1, 1, 1, 0.0, none, "base", none, True, sections={"used": used}, path=path)


def test_section_training_a_classifier_that_did_not_beat_the_rules_is_not_used(tmp_path):
    (tmp_path / SECTION_MODEL).mkdir()
    assert _version(tmp_path, used=False).section_model_path is None
    assert _version(tmp_path, used=True).section_model_path == tmp_path / SECTION_MODEL
    assert _version(tmp_path / "gone", used=True).section_model_path is None


def test_section_training_prelabel_pipeline_uses_the_version_classifier(tmp_path):
    with section_project(tmp_path / "p.annotator") as project:
        _record, model = train_sections(project)
        schema = project.schema
    assert model is not None
    model.to_disk(tmp_path / SECTION_MODEL)
    spacy.blank("en").to_disk(tmp_path / "blank")
    text = article("Moreton", 40)
    promo = text.index("Get Cycle Weekly")
    for section_model, want in ((None, "why_it_matters"), (tmp_path / SECTION_MODEL, "boilerplate")):
        nlp = prelabel_pipeline(str(tmp_path / "blank"), schema, section_model=section_model)
        assert isinstance(nlp.get_pipe("news_sections").refiner, LearnedSections) == (section_model is not None)
        doc = nlp(text)
        assert [s.label_ for s in doc.spans[SECTIONS] if s.start_char <= promo < s.end_char] == [want]


def test_section_training_article_counts_match_the_pooled_label_score():
    texts = ["Big news today\nThe lede sentence is here.\nMore body text follows.", "Small news\nA lede here."]
    gold = [[(0, 14, "headline"), (15, 41, "lede"), (42, 65, "body")], [(0, 10, "headline"), (11, 23, "lede")]]
    pred = [[(0, 14, "headline"), (15, 65, "body")], [(0, 10, "headline"), (11, 23, "body")]]
    counts = article_counts(texts, gold, pred)
    assert counts == [(1, 2, 3), (1, 2, 2)]
    tp, n_pred, n_gold = (sum(c[k] for c in counts) for k in range(3))
    assert round(2 * tp / (n_pred + n_gold), 4) == section_scores(texts, gold, pred)["label"]["f"]


def test_section_training_a_narrow_win_on_few_articles_does_not_pass_the_bootstrap():
    rules = [(3, 4, 4)] * 8
    everywhere = [(4, 4, 4)] * 8  # one more section right on every held-out article
    assert bootstrap_wins(rules, everywhere) == 1.0
    narrow = [(4, 4, 4)] + [(2, 4, 4)] * 2 + [(3, 4, 4)] * 5  # wins one article, loses two: pooled F1 lower
    assert bootstrap_wins(rules, narrow) < 0.5
    one_of_eight = [(4, 4, 4)] + [(3, 4, 4)] * 7  # better pooled F1, but the win rests on one article
    assert 0.5 < bootstrap_wins(rules, one_of_eight) < CONFIDENCE
    assert bootstrap_wins(rules, rules) == 0.0  # ties are not wins
