"""Entity suggestions on news wire with sections on and off: does section pre-labeling cost
entities on text that has no boilerplate?

The CoNLL-2003 dev documents are read with the project's CoNLL reader (gold PER/ORG/LOC/MISC),
then run through pre-labeling's own :class:`Analyser` (English pipeline, schema
``examples/conll2003_schema.json``) twice: with the section component and without it
(``--no-sections``). Exact-match precision, recall and F1 of the suggested entities against the
gold ones, and how the sections cut the documents.

Run: ``.venv/bin/python benchmarks/eval_sections_conll.py``
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONLL_DEV = ROOT.parent / "shared" / "data" / "conll2003" / "conllpp_dev.txt"
SCHEMA = ROOT / "examples" / "conll2003_schema.json"


def entity_scores(gold: set, predicted: set) -> tuple[float, float, float]:
    tp = len(gold & predicted)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(path: Path = CONLL_DEV) -> dict[str, object]:
    """``{"sections": (P, R, F1), "no_sections": (P, R, F1), "labels": Counter, "docs": n}``."""
    from annotator.nlp.pipeline import DEFAULT_MODEL
    from annotator.nlp.prelabel import prelabel_pipeline
    from annotator.nlp.prelabel_workers import Analyser
    from annotator.schema import Schema
    from exports.formats.conll import read_conll

    schema = Schema.from_file(SCHEMA)
    docs = list(read_conll(path))
    items = [(i, d.article.id, d.article.text, {}) for i, d in enumerate(docs)]
    gold = {(i, s.start, s.end, s.label) for i, d in enumerate(docs) for s in d.entities}
    out: dict[str, object] = {"docs": len(docs), "gold": len(gold)}
    for name, sections in (("sections", True), ("no_sections", False)):
        analyser = Analyser(prelabel_pipeline(DEFAULT_MODEL, schema, sections=sections), schema)
        predicted: set = set()
        labels: Counter = Counter()
        for a in analyser.analyse(items, batch_size=64):
            predicted |= {(a.seq, s, e, label) for s, e, label in a.entities}
            labels.update(label for _s, _e, label in a.sections or ())
        out[name] = entity_scores(gold, predicted)
        if sections:
            out["labels"] = labels
    return out


def main() -> int:
    result = run()
    print(f"CoNLL-2003 dev: {result['docs']} documents, {result['gold']} gold entities (exact match)")
    for name in ("sections", "no_sections"):
        p, r, f = result[name]  # type: ignore[misc]
        print(f"  entities, {name:12} P{p:.3f} R{r:.3f} F{f:.3f}")
    delta = result["sections"][2] - result["no_sections"][2]  # type: ignore[index]
    print(f"  F1 sections - no_sections: {delta:+.4f} (goal: within 0.01)")
    print("  sections made: " + ", ".join(f"{k} {v}" for k, v in result["labels"].most_common()))  # type: ignore[union-attr]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
