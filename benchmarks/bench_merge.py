"""Merging three annotators' projects against importing the same annotations from JSONL.

Three annotators each annotated the same N generated articles (a few entities dropped per
annotator so the versions differ). Baseline: ``import_paths`` of each annotator's JSONL file
(text, entities, sections, status done, ``--annotator``) into a fresh project, the three summed.
Ours: ``merge`` of the three resulting projects into a project holding the N texts.
``python -m benchmarks.bench_merge [--articles N]`` runs it alone.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.model import Document
from annotator.schema import Schema
from annotator.store.project import Project

NAMES = ("alice", "bob", "carol")


def _jsonl(path: Path, docs: Sequence[Document], k: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, d in enumerate(docs):
            ents = [e for j, e in enumerate(d.entities) if (i + j) % 7 != k]  # each annotator misses some
            fh.write(json.dumps({"id": d.article.id, "text": d.article.text, "status": "done",
                                 "entities": [{"start": e.start, "end": e.end, "label": e.label} for e in ents],
                                 "sections": [{"start": s.start, "end": s.end, "label": s.label} for s in d.sections]},
                                ensure_ascii=False) + "\n")


def run(docs: Sequence[Document], schema: Schema, workdir: Path) -> dict[str, Any]:
    from annotator.team.merge import merge
    from exports.importing import import_paths

    sources, import_s = [], 0.0
    for k, name in enumerate(NAMES):
        data = workdir / f"{name}.jsonl"
        _jsonl(data, docs, k)
        path = workdir / f"{name}.annotator"
        with Project.create(path, schema) as p:
            p.set_annotator(name, store=True)
            start = time.perf_counter()
            import_paths(p, [data], annotator=name)
            import_s += time.perf_counter() - start
        sources.append(path)
    target = workdir / "lead.annotator"
    texts = workdir / "texts.jsonl"
    texts.write_text("".join(json.dumps({"id": d.article.id, "text": d.article.text}) + "\n" for d in docs), encoding="utf-8")
    with Project.create(target, schema) as p:
        import_paths(p, [texts])
        start = time.perf_counter()
        report = merge(p, sources)
        merge_s = time.perf_counter() - start
        again_start = time.perf_counter()
        again = merge(p, sources)
        again_s = time.perf_counter() - again_start
    return {"articles": len(docs), "annotators": len(NAMES), "import_s": import_s, "merge_s": merge_s,
            "versions": report.counts["added"], "remerge_s": again_s, "remerge_unchanged": again.counts["unchanged"],
            "spans": sum(len(d.entities) + len(d.sections) for d in docs) * len(NAMES)}


def main(argv: list[str] | None = None) -> int:
    from benchmarks.corpus import ENTITY_LABELS, Corpus

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    docs = list(Corpus(args.seed).documents(args.articles))
    with tempfile.TemporaryDirectory() as tmp:
        r = run(docs, Schema.default(ENTITY_LABELS), Path(tmp))
    print(json.dumps(r, indent=2))
    print(f"merge of {len(NAMES)} x {r['articles']:,} articles: {r['merge_s']:.2f} s; importing the same from JSONL: "
          f"{r['import_s']:.2f} s; ratio {r['merge_s'] / r['import_s']:.2f} (target <= 2)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
