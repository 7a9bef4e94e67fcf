"""Section pre-labeling time against page size: a 2 MB page must take about ten times a 200 KB one.

The pages are real page text: the 40 ``scrapinghub_dev`` pages as the HTML reader imports them
(one block per line, chrome included), concatenated and cut to size, once with their line breaks
and once with none (one 2 MB line, the worst case for the line-based rules). Timed: the section
rules as pre-labeling calls them (``SectionTagger.analyse``: spans and confident boilerplate),
best of ``repeats``, on the 2 MB page and on each of its ten 200 KB slices (``*_small_s`` is their
mean). Run: ``.venv/bin/python -m benchmarks.bench_sections``.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "html" / "scrapinghub_dev" / "html"
SMALL, LARGE = 200_000, 2_000_000


def page_text(size: int) -> str:
    from annotator.io.readers.html import read_html

    texts = [next(read_html(p)).article.text for p in sorted(PAGES.glob("*.html"))]
    if not texts:
        raise FileNotFoundError(f"no pages in {PAGES}")
    joined = "\n".join(texts)
    return (joined * (size // len(joined) + 1))[:size]


def best_seconds(tagger: Any, text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        spans, _sure = tagger.analyse(text)
        best = min(best, time.perf_counter() - start)
        if not spans:
            raise RuntimeError("no sections made")
    return best


def run(repeats: int = 3) -> dict[str, Any]:
    from annotator.nlp.sections.tagger import SectionTagger
    from annotator.schema import Schema

    schema = Schema.default([])
    tagger = SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])
    large = page_text(LARGE)
    out: dict[str, Any] = {"small_bytes": SMALL, "large_bytes": LARGE, "repeats": repeats}
    for name, text in (("lines", large), ("one_line", large.replace("\n", " "))):
        # The baseline is the same 2 MB cut into ten 200 KB pages: the same bytes, in small pages.
        out[f"{name}_small_s"] = sum(best_seconds(tagger, text[i:i + SMALL], repeats) for i in range(0, LARGE, SMALL)) / (LARGE // SMALL)
        out[f"{name}_large_s"] = best_seconds(tagger, text, repeats)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    print(json.dumps(run(parser.parse_args().repeats), indent=2))
