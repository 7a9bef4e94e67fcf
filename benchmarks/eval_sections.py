"""How well section pre-labeling holds on news text it was not written for: real pages against
hand-made gold bodies, and entity suggestions on news wire with sections on and off.

**Pages.** For each page of ``scrapinghub_dev`` and ``readability_news`` (``../shared/data/html``):
import it with ``read_html``, run the section component (blank English pipeline +
``add_section_pipe``, default schema, with the reader's hints: main-content ranges and title), keep
the article body (every section but ``boilerplate``, ``headline``, ``byline`` and ``dateline``:
the gold bodies, like ``extract()``, leave the title out; captions count as body, which
readability_news' gold keeps and scrapinghub_dev's leaves out) and score it against the gold body with word-level precision, recall and F1 (multiset overlap of
lowercased ``\\w+`` words); column ``+headline`` keeps the headline too (the score this
benchmark printed before byline and dateline existed), column ``-captions`` leaves captions out
(scrapinghub_dev's convention). ``trafilatura.extract()`` on the same page, in the same run, is scored
the same way. Each set is split by a hash of the file name: the *held-out* part (a quarter) was
never looked at while tuning the rules (``-v`` prints the tuned pages' rows only, unless
``--show-held-out``); means are given for the tuned part, the held-out part and the whole set.
Each set also says where the gold words missing from the body are: in confident boilerplate
(entity suggestions dropped), unsure boilerplate (kept), headline, byline or dateline.

**Unseen pages.** ``cc_pages`` (31 Creative-Commons blog and news pages, mostly German, from
trafilatura's evaluation) has no full gold body, only snippets per page that must and must not
be in the main text. Our body and ``trafilatura.extract()`` are scored as trafilatura's own
evaluation does (``tests/eval_common.py`` behind ``tests/evaluate.py``: whitespace-normalised,
case-sensitive substring matching, counts pooled over the set; precision, recall, F1, accuracy);
see :mod:`benchmarks.eval_sections_snippets`. This set is a test set only: it was NEVER used for
tuning, and nothing under ``annotator/`` may be changed to raise its score. ``-v`` prints each
page with the section that holds every missed ``with`` and every kept ``without`` snippet.

**News wire.** :mod:`benchmarks.eval_sections_conll`: CoNLL-2003 dev, entity P/R/F1 of
pre-labeling with sections vs ``--no-sections``.

Run: ``.venv/bin/python benchmarks/eval_sections.py [--sets NAME...] [--no-conll] [-v]``
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HTML = ROOT.parent / "shared" / "data" / "html"
SETS = ("scrapinghub_dev", "readability_news")  # gold bodies; tuned on (but their held-out parts)
SNIPPET_SETS = ("cc_pages",)  # with/without snippets only; an unseen test set, never tuned on
NOT_BODY = frozenset({"boilerplate", "headline", "byline", "dateline"})
COLUMNS = ("ours", "+headline", "-captions", "trafilatura")
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


def missed_by_section(text: str, spans, sure, kept: str, gold: str) -> Counter:
    """Gold words missing from the body, counted by the section that holds them: ``boilerplate``
    (confident: entity suggestions dropped) and ``boilerplate?`` (unsure: kept) apart; words found
    in no section are ``nowhere`` (the reader lost them or the gold differs from the page)."""
    missing = Counter(_WORD.findall(gold.lower())) - Counter(_WORD.findall(kept.lower()))
    out: Counter = Counter()
    for s, e, label in spans:
        if label in NOT_BODY:
            if label == "boilerplate":
                label = "boilerplate" if any(a <= s and e <= b for a, b in sure) else "boilerplate?"
            words = Counter(_WORD.findall(text[s:e].lower())) & missing
            out[label] += sum(words.values())
            missing -= words
    out["nowhere"] = sum(missing.values())
    return out


def held_out(name: str) -> bool:
    """A fixed quarter of each set, chosen by a hash of the file name, kept out of tuning."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 4 == 0


