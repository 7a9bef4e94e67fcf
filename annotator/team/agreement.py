"""The agreement report of a project: over the articles done by two or more annotators.

Per layer (entities at the top level, sections under ``sections``): pairwise span F1, exact and
overlap, per label and overall (micro, pooled over every pair of annotators on every article);
Cohen's kappa on token tags (scikit-learn, pooling each article's pair of versions); Krippendorff's
alpha on token tags over all annotators at once (the ``krippendorff`` package, nominal); and the
articles with the most disagreement first.
"""
from __future__ import annotations

import itertools
import math
import warnings
from collections import defaultdict
from typing import Any

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from annotator.model import ENTITIES, SECTIONS, Status
from annotator.nlp.tokenizer import blank_pipeline
from annotator.store.project import Project
from annotator.store.layers.versions import Version, multi_annotated, versions
from annotator.team.span_agreement import SpanCounts, compare, token_tags


def agreement(project: Project) -> dict[str, Any]:
    """The report as plain data (what ``agreement --json`` prints)."""
    nlp = blank_pipeline()
    ids = multi_annotated(project.conn, Status.DONE)
    per_article: list[tuple[str, str | None, list[Version], list[int]]] = []
    for article_id in ids:
        article = project.article(article_id)
        starts = [t.idx for t in nlp.make_doc(article.text) if not t.is_space]
        per_article.append((article_id, article.title, versions(project.conn, project.seq(article_id), Status.DONE), starts))
    names = sorted({v.annotator for _, _, vs, _ in per_article for v in vs})
    report = _layer_report(per_article, names, ENTITIES)
    report["annotators"] = names
    report["sections"] = _layer_report(per_article, names, SECTIONS)
    return report


def _layer_report(per_article: list[tuple[str, str | None, list[Version], list[int]]], names: list[str], layer: str) -> dict[str, Any]:
    total = SpanCounts()
    pairs: dict[str, SpanCounts] = defaultdict(SpanCounts)
    tags_a: list[str] = []
    tags_b: list[str] = []
    pair_tags: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    matrix: list[list[str | None]] = [[] for _ in names]
    articles = []
    for article_id, title, vs, starts in per_article:
        counts = SpanCounts()
        tags = {v.annotator: token_tags(v.spans[layer], starts) for v in vs}
        for va, vb in itertools.combinations(vs, 2):
            c = compare(va.spans[layer], vb.spans[layer])
            counts.add(c)
            key = f"{va.annotator} / {vb.annotator}"
            pairs[key].add(c)
            tags_a += tags[va.annotator]
            tags_b += tags[vb.annotator]
            pair_tags[key][0].extend(tags[va.annotator])
            pair_tags[key][1].extend(tags[vb.annotator])
        for row, name in zip(matrix, names):
            row.extend(tags.get(name, [None] * len(starts)))
        total.add(counts)
        f1 = counts.f1()
        articles.append({"id": article_id, "title": title, "annotators": [v.annotator for v in vs],
                         "f1": 1.0 if f1 is None else f1,
                         "differing_spans": sum(counts.a.values()) + sum(counts.b.values()) - 2 * sum(counts.exact.values())})
    articles.sort(key=lambda a: (a["f1"], -a["differing_spans"]))
    return {
        "articles": len(per_article),
        "f1": total.f1(),
        "f1_overlap": total.f1(overlap=True),
        "kappa": kappa(tags_a, tags_b),
        "alpha": alpha(matrix),
        "per_label": {label: {"f1": total.f1(label), "f1_overlap": total.f1(label, overlap=True),
                              "spans": total.a[label] + total.b[label]} for label in total.labels()},
        "pairs": {key: {"f1": c.f1(), "kappa": kappa(*pair_tags[key])} for key, c in sorted(pairs.items())},
        "most_disagreement": articles,
    }


def kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's kappa of two tag sequences; None when it is undefined (no tokens, one tag only)."""
    if not a:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = float(cohen_kappa_score(a, b))
    return None if math.isnan(value) else value


def alpha(matrix: list[list[str | None]]) -> float | None:
    """Krippendorff's alpha (nominal) of annotators x tokens; None when undefined."""
    values = sorted({t for row in matrix for t in row if t is not None})
    if len(matrix) < 2 or len(values) < 2:
        return None
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if t is None else code[t] for t in row] for row in matrix], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def format_report(report: dict[str, Any], top: int = 10) -> str:
    """The report as text for the terminal."""
    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    lines = [f"{report['articles']} article(s) done by two or more annotators ({', '.join(report['annotators'])})"]
    for layer, r in ((ENTITIES, report), (SECTIONS, report["sections"])):
        lines.append(f"{layer}: span F1 exact {num(r['f1'])}, overlap {num(r['f1_overlap'])}; "
                     f"Cohen's kappa {num(r['kappa'])}; Krippendorff's alpha {num(r['alpha'])}")
        for label, s in r["per_label"].items():
            lines.append(f"    {label:<22} F1 exact {num(s['f1'])}  overlap {num(s['f1_overlap'])}  spans {s['spans']}")
        for pair, s in r["pairs"].items():
            lines.append(f"    {pair}: F1 {num(s['f1'])}, kappa {num(s['kappa'])}")
        worst = [a for a in r["most_disagreement"][:top] if a["f1"] < 1.0]
        if worst:
            lines.append("  most disagreement:")
            lines += [f"    F1 {a['f1']:.3f}  {a['differing_spans']:>3} differing span(s)  {a['id']}  {a['title'] or ''}" for a in worst]
    return "\n".join(lines)
