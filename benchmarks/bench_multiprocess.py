"""Pre-labeling with ``n_process=2`` against our own single process.

Every run pre-labels the same generated articles (texts only) in a fresh project with the same
pipeline (the English model's NER plus the section component), store writes and the token cache
included; the model is loaded before the clock starts, worker start and shutdown are timed. Each
side runs at a few batch sizes, interleaved and repeated; each side's best time counts, and the
batch size that gave it is returned. CPU seconds (this process plus its reaped workers) show how
much work each side did, apart from how much of the machine it got.
"""
from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from annotator.io.importing import import_documents
from annotator.model import Document
from annotator.nlp.pipeline import DEFAULT_MODEL, model_entity_labels
from annotator.nlp.prelabel import prelabel, prelabel_pipeline
from annotator.schema import Schema
from annotator.store.project import Project

SINGLE_BATCH_SIZES = (32, 64)
MULTI_BATCH_SIZES = (16, 64)


def prelabel_run(docs: Sequence[Document], n_process: int, batch_size: int) -> tuple[int, float, float]:
    """Words, wall seconds and CPU seconds of one pre-labeling run in a fresh project."""
    with tempfile.TemporaryDirectory() as tmp:
        with Project.create(Path(tmp) / "mp.annotator", Schema.default(model_entity_labels())) as project:
            import_documents(project, docs)
            nlp = prelabel_pipeline(DEFAULT_MODEL, project.schema)
            cpu = _cpu_seconds()
            result = prelabel(project, nlp, n_process=n_process, batch_size=batch_size)
            return result.words, result.seconds, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(docs: Sequence[Document], repeats: int = 2, single_sizes: Sequence[int] = SINGLE_BATCH_SIZES,
        multi_sizes: Sequence[int] = MULTI_BATCH_SIZES) -> dict[str, Any]:
    configs = [(1, b) for b in single_sizes] + [(2, b) for b in multi_sizes]
    runs: dict[tuple[int, int], list[tuple[float, float]]] = {c: [] for c in configs}
    words: set[int] = set()
    for i in range(repeats):
        for n, b in configs if i % 2 == 0 else configs[::-1]:  # neither side always runs first
            w, secs, cpu = prelabel_run(docs, n, b)
            words.add(w)
            runs[(n, b)].append((secs, cpu))
    if len(words) != 1:
        raise RuntimeError(f"the runs saw different texts ({sorted(words)} words)")
    (n1, single), (n2, multi) = (_best(runs, n) for n in (1, 2))
    total = words.pop()
    return {
        "articles": len(docs), "words": total, "repeats": repeats,
        "single_s": single[0], "multi_s": multi[0], "speedup": single[0] / multi[0],
        "single_batch_size": n1, "multi_batch_size": n2,
        "single_cpu_s": single[1], "multi_cpu_s": multi[1],
        "single_words_per_s": total / single[0], "multi_words_per_s": total / multi[0],
        "runs_s": {f"n_process={n} batch_size={b}": [round(s, 2) for s, _ in r] for (n, b), r in runs.items()},
    }


def _best(runs: dict[tuple[int, int], list[tuple[float, float]]], n_process: int) -> tuple[int, tuple[float, float]]:
    """The batch size with the fastest run for ``n_process``, and that run's wall and CPU seconds."""
    return min(((b, min(r)) for (n, b), r in runs.items() if n == n_process), key=lambda item: item[1][0])