def score_set(folder: Path, pipe, verbose: bool, show_held_out: bool) -> list[dict]:
    import trafilatura

    from annotator.io.readers.html import read_html

    rows = []
    for page in sorted((folder / "html").glob("*.html")):
        gold = (folder / "gold" / f"{page.stem}.txt").read_text(encoding="utf-8")
        article = next(read_html(page)).article
        spans, sure = pipe.analyse(article.text, article.meta.get("main_content"), article.title)
        kept = "\n".join(article.text[s:e] for s, e, label in spans if label not in NOT_BODY)
        with_head = "\n".join(article.text[s:e] for s, e, label in spans if label != "boilerplate")
        no_captions = "\n".join(article.text[s:e] for s, e, label in spans if label not in NOT_BODY | {"caption"})
        extracted = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace")) or ""
        row = {"page": page.stem, "held_out": held_out(page.name), "ours": prf(kept, gold),
               "+headline": prf(with_head, gold), "-captions": prf(no_captions, gold), "trafilatura": prf(extracted, gold),
               "missed": missed_by_section(article.text, spans, sure, kept, gold)}
        rows.append(row)
        if verbose and (show_held_out or not row["held_out"]):
            print(f"  {page.stem[:24]:24} {'held-out' if row['held_out'] else 'tuned':8} " + " ".join(
                "P{:.2f} R{:.2f} F{:.2f}".format(*row[k]).rjust(20) for k in COLUMNS))
            if verbose and not row["held_out"] and row["ours"][2] < row["trafilatura"][2] - 0.02:
                for s, e, label in spans:
                    print(f"      {label:16} {article.text[s:e][:100]!r}")
    return rows


def _means(rows: list[dict], key: str) -> str:
    if not rows:
        return "-".rjust(20)
    return "P{:.3f} R{:.3f} F{:.3f}".format(*(mean(r[key][i] for r in rows) for i in range(3))).rjust(20)


def report(name: str, rows: list[dict]) -> None:
    print(f"{name}: {len(rows)} pages")
    print(f"  {'part':24} " + " ".join(f"{c:>20}" for c in ("sections (ours)", "ours +headline", "ours -captions", "trafilatura")))
    parts = (("tuned", [r for r in rows if not r["held_out"]]), ("held-out", [r for r in rows if r["held_out"]]), ("all", rows))
    for part, sub in parts:
        print(f"  {f'{part} ({len(sub)})':24} " + " ".join(_means(sub, c) for c in COLUMNS))
    missed: Counter = sum((r["missed"] for r in rows), Counter())
    total = sum(missed.values())
    if total:
        print("  gold words missing from the body, by the section holding them (all pages): " + ", ".join(
            f"{label} {n / total:.0%}" for label, n in missed.most_common() if n))
    worst = sorted(rows, key=lambda r: r["ours"][2] - r["trafilatura"][2])[:5]
    print("  five worst pages against trafilatura (F1 ours - trafilatura):")
    for r in worst:
        print(f"    {r['page'][:40]:40} {'held-out' if r['held_out'] else 'tuned':8} ours F{r['ours'][2]:.2f} "
              f"trafilatura F{r['trafilatura'][2]:.2f} ({r['ours'][2] - r['trafilatura'][2]:+.2f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", default=[*SETS, *SNIPPET_SETS], help="page sets under ../shared/data/html")
    parser.add_argument("--no-conll", action="store_true", help="skip the CoNLL-2003 entity comparison")
    parser.add_argument("-v", "--verbose", action="store_true", help="a row per tuned page (sections of bad ones)")
    parser.add_argument("--show-held-out", action="store_true", help="with -v, print held-out pages too")
    args = parser.parse_args(argv)

    import spacy

    from annotator.nlp.sections.tagger import add_section_pipe
    from annotator.nlp.tokenizer import customize_tokenizer
    from annotator.schema import Schema
    from benchmarks.eval_sections_snippets import report_snippets, score_snippet_set

    nlp = customize_tokenizer(spacy.blank("en"))
    pipe = add_section_pipe(nlp, Schema.default([]))
    for name in args.sets:
        folder = HTML / name
        if name in SNIPPET_SETS:
            report_snippets(name, *score_snippet_set(folder, pipe, NOT_BODY, args.verbose))
            continue
        if not (folder / "html").is_dir():
            print(f"no pages in {folder / 'html'}", file=sys.stderr)
            return 1
        report(name, score_set(folder, pipe, args.verbose, args.show_held_out))
    if not args.no_conll:
        from benchmarks import eval_sections_conll

        eval_sections_conll.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
