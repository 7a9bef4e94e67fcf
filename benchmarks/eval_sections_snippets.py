"""Snippet scoring for page sets without a full gold body (``cc_pages``): trafilatura's own
evaluation convention.

Each page of the set's ``evaldata_*.json`` (trafilatura's ``tests/evaldata.json`` format) names
snippets that must appear in the main text (``with``) and snippets that must not (``without``);
``comments`` is ignored. Following ``count_item`` and ``ConfusionMatrix`` in trafilatura's
``tests/eval_common.py`` (used by ``tests/evaluate.py``): text and snippets are
whitespace-normalised (runs of whitespace collapsed to one space, ends stripped) and matched as
case-sensitive substrings; a ``with`` snippet found is a true positive, missing a false negative; a
``without`` snippet found is a false positive, absent a true negative; a page that cannot be
extracted counts every snippet as missed. Counts are pooled over all snippets of the set:
precision = tp/(tp+fp), recall = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn), accuracy = (tp+tn)/all.
``trafilatura.extract()`` runs with its defaults, as for the other sets (its evaluation passes
``include_comments=False, include_tables=True``; on these 31 pages that gives the same counts).

This set is an *unseen test set*: it was never used for tuning, and the section rules must not be
changed to raise its score.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

EXTRACTORS = ("ours", "trafilatura")
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Whitespace-normalised text (as trafilatura's ``eval_common.norm``)."""
    return _SPACE.sub(" ", text).strip()


def count(item: dict, text: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page's ``with``/``without`` snippets in ``text`` (None: a failure)."""
    found = norm(text) if text is not None else None
    tp = sum(norm(s) in found for s in item["with"]) if found is not None else 0
    fp = sum(norm(s) in found for s in item["without"]) if found is not None else 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def scores(counts: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    """Precision, recall, F1 and accuracy of (tp, fp, fn, tn); 0.0 where a denominator is empty."""
    tp, fp, fn, tn = counts
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    accuracy = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
    return precision, recall, f1, accuracy


def pooled(rows: list[dict], key: str) -> tuple[int, int, int, int]:
    """Sum of the rows' (tp, fp, fn, tn) for one extractor."""
    return tuple(sum(r[key][i] for r in rows) for i in range(4))  # type: ignore[return-value]


def evaldata(folder: Path) -> dict[str, dict]:
    """The set's annotations (``evaldata*.json`` in the folder), keyed by URL."""
    (path,) = sorted(folder.glob("evaldata*.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def body_text(page: Path, pipe, not_body: frozenset[str]) -> tuple[str, list, str]:
    """Our article body of one page (as in ``eval_sections.score_set``), with the spans and text."""
    from annotator.io.readers.html import read_html

    article = next(read_html(page)).article
    spans = pipe.char_spans(article.text, article.meta.get("main_content"), article.title)
    return "\n".join(article.text[s:e] for s, e, label in spans if label not in not_body), spans, article.text


def where(snippet: str, text: str, spans: list) -> str:
    """The section label(s) of the page text holding ``snippet``, or why it is not there."""
    labels = [label for s, e, label in spans if norm(snippet) in norm(text[s:e])]
    if labels:
        return "/".join(dict.fromkeys(labels))
    return "across sections" if norm(snippet) in norm(text) else "not in the page text"


def score_snippet_set(folder: Path, pipe, not_body: frozenset[str], verbose: bool = False,
                      files: set[str] | None = None) -> tuple[list[dict], list[str]]:
    """A row per page (``ours`` and ``trafilatura`` counts) and the pages that failed to read."""
    import trafilatura

    rows, failed = [], []
    for url, item in evaldata(folder).items():
        if files is not None and item["file"] not in files:
            continue
        page = folder / item["file"]
        try:
            kept, spans, text = body_text(page, pipe, not_body)
        except Exception as exc:  # noqa: BLE001  (report the page and go on)
            failed.append(f"{item['file']}: {type(exc).__name__}: {exc}")
            kept, spans, text = None, [], ""
        try:
            extracted = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace")) or ""
        except Exception:  # noqa: BLE001  (a full miss, as in trafilatura's own evaluation)
            extracted = None
        row = {"page": page.stem, "url": url, "ours": count(item, kept), "trafilatura": count(item, extracted)}
        if kept is not None:
            row["missed"] = [(s, where(s, text, spans)) for s in item["with"] if norm(s) not in norm(kept)]
            row["kept"] = [(s, where(s, text, spans)) for s in item["without"] if norm(s) in norm(kept)]
        rows.append(row)
        if verbose:
            print(f"  {page.stem[:40]:40} " + " ".join(
                "tp{} fp{} fn{} tn{}".format(*row[k]).rjust(20) for k in EXTRACTORS))
            for snippet, label in row.get("missed", []):
                print(f"      missed 'with' {snippet[:50]!r:54} in {label}")
            for snippet, label in row.get("kept", []):
                print(f"      kept 'without' {snippet[:50]!r:52} in {label}")
    return rows, failed


def report_snippets(name: str, rows: list[dict], failed: list[str]) -> None:
    """Pooled precision, recall, F1 and accuracy per extractor, and the five worst pages."""
    print(f"{name}: {len(rows)} pages, unseen test set (never tuned on), snippet scoring as trafilatura's evaluation")
    for line in failed:
        print(f"  could not read {line}")
    print(f"  {'extractor':24} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}   precision  recall     F1  accuracy")
    for key in EXTRACTORS:
        counts = pooled(rows, key)
        print(f"  {key:24} " + " ".join(f"{c:4d}" for c in counts)
              + "      {:.3f}   {:.3f}  {:.3f}     {:.3f}".format(*scores(counts)))
    worst = sorted(rows, key=lambda r: (scores(r["ours"])[2] - scores(r["trafilatura"])[2], scores(r["ours"])[2]))[:5]
    print("  five worst pages against trafilatura (per-page F1 ours - trafilatura; ours: with missed, without kept):")
    for r in worst:
        ours, traf = scores(r["ours"])[2], scores(r["trafilatura"])[2]
        print(f"    {r['page'][:44]:44} ours F{ours:.2f} (fn{r['ours'][2]} fp{r['ours'][1]}) "
              f"trafilatura F{traf:.2f} (fn{r['trafilatura'][2]} fp{r['trafilatura'][1]}) ({ours - traf:+.2f})")
