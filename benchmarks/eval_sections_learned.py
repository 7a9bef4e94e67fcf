"""What the learned section classifier adds over the rules, on pages it was not trained on.

No project holds annotator-corrected sections of these pages yet, so the corrections are
simulated from the gold bodies: on each *tuned* page of ``scrapinghub_dev`` and
``readability_news`` (see :mod:`benchmarks.eval_sections`), a line the rules keep as story whose
words are mostly (half or more) not in the gold body is corrected to ``boilerplate``, and a
boilerplate line of 3+ words whose words are 80% in the gold body is corrected to ``body``: the
type fixes an annotator would make. The classifier is trained on those pages only and scored on the
*held-out* pages, against the rules alone, with the body score of ``eval_sections``. ``--cv K``
cross-validates on the tuned pages instead (how the defaults were chosen: threshold 0.7, the
classifier only turns body into boilerplate).

Run: ``.venv/bin/python benchmarks/eval_sections_learned.py``
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval_sections import HTML, NOT_BODY, SETS, held_out, prf  # noqa: E402

_WORD = re.compile(r"\w+")


def pages(name: str):
    from annotator.io.readers.html import read_html

    folder = HTML / name
    for page in sorted((folder / "html").glob("*.html")):
        gold = (folder / "gold" / f"{page.stem}.txt").read_text(encoding="utf-8")
        yield page, next(read_html(page)).article, gold


def corrected(article, gold: str, rules) -> list[tuple[int, int, str]]:
    """The rules' sections of ``article``, line by line, with the simulated type fixes."""
    from annotator.nlp.sections.lines import lines_of

    spans = rules.char_spans(article.text, article.meta.get("main_content"), article.title)
    in_gold = set(_WORD.findall(gold.lower()))
    out = []
    for line in lines_of(article.text):
        label = next((l for s, e, l in spans if s <= line.start < e), None)
        if label is None:
            continue
        words = _WORD.findall(line.text.lower())
        share = sum(w in in_gold for w in words) / len(words) if words else 0.0
        if label != "boilerplate" and share < 0.5:
            label = "boilerplate"
        elif label == "boilerplate" and len(words) >= 3 and share >= 0.8:
            label = "body"
        out.append((line.start, line.end, label))
    return out


def body(text: str, spans) -> str:
    return "\n".join(text[s:e] for s, e, label in spans if label not in NOT_BODY)


def compare(rules, train: list, test: list, threshold: float, promote: bool = False) -> dict[str, list]:
    """Per set, ``[(rules P/R/F1, learned P/R/F1)]`` on ``test`` after training on ``train``."""
    from annotator.nlp.sections.learned import LearnedSections, train_section_classifier

    fixes = [(a.text, corrected(a, g, rules), a.meta.get("main_content"), a.title) for _n, _p, a, g in train]
    learned = LearnedSections(rules, train_section_classifier(fixes, seed=0), threshold=threshold, promote=promote)
    out: dict[str, list] = {}
    for name, _page, a, g in test:
        hints = (a.meta.get("main_content"), a.title)
        out.setdefault(name, []).append((prf(body(a.text, rules.char_spans(a.text, *hints)), g),
                                         prf(body(a.text, learned.char_spans(a.text, *hints)), g)))
    return out


def print_rows(scores: dict[str, list], part: str) -> None:
    for name, rows in scores.items():
        for i, what in enumerate(("rules", "rules + learned")):
            p, r, f = (mean(row[i][k] for row in rows) for k in range(3))
            print(f"  {name:18} {part} ({len(rows)}) {what:16} P{p:.3f} R{r:.3f} F{f:.3f}")


def main(argv: list[str] | None = None) -> int:
    import argparse

    from annotator.nlp.sections.tagger import SectionTagger
    from annotator.schema import Schema

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", type=int, default=0, help="K-fold cross-validation on the tuned pages only")
    parser.add_argument("--threshold", type=float, default=0.7, help="classifier confidence that overrides the rules")
    parser.add_argument("--promote", action="store_true", help="the classifier may also turn boilerplate into body")
    args = parser.parse_args(argv)
    schema = Schema.default([])
    rules = SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])
    train, test = [], []
    for name in SETS:
        for page, article, gold in pages(name):
            (test if held_out(page.name) else train).append((name, page, article, gold))
    if args.cv:
        folds: dict[str, list] = {}
        for k in range(args.cv):
            part = compare(rules, [t for i, t in enumerate(train) if i % args.cv != k],
                           [t for i, t in enumerate(train) if i % args.cv == k], args.threshold, args.promote)
            for name, rows in part.items():
                folds.setdefault(name, []).extend(rows)
        print(f"{args.cv}-fold cross-validation on the {len(train)} tuned pages (body P/R/F1, mean per page)")
        print_rows(folds, "tuned, CV")
        return 0
    print(f"trained on {len(train)} tuned pages, scored on {len(test)} held-out pages (body P/R/F1, mean per page)")
    print_rows(compare(rules, train, test, args.threshold, args.promote), "held-out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
