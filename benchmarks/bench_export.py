"""Export to the Hugging Face folder against a bare pyarrow ``ParquetWriter`` loop and the
``datasets`` route, on the same rows; peak memory at N and N/4; where the export's time goes.

Our export runs in a fresh process (``python -m benchmarks.bench_export PROJECT OUT LIMIT``) so
its peak memory is its own. The baselines get the very rows our export wrote, read back from its
Parquet files outside the timed part: only turning Python rows into Parquet is timed for them.
"""
from __future__ import annotations

import cProfile
import itertools
import json
import pstats
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .measure import current_rss_mb, peak_rss_mb, run_child

BATCH_ROWS = 2000


def export_child(project_path: str, out: str, limit: int) -> dict[str, Any]:
    """Our export of the first ``limit`` articles, timed in this process (run it in a fresh one)."""
    from annotator.project import Project
    from exports.hf import write_hf

    before = current_rss_mb()
    with Project.open(project_path, read_only=True) as project:
        start = time.perf_counter()
        summary = write_hf(itertools.islice(project.documents(), limit), Path(out), project.schema)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "rss_before_mb": before,
            "rows": {c: summary.total(c) for c in summary.counts}}


def ours(project_path: Path, out: Path, limit: int) -> dict[str, Any]:
    return run_child("benchmarks.bench_export", [str(project_path), str(out), str(limit)])


def parquet_files(export: Path) -> list[Path]:
    return sorted((export / "data").glob("*/*.parquet"))


def bare_loop(export: Path, out: Path) -> float:
    """Seconds a plain loop takes to write the export's rows: ``from_pylist`` + ``write_batch``."""
    seconds = 0.0
    for f in parquet_files(export):
        source = pq.ParquetFile(f)
        target = out / f.relative_to(export)
        target.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        writer = pq.ParquetWriter(target, source.schema_arrow, compression="zstd")
        seconds += time.perf_counter() - start
        for batch in source.iter_batches(batch_size=BATCH_ROWS):
            rows = batch.to_pylist()
            start = time.perf_counter()
            writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=source.schema_arrow))
            seconds += time.perf_counter() - start
        start = time.perf_counter()
        writer.close()
        seconds += time.perf_counter() - start
    return seconds


def datasets_route(export: Path, out: Path) -> float:
    """Seconds ``datasets.Dataset.from_list(rows).to_parquet(path)`` takes for the same rows."""
    import datasets

    datasets.disable_progress_bars()
    seconds = 0.0
    for f in parquet_files(export):
        rows = pq.read_table(f).to_pylist()
        if not rows:
            continue
        target = out / f.relative_to(export)
        target.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        datasets.Dataset.from_list(rows).to_parquet(str(target))
        seconds += time.perf_counter() - start
        del rows
    return seconds


PHASES = {  # phase -> (file suffix, function) whose cumulative time it is
    "store read (Project.documents)": ("annotator/project.py", "documents"),
    "tokenization (Language.make_doc)": ("spacy/language.py", "make_doc"),
    "IOB tags (iob_tags)": ("exports/chunks.py", "iob_tags"),
    "token columns (Doc.to_array)": ("spacy/tokens/doc.pyx", "to_array"),
    "chunking (ChunkEncoder.chunks)": ("exports/chunks.py", "chunks"),
    "parquet writing (ShardWriter.flush)": ("exports/hf.py", "flush"),
    "document rows (_add_document)": ("exports/hf.py", "_add_document"),
}


def profile(project_path: Path, out: Path, limit: int) -> dict[str, Any]:
    """cProfile one export of ``limit`` articles; cumulative seconds per phase and the top functions."""
    from annotator.project import Project
    from annotator.tokenizer import blank_pipeline
    from exports.hf import write_hf

    with Project.open(project_path, read_only=True) as project:
        docs = list(itertools.islice(project.documents(), limit))
        nlp = blank_pipeline()
        start = time.perf_counter()
        tokens = sum(len(nlp.make_doc(d.article.text)) for d in docs)
        tokenize_s = time.perf_counter() - start
        profiler = cProfile.Profile()
        profiler.enable()
        write_hf(itertools.islice(project.documents(), limit), out, project.schema)
        profiler.disable()
        plain_s = _timed_export(project, out, limit, None)
        cached_s = _timed_export(project, out, limit, CachedTokens(nlp, docs))
    stats = pstats.Stats(profiler)
    total = max(v[3] for v in stats.stats.values())  # type: ignore[attr-defined]
    phases: dict[str, float] = {}
    for name, (suffix, func) in PHASES.items():
        phases[name] = sum(v[3] for (file, _, fn), v in stats.stats.items() if fn == func and file.endswith(suffix))  # type: ignore[attr-defined]
    top = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:8]  # type: ignore[attr-defined]
    return {
        "articles": limit,
        "profiled_total_s": total,
        "phases_s": phases,
        "top_self_time": [{"function": f"{Path(file).name}:{line}:{fn}", "self_s": v[2]} for (file, line, fn), v in top],
        "plain_ms_per_article": plain_s * 1000 / limit,
        "cached_tokens_ms_per_article": cached_s * 1000 / limit,
        "tokens": tokens,
        "tokenizer_tokens_per_s": tokens / tokenize_s if tokenize_s else 0.0,
        "tokens_per_article": tokens / max(1, len(docs)),
    }


