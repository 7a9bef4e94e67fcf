"""Held-out section scores of model versions as a project grows: rules alone vs rules + classifier.

The section training of ``annotator train`` (:mod:`annotator.nlp.learning.section_training`) runs on
a project of real HTML pages whose section corrections are simulated from the gold bodies as in
:mod:`benchmarks.eval_sections_learned` (lines the rules keep as story but mostly not in the gold
body fixed to boilerplate, and back). Each version has more done articles (the first quarter, half,
all of the pages); the project's own hash-held-out slice is scored, never trained on. ``--pages
held-out`` (default) builds the project from the pages kept out of all tuning of the rules and the
classifier (25 pages: a single held-out article, too few to tell); ``--pages tuned`` from the pages they
were tuned on; ``--pages all`` from both (its held-out slice mixes tuned and untuned pages).
``--split``: no versions; the classifier trained on all tuned pages, scored on all 25 untuned ones.

Run: ``nice .venv/bin/python benchmarks/eval_sections_versions.py [--pages tuned|all]``
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval_sections import SETS, held_out  # noqa: E402
from benchmarks.eval_sections_learned import corrected, pages  # noqa: E402


def project_docs(part: str):
    """The pages of ``part`` as documents with their simulated corrected sections."""
    from annotator.model import Document, Span
    from annotator.nlp.learning.section_training import rules_tagger
    from annotator.nlp.sections.tagger import resolve_labels
    from annotator.schema import Schema

    schema = Schema.default([])
    rules = rules_tagger(schema)
    labels = schema.names("sections")
    docs = []
    for name in SETS:
        for page, article, gold in pages(name):
            if part == "all" or held_out(page.name) == (part == "held-out"):
                fixed = resolve_labels(corrected(article, gold, rules), labels)  # line runs merged as the rules merge them
                docs.append(Document(article, sections=[Span(s, e, l) for s, e, l in fixed]))
    return schema, docs


def split_scores() -> None:
    """Train on all the tuned pages, score on all the untuned ones (the benchmark's own split)."""
    from annotator.nlp.learning.section_training import correction, rules_tagger, section_scores
    from annotator.nlp.sections.learned import LearnedSections, train_section_classifier

    schema, train = project_docs("tuned")
    _schema, test = project_docs("held-out")
    rules = rules_tagger(schema)
    learned = LearnedSections(rules, train_section_classifier([correction(d) for d in train], seed=0))
    texts = [d.article.text for d in test]
    gold = [[(s.start, s.end, s.label) for s in d.sections] for d in test]
    hints = [(d.article.meta.get("main_content"), d.article.title) for d in test]
    print(f"trained on {len(train)} tuned pages, scored on {len(test)} held-out pages")
    for what, tagger in (("rules alone", rules), ("rules + classifier", learned)):
        s = section_scores(texts, gold, [tagger.char_spans(t, *h) for t, h in zip(texts, hints)])
        print(f"  {what:<19} boundary F1 {s['boundary']['f']:.3f}  label F1 {s['label']['f']:.3f}")


def main(argv: list[str] | None = None) -> int:
    import argparse

    from annotator.io.importing import import_documents
    from annotator.model import Status
    from annotator.nlp.learning.section_training import train_sections
    from annotator.store.project import Project

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", choices=("held-out", "tuned", "all"), default="held-out")
    parser.add_argument("--split", action="store_true", help="train on the tuned pages, score on the held-out pages")
    args = parser.parse_args(argv)
    if args.split:
        split_scores()
        return 0
    schema, docs = project_docs(args.pages)
    print(f"{len(docs)} {args.pages} pages of {', '.join(SETS)}; scores on the project's hash-held-out slice")
    print(f"{'version':<8} {'done':>5} {'train':>5} {'held':>5}  {'what':<19} {'boundary F1':>11} {'label F1':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for v, share in enumerate((0.25, 0.5, 1.0), start=1):
            k = round(share * len(docs))
            for i, doc in enumerate(docs):
                doc.status = Status.DONE if i < k else Status.NEW
            path = Path(tmp) / f"v{v}.annotator"
            project = Project.create(path, schema)
            try:
                import_documents(project, docs)
                record, _model = train_sections(project)
            finally:
                project.close()
            head = f"v{v:<7} {k:>5} {record['train_articles']:>5} {record['held_out_articles']:>5}"
            if not record["trained"]:
                print(f"{head}  {record['note']}")
                continue
            for key, what in (("rules", "rules alone"), ("learned", "rules + classifier")):
                s = record[key]
                print(f"{head}  {what:<19} {s['boundary']['f']:>11.3f} {s['label']['f']:>9.3f}")
            print(f"{'':<27}{record['note']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
