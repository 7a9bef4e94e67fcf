"""Pre-labeling throughput on the CoNLL-2003 dev documents against plain ``nlp.pipe``.

Both sides use the same pipeline, loaded the same way (NER only, project tokenizer), on the same
texts, in the same run. Ours includes reading from and writing to the project file (suggestions,
annotations and the token cache), and (in the second row) the section component. Run:
``.venv/bin/python -m benchmarks.bench_prelabel``.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.io.importing import import_documents
from annotator.nlp.pipeline import DEFAULT_MODEL, load_pipeline, model_entity_labels
from annotator.nlp.prelabel import prelabel, prelabel_pipeline
from annotator.schema import Schema
from annotator.store.project import Project
from exports.formats.conll import read_conll

CONLL_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "conll2003" / "conllpp_dev.txt"


def plain_pipe(texts: list[str], n_process: int = 1, batch_size: int = 64) -> tuple[int, float]:
    nlp = load_pipeline()
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    return words, time.perf_counter() - start


def ours(docs: list[Any], sections: bool, n_process: int = 1, batch_size: int = 64) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        with Project.create(Path(tmp) / "bench.annotator", Schema.default(model_entity_labels())) as project:
            for d in docs:  # texts only: the gold would count as human work and not be applied
                d.entities.clear()
            import_documents(project, docs)
            nlp = prelabel_pipeline(DEFAULT_MODEL, project.schema, sections=sections)
            result = prelabel(project, nlp, n_process=n_process, batch_size=batch_size)
            return result.words, result.seconds


def run(repeats: int = 3) -> dict[str, Any]:
    docs = list(read_conll(CONLL_DEV))
    texts = [d.article.text for d in docs]
    rows: dict[str, list[float]] = {"plain": [], "ours_entities": [], "ours_entities_sections": []}
    words = 0
    for _ in range(repeats):
        words, secs = plain_pipe(texts)
        rows["plain"].append(words / secs)
        w, secs = ours(list(read_conll(CONLL_DEV)), sections=False)
        rows["ours_entities"].append(w / secs)
        w, secs = ours(list(read_conll(CONLL_DEV)), sections=True)
        rows["ours_entities_sections"].append(w / secs)
    best = {k: max(v) for k, v in rows.items()}
    return {
        "documents": len(texts),
        "words": words,
        "words_per_second": {k: round(v) for k, v in best.items()},
        "ratio_entities_vs_plain": round(best["ours_entities"] / best["plain"], 3),
        "ratio_entities_sections_vs_plain": round(best["ours_entities_sections"] / best["plain"], 3),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    print(json.dumps(run(parser.parse_args().repeats), indent=2))