class CachedTokens:
    """Stands in for a token cache in the store: ``make_doc`` rebuilds a Doc from stored words."""

    def __init__(self, nlp: Any, docs: list[Any]) -> None:
        self.vocab = nlp.vocab
        self.cache = {}
        for d in docs:
            doc = nlp.make_doc(d.article.text)
            self.cache[d.article.text] = ([t.text for t in doc], [bool(t.whitespace_) for t in doc])

    def make_doc(self, text: str) -> Any:
        from spacy.tokens import Doc

        words, spaces = self.cache[text]
        return Doc(self.vocab, words=words, spaces=spaces)


def _timed_export(project: Any, out: Path, limit: int, nlp: Any) -> float:
    from exports.hf import write_hf

    start = time.perf_counter()
    write_hf(itertools.islice(project.documents(), limit), out, project.schema, tokenizer_nlp=nlp)
    return time.perf_counter() - start


def store_read(project_path: Path) -> float:
    """Seconds to stream every document out of the store, which the export has to do."""
    from annotator.project import Project

    with Project.open(project_path, read_only=True) as project:
        start = time.perf_counter()
        for _ in project.documents():
            pass
        return time.perf_counter() - start


def tokenize_texts(project_path: Path, limit: int) -> float:
    """Seconds the project tokenizer needs for the texts alone: work any export of token rows does.

    Texts are read from the store outside the timed part, a batch at a time.
    """
    from annotator.project import Project
    from annotator.tokenizer import blank_pipeline

    nlp = blank_pipeline()
    seconds = 0.0
    with Project.open(project_path, read_only=True) as project:
        batch: list[str] = []
        for doc in itertools.islice(project.documents(), limit):
            batch.append(doc.article.text)
            if len(batch) == 1000:
                seconds += _time_make_doc(nlp, batch)
                batch = []
        seconds += _time_make_doc(nlp, batch)
    return seconds


def _time_make_doc(nlp: Any, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        nlp.make_doc(text)
    return time.perf_counter() - start


def run(project_path: Path, n: int, workdir: Path, profile_articles: int = 1000) -> dict[str, Any]:
    """Every export measurement: ours at N and N/4, the baselines, store read and the profile."""
    small = max(1, n // 4)
    full = ours(project_path, workdir / "export_n", n)
    quarter = ours(project_path, workdir / "export_quarter", small)
    result: dict[str, Any] = {
        "articles": n, "ours_s": full["seconds"], "rows": full["rows"],
        "peak_rss_mb": full["peak_rss_mb"], "rss_before_mb": full["rss_before_mb"],
        "quarter_articles": small, "quarter_ours_s": quarter["seconds"], "quarter_peak_rss_mb": quarter["peak_rss_mb"],
        "quarter_rss_before_mb": quarter["rss_before_mb"],
    }
    result["bare_s"] = bare_loop(workdir / "export_n", workdir / "bare_n")
    shutil.rmtree(workdir / "bare_n", ignore_errors=True)
    result["quarter_bare_s"] = bare_loop(workdir / "export_quarter", workdir / "bare_quarter")
    result["quarter_datasets_s"] = datasets_route(workdir / "export_quarter", workdir / "datasets_quarter")
    shutil.rmtree(workdir / "bare_quarter", ignore_errors=True)
    shutil.rmtree(workdir / "datasets_quarter", ignore_errors=True)
    result["store_read_s"] = store_read(project_path)
    result["tokenize_s"] = tokenize_texts(project_path, n)
    result["profile"] = profile(project_path, workdir / "export_profiled", min(n, profile_articles))
    for name in ("export_n", "export_quarter", "export_profiled"):
        shutil.rmtree(workdir / name, ignore_errors=True)
    return result


if __name__ == "__main__":
    project_arg, out_arg, limit_arg = sys.argv[1:4]
    print(json.dumps(export_child(project_arg, out_arg, int(limit_arg))))
