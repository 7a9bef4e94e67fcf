"""How well the section pre-labels separate story from boilerplate, against hand-made gold bodies.

For each page of the scrapinghub article-extraction sample: import it with ``read_html``, run the
section component (blank English pipeline + ``add_section_pipe`` with the default schema), keep
the text of every section that is not boilerplate, and score it against the gold article body
with word-level precision, recall and F1 (multiset overlap of lowercased ``\\w+`` words). The
same score for ``trafilatura.extract()`` on the same pages is printed beside it. Columns:
``sections+hints`` (main-content ranges and title from the reader, as pre-labeling should run),
``sections+main_content`` (ranges only), ``sections(text only)`` (no hints, as for .txt imports),
``trafilatura`` (its default ``extract()``).

Run: ``.venv/bin/python benchmarks/eval_sections.py [DATA_DIR] [-v]``
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "html" / "scrapinghub_dev"
_WORD = re.compile(r"\w+")


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Word-level precision, recall and F1 of ``predicted`` against ``gold``."""
    p_words = Counter(_WORD.findall(predicted.lower()))
    g_words = Counter(_WORD.findall(gold.lower()))
    overlap = sum((p_words & g_words).values())
    precision = overlap / sum(p_words.values()) if p_words else 0.0
    recall = overlap / sum(g_words.values()) if g_words else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA, help="folder with html/ and gold/")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the sections of each page")
    args = parser.parse_args(argv)

    import spacy
    import trafilatura

    from annotator.io.readers.html import read_html
    from annotator.nlp.sections import add_section_pipe
    from annotator.nlp.tokenizer import customize_tokenizer
    from annotator.schema import Schema

    nlp = customize_tokenizer(spacy.blank("en"))
    add_section_pipe(nlp, Schema.default([]))
    pipe = nlp.get_pipe("news_sections")

    configs = ("sections+hints", "sections+main_content", "sections(text only)", "trafilatura")
    scores: dict[str, list[tuple[float, float, float]]] = {c: [] for c in configs}
    seconds = {"tokenize": 0.0, "sections": 0.0}
    pages = sorted((args.data / "html").glob("*.html"))
    if not pages:
        print(f"no pages in {args.data / 'html'}", file=sys.stderr)
        return 1
    print(f"{'page':14} " + " ".join(f"{c:>24}" for c in configs))
    for page in pages:
        gold = (args.data / "gold" / f"{page.stem}.txt").read_text(encoding="utf-8")
        article = next(read_html(page)).article
        t0 = time.perf_counter()
        doc = nlp.make_doc(article.text)
        t1 = time.perf_counter()
        doc.user_data["main_content"] = article.meta.get("main_content")
        doc.user_data["title"] = article.title
        doc = pipe(doc)
        seconds["tokenize"] += t1 - t0
        seconds["sections"] += time.perf_counter() - t1
        kept = "\n".join(s.text for s in doc.spans["sections"] if s.label_ != "boilerplate")
        no_title = pipe.char_spans(article.text, article.meta.get("main_content"))
        plain = pipe.char_spans(article.text)
        kept_no_title, kept_plain = (
            "\n".join(article.text[s:e] for s, e, label in spans if label != "boilerplate") for spans in (no_title, plain)
        )
        extracted = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace")) or ""
        row = [prf(kept, gold), prf(kept_no_title, gold), prf(kept_plain, gold), prf(extracted, gold)]
        for config, score in zip(configs, row):
            scores[config].append(score)
        print(f"{page.stem[:14]} " + " ".join(f"P{p:.2f} R{r:.2f} F{f:.2f}".rjust(24) for p, r, f in row))
        if args.verbose:
            for s in doc.spans["sections"]:
                print(f"    {s.label_:16} {s.text[:90]!r}")
    print(f"{'mean':14} " + " ".join(
        "P{:.3f} R{:.3f} F{:.3f}".format(*(mean(x[i] for x in scores[c]) for i in range(3))).rjust(24) for c in configs
    ))
    print(f"{len(pages)} pages; tokenizer {seconds['tokenize']:.2f}s, section component {seconds['sections']:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
