"""What the learned section classifier adds over the rules, on pages it was not trained on.

No project holds annotator-corrected sections of these pages yet, so the corrections are
simulated from the gold bodies: on each *tuned* page of ``scrapinghub_dev`` and
``readability_news`` (see :mod:`benchmarks.eval_sections`), a line the rules keep as story whose
words are mostly (half or more) not in the gold body is corrected to ``boilerplate``, and a
boilerplate line of 3+ words whose words are 80% in the gold body is corrected to ``body``: the
type fixes an annotator would make. The classifier is trained on those pages only and scored on the
*held-out* pages, against the rules alone, with the body score of ``eval_sections``.

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
    from annotator.nlp.sections_lines import lines_of

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


def main() -> int:
    from annotator.nlp.sections import SectionTagger
    from annotator.nlp.sections_learned import LearnedSections, train_section_classifier
    from annotator.schema import Schema

    schema = Schema.default([])
    rules = SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])
    train, test = [], []
    for name in SETS:
        for page, article, gold in pages(name):
            (test if held_out(page.name) else train).append((name, page, article, gold))
    fixes = [(a.text, corrected(a, g, rules), a.meta.get("main_content"), a.title) for _n, _p, a, g in train]
    model = train_section_classifier(fixes, seed=0)
    learned = LearnedSections(rules, model)
    print(f"trained on {len(train)} tuned pages, scored on {len(test)} held-out pages (body P/R/F1, mean per page)")
    for name in SETS:
        rows = [(prf(body(a.text, rules.char_spans(a.text, a.meta.get("main_content"), a.title)), g),
                 prf(body(a.text, learned.char_spans(a.text, a.meta.get("main_content"), a.title)), g))
                for n, _p, a, g in test if n == name]
        for i, what in enumerate(("rules", "rules + learned")):
            p, r, f = (mean(row[i][k] for row in rows) for k in range(3))
            print(f"  {name:18} held-out ({len(rows)}) {what:16} P{p:.3f} R{r:.3f} F{f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
