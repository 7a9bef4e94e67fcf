"""Project statistics: progress, spans per label, and how the model's suggestions fared.

Each suggestion of a pre-labeled article is compared with the article's current annotations:
``accepted`` (same range and label), ``relabeled`` (same range, other label), ``boundary_fixed``
(an overlapping span with the same label but other bounds), or ``deleted`` (none of those).
``added`` counts current spans drawn by hand. Precision, recall and F1 compare suggestions with
the current annotations exactly (range and label), per label and overall (micro average).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator

from annotator.model import IMPORTED_MODEL, LAYERS, Origin
from annotator.store.project import Project

Row = tuple[int, int, str]
OUTCOMES = ("accepted", "relabeled", "boundary_fixed", "deleted")


@dataclass
class LayerStats:
    spans: Counter[str] = field(default_factory=Counter)
    outcomes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    added: Counter[str] = field(default_factory=Counter)
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    articles_scored: int = 0

    def scores(self) -> dict[str, dict[str, float | int]]:
        labels = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        out = {label: _prf(self.tp[label], self.fp[label], self.fn[label]) for label in labels}
        out["overall"] = _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        return out

    def to_json(self) -> dict[str, Any]:
        labels = sorted(set(self.spans) | set(self.outcomes) | set(self.added))
        return {
            "spans": dict(sorted(self.spans.items())),
            "suggestions": {
                label: {**{o: self.outcomes[label][o] for o in OUTCOMES}, "added": self.added[label]} for label in labels
            },
            "articles_scored": self.articles_scored,
            "scores": self.scores(),
        }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn, "tp": tp, "fp": fp, "fn": fn}


def project_stats(project: Project) -> dict[str, Any]:
    """Everything ``annotator stats`` shows, as JSON-ready data."""
    out: dict[str, Any] = {
        "project": str(project.path),
        "model": project.model_name,
        "articles": project.count(),
        "status": {s.value: n for s, n in project.status_counts().items()},
        "layers": {},
    }
    for layer in LAYERS:
        out["layers"][layer] = layer_stats(project, layer).to_json()
    return out


def layer_stats(project: Project, layer: str) -> LayerStats:
    stats = LayerStats()
    for label, origin, n in project.conn.execute("SELECT label, origin, count(*) FROM spans WHERE layer = ? GROUP BY label, origin", (layer,)):
        stats.spans[label] += n
        if origin == Origin.ADDED.value:
            stats.added[label] += n
    scored = {r[0] for r in project.conn.execute("SELECT article FROM prelabels WHERE layer = ? AND model != ?", (layer, IMPORTED_MODEL))}
    suggestions = _by_article(project, "SELECT article, start, end, label FROM suggestions WHERE layer = ? ORDER BY article", layer)
    current = _by_article(project, "SELECT article, start, end, label FROM spans WHERE layer = ? ORDER BY article", layer)
    finals: dict[int, list[Row]] = {}
    for article, rows in current:
        if article in scored:
            finals[article] = rows
    seen: set[int] = set()
    for article, sugg in suggestions:
        if article not in scored:
            continue
        seen.add(article)
        _compare(stats, sugg, finals.get(article, []))
    for article in scored - seen:
        _compare(stats, [], finals.get(article, []))
    stats.articles_scored = len(scored)
    return stats


def _compare(stats: LayerStats, suggested: list[Row], final: list[Row]) -> None:
    final_set = set(final)
    by_range = {(s, e): l for s, e, l in final}
    for s, e, label in suggested:
        if (s, e, label) in final_set:
            outcome = "accepted"
            stats.tp[label] += 1
        else:
            stats.fp[label] += 1
            if (s, e) in by_range:
                outcome = "relabeled"
            elif any(fl == label and fs < e and s < fe for fs, fe, fl in final):
                outcome = "boundary_fixed"
            else:
                outcome = "deleted"
        stats.outcomes[label][outcome] += 1
    suggested_set = set(suggested)
    for row in final:
        if row not in suggested_set:
            stats.fn[row[2]] += 1


def _by_article(project: Project, sql: str, layer: str) -> Iterator[tuple[int, list[Row]]]:
    article: int | None = None
    rows: list[Row] = []
    for a, s, e, label in project.conn.execute(sql, (layer,)):
        if a != article:
            if article is not None:
                yield article, rows
            article, rows = a, []
        rows.append((s, e, label))
    if article is not None:
        yield article, rows
