"""Agreement numbers against an independent computation: B is A with known changes."""
from __future__ import annotations

from collections import Counter

import pytest

from annotator.model import ENTITIES, SECTIONS, Span, Status
from annotator.store.layers.versions import Version, put_version
from annotator.team.agreement import agreement, format_report
from tests.conftest import add_text

WORDS = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj"]
TEXT = " ".join(WORDS) + "."


def _word(i: int, label: str) -> Span:
    start = sum(len(w) + 1 for w in WORDS[:i])
    return Span(start, start + len(WORDS[i]), label)


def _put(project, aid: str, name: str, entities: list[Span], sections: list[Span] = ()) -> None:
    v = Version(aid, name, Status.DONE, source="test")
    v.spans[ENTITIES] = list(entities)
    v.spans[SECTIONS] = list(sections)
    with project.transaction() as conn:
        put_version(conn, project.seq(aid), v)


def _kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa from its definition: (p_o - p_e) / (1 - p_e)."""
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    p_e = sum(ca[t] * cb[t] for t in set(a) | set(b)) / n ** 2
    return (p_o - p_e) / (1 - p_e)


def _alpha(a: list[str], b: list[str]) -> float:
    """Krippendorff's nominal alpha for two coders, no missing values: 1 - (n-1) D_o / D_e on
    the coincidence matrix (each disagreeing unit adds 2 off-diagonal coincidences)."""
    n = 2 * len(a)
    counts = Counter(a) + Counter(b)
    off_observed = 2 * sum(x != y for x, y in zip(a, b))
    off_expected = sum(counts[c] * counts[k] for c in counts for k in counts if c != k)
    return 1 - (n - 1) * off_observed / off_expected


def test_agreement_exact_f1_and_kappa_match_an_independent_computation(project):
    aid = add_text(project, TEXT)
    labels = ["PERSON"] * 4 + ["ORG"] * 3 + ["GPE"] * 3  # words 0-9 labelled, 10 and 11 not
    a = [_word(i, lab) for i, lab in enumerate(labels)]
    b = list(a)
    b[1] = _word(1, "ORG")  # relabel one PERSON
    del b[5]  # drop one ORG (word 5)
    b.append(_word(10, "GPE"))  # add one GPE
    merged_span = Span(a[8].start, a[9].end, "GPE")  # widen: words 8-9 as one GPE
    b = [s for s in b if s not in (a[8], a[9])] + [merged_span]
    _put(project, aid, "alice", a)
    _put(project, aid, "bob", b)
    exact = len(set(a) & set(b))  # 0, 2, 3, 4, 6, 7 -> 6
    assert exact == 6 and len(b) == 9
    report = agreement(project)
    assert report["articles"] == 1
    assert report["f1"] == pytest.approx(2 * 6 / (10 + 9))
    # overlap F1: A's spans overlapping a same-label B span: all but word 1 (PERSON vs ORG) and 5 (dropped)
    # -> 8 of 10; B's: all but word 1 (ORG vs PERSON) and word 10 (A has none) -> 7 of 9
    assert report["f1_overlap"] == pytest.approx((8 + 7) / 19)
    assert report["per_label"]["PERSON"]["f1"] == pytest.approx(2 * 3 / (4 + 3))
    assert report["per_label"]["ORG"]["f1"] == pytest.approx(2 * 2 / (3 + 3))
    assert report["per_label"]["GPE"]["f1"] == pytest.approx(2 * 1 / (3 + 3))
    tags_a = labels + ["O", "O", "O"]  # 12 words and the final "."
    tags_b = ["PERSON", "ORG", "PERSON", "PERSON", "ORG", "O", "ORG", "GPE", "GPE", "GPE", "GPE", "O", "O"]
    assert report["kappa"] == pytest.approx(_kappa(tags_a, tags_b))
    assert report["kappa"] < 1
    assert report["alpha"] == pytest.approx(_alpha(tags_a, tags_b))
    assert report["sections"]["f1"] is None


def test_agreement_orders_articles_by_disagreement_and_counts_only_shared_done_ones(project):
    agree = add_text(project, TEXT)
    differ = add_text(project, TEXT.replace("Alice", "Alicia"))
    single = add_text(project, TEXT.replace("Bob", "Rob"))
    span = Span(0, 5, "PERSON")
    _put(project, agree, "alice", [span], [Span(0, len(TEXT), "body")])
    _put(project, agree, "bob", [span], [Span(0, len(TEXT), "body")])
    _put(project, differ, "alice", [Span(0, 6, "PERSON")])
    _put(project, differ, "bob", [Span(0, 6, "ORG")])
    _put(project, single, "alice", [span])
    report = agreement(project)
    assert report["articles"] == 2
    assert [a["id"] for a in report["most_disagreement"]] == [differ, agree]
    assert report["most_disagreement"][0]["f1"] == 0.0
    assert report["f1"] == pytest.approx(2 * 1 / 4)
    assert report["sections"]["f1"] == pytest.approx(1.0) and report["sections"]["articles"] == 2
    assert differ in format_report(report)
