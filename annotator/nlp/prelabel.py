"""Pre-labeling: run a spaCy pipeline over articles and store its suggestions.

Suggestions are kept as the model made them (with model name and version). They also become an
article's current annotations for a layer, but only while nobody has annotated that layer:
pre-labeling never overwrites human or imported work. The tokens of every article pre-labeled go
to the token cache (:mod:`annotator.store.token_cache`). Writes go in batched transactions.
"""
from __future__ import annotations

import itertools
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from annotator.model import ENTITIES, SECTIONS, Origin
from annotator.nlp.pipeline import load_pipeline, load_section_classifier, pipeline_id
from annotator.nlp.prelabel_workers import SECTION_PIPE, Analysed, Analyser, Item, WorkerError, WorkerPool
from annotator.schema import Schema
from annotator.nlp.tokens import TokenBounds, snap_all
from annotator.store import source_tokens, token_cache
from annotator.store.project import LAYER_BIT, Project, now_ms

__all__ = ["SECTION_PIPE", "PrelabelResult", "WorkerError", "pending", "prelabel", "prelabel_pipeline", "use_section_model"]


@dataclass
class PrelabelResult:
    """What a pre-labeling run did and how fast."""

    articles: int = 0
    entities: int = 0
    sections: int = 0
    applied: int = 0  # article layers whose current annotations were set from the suggestions
    words: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (article id, why), left for the user

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def prelabel_pipeline(model: str, schema: Schema, *, sections: bool = True, allow_path: bool = True,
                      section_model: Path | None = None) -> Language:
    """The pipeline pre-labeling runs: the model's NER plus the section component from ``schema``.

    ``allow_path=False`` for a model named by a project file (see :func:`resolve_model`).
    ``section_model``: a model version's section classifier, combined with the rules.
    """
    nlp = load_pipeline(model, allow_path=allow_path)
    if sections:
        from annotator.nlp.sections.tagger import add_section_pipe

        add_section_pipe(nlp, schema)
        if section_model is not None:
            use_section_model(nlp, section_model)
    return nlp


def use_section_model(nlp: Language, section_model: Path) -> None:
    """Let the pipeline's section component decide with a model version's section classifier."""
    from annotator.nlp.sections.learned import use_classifier
    from annotator.nlp.sections.tagger import SectionTagger

    tagger = nlp.get_pipe(SECTION_PIPE) if SECTION_PIPE in nlp.pipe_names else None
    if isinstance(tagger, SectionTagger):
        use_classifier(tagger, load_section_classifier(section_model))


def pending(project: Project, force: bool = False, article_ids: Iterable[str] | None = None) -> list[int]:
    """Row numbers of the articles to pre-label: those without entity suggestions, or all with force."""
    if article_ids is not None:
        seqs = list(dict.fromkeys(project.seq(a) for a in article_ids))
        if force:
            return seqs
        done = {r[0] for r in project.conn.execute("SELECT article FROM prelabels WHERE layer = ?", (ENTITIES,))}
        return [s for s in seqs if s not in done]
    if force:
        return [r[0] for r in project.conn.execute("SELECT seq FROM articles ORDER BY seq")]
    return [r[0] for r in project.conn.execute(
        "SELECT seq FROM articles WHERE seq NOT IN (SELECT article FROM prelabels WHERE layer = ?) ORDER BY seq", (ENTITIES,))]


def prelabel(
    project: Project,
    nlp: Language,
    *,
    force: bool = False,
    article_ids: Iterable[str] | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    write_every: int = 256,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PrelabelResult:
    """Pre-label the pending articles of ``project`` with ``nlp``.

    Entities come from ``doc.ents`` (mapped through the schema; unmapped labels are dropped and
    entities inside boilerplate sections are not suggested); sections from the section component
    when the pipeline has one. Each article's tokens go to the token cache in the same transaction.
    With ``n_process > 1`` (-1: one per CPU), worker processes do all of that and this process
    only reads texts and writes results; a worker's error is raised here as :class:`WorkerError`.
    """
    started = time.perf_counter()
    todo = pending(project, force, article_ids)
    run = _Run(project, nlp, len(todo), write_every, progress, should_stop)
    analyser = Analyser(nlp, project.schema)
    workers = min((os.cpu_count() or 1) if n_process == -1 else n_process, len(todo))
    items = _fitting(_inputs(project, todo), nlp.max_length, run)
    if workers > 1:
        _in_workers(run, analyser, items, batch_size, workers)
    else:
        _in_process(run, analyser, items, batch_size)
    result = run.finish()
    result.seconds = time.perf_counter() - started
    return result


def _fitting(items: Iterator[Item], max_length: int, run: _Run) -> Iterator[Item]:
    """The articles the pipeline can take in one piece; longer ones (spaCy's E088) are reported in
    ``skipped`` and left without suggestions, so one of them never stops the others."""
    for item in items:
        if len(item[2]) > max_length:
            run.skip(item[1], f"{len(item[2]):,} characters, over the pipeline's max_length of {max_length:,}; "
                              "split the article to pre-label it")
            continue
        yield item


def _in_process(run: _Run, analyser: Analyser, items: Iterator[Item], batch_size: int) -> None:
    stream = analyser.analyse(items, batch_size)
    try:
        for analysed in stream:
            if not run.add(analysed):
                return
    finally:
        stream.close()


def _in_workers(run: _Run, analyser: Analyser, items: Iterator[Item], batch_size: int, workers: int) -> None:
    with WorkerPool(analyser, workers, batch_size) as pool:
        for results in pool.map(_batches(items, run.total, batch_size, workers)):
            if not run.add_all(results):
                return


class _Run:
    """Counts, progress, cancellation and batched writes of one pre-labeling run."""

    def __init__(self, project: Project, nlp: Language, total: int, write_every: int,
                 progress: Callable[[int, int], None] | None, should_stop: Callable[[], bool] | None) -> None:
        self.project, self.total, self.write_every = project, total, write_every
        self.progress, self.should_stop = progress, should_stop
        self.model, self.version = pipeline_id(nlp)
        self.tokenizer = token_cache.fingerprint(nlp)
        self.batch: list[Analysed] = []
        self.result = PrelabelResult()

    def add(self, a: Analysed) -> bool:
        """Take one article's results; False when the run is to stop."""
        r = self.result
        self.batch.append(a)
        r.articles += 1
        r.words += a.words
        r.entities += len(a.entities)
        r.sections += len(a.sections or ())
        if len(self.batch) >= self.write_every:
            self.write()
        if self.progress is not None:
            self.progress(r.articles + len(r.skipped), self.total)
        if self.should_stop is not None and self.should_stop():
            r.cancelled = True
            return False
        return True

    def skip(self, article_id: str, why: str) -> None:
        self.result.skipped.append((article_id, why))
        if self.progress is not None:
            self.progress(self.result.articles + len(self.result.skipped), self.total)

    def add_all(self, results: list[Analysed]) -> bool:
        return all(self.add(a) for a in results)

    def write(self) -> None:
        self.result.applied += _write(self.project, self.batch, self.model, self.version, self.tokenizer)
        self.batch = []

    def finish(self) -> PrelabelResult:
        self.write()
        return self.result


def _batches(items: Iterator[Item], total: int, batch_size: int, n_process: int) -> Iterator[list[Item]]:
    """Worker batches of at most ``batch_size`` articles, smaller towards the end so the workers finish together.

    Each batch is made when a worker asks for one: at most a ``2 * n_process``-th of what is left.
    """
    left = total
    while left > 0:
        size = max(1, min(batch_size, left // (2 * n_process)))
        batch = list(itertools.islice(items, size))
        if not batch:
            return
        left -= len(batch)
        yield batch


def _inputs(project: Project, seqs: list[int], chunk: int = 256) -> Iterator[Item]:
    """Article texts in bounded chunks, with the hints the section component reads."""
    for i in range(0, len(seqs), chunk):
        part = seqs[i : i + chunk]
        marks = ",".join("?" * len(part))
        rows = project.conn.execute(
            f"SELECT a.seq, a.id, t.text, a.meta, a.title FROM articles a JOIN texts t ON t.seq = a.seq "
            f"WHERE a.seq IN ({marks}) ORDER BY a.seq",
            part,
        ).fetchall()
        for seq, article_id, text, meta, title in rows:
            hints: dict[str, object] = {"title": title}
            if '"main_content"' in meta:
                hints["main_content"] = json.loads(meta).get("main_content")
            yield seq, article_id, text, hints


def _write(project: Project, batch: list[Analysed], model: str, version: str, tokenizer: str) -> int:
    """Store one batch of results in one transaction; returns how many layers were applied.

    A layer's suggestions become its current annotations unless the article's layer was touched
    or holds spans of another origin (human or imported work).
    """
    if not batch:
        return 0
    at = now_ms()
    suggested = Origin.SUGGESTED.value
    layers = [(a, layer, spans) for a in batch for layer, spans in ((ENTITIES, a.entities), (SECTIONS, a.sections))
              if spans is not None]
    with project.transaction() as conn:
        seqs = [a.seq for a in batch]
        kept = _kept_layers(conn, seqs)
        given = source_tokens.load_many(conn, seqs)
        if given:  # the model's tokens are not the article's: its spans snap onto the source tokens
            layers = [(a, layer, snap_all(TokenBounds(given[a.seq].starts, given[a.seq].ends), spans, layer == ENTITIES))
                      if a.seq in given else (a, layer, spans) for a, layer, spans in layers]
        conn.executemany("DELETE FROM suggestions WHERE article = ? AND layer = ?", [(a.seq, layer) for a, layer, _ in layers])
        conn.executemany("INSERT INTO suggestions(article, layer, start, end, label) VALUES (?, ?, ?, ?, ?)",
                         [(a.seq, layer, s, e, l) for a, layer, spans in layers for s, e, l in spans])
        conn.executemany("INSERT OR REPLACE INTO prelabels(article, layer, model, version, at) VALUES (?, ?, ?, ?, ?)",
                         [(a.seq, layer, model, version, at) for a, layer, _ in layers])
        applied = [(a, layer, spans) for a, layer, spans in layers if (a.seq, layer) not in kept]
        conn.executemany("DELETE FROM spans WHERE article = ? AND layer = ?", [(a.seq, layer) for a, layer, _ in applied])
        conn.executemany("INSERT INTO spans(article, layer, start, end, label, origin) VALUES (?, ?, ?, ?, ?, ?)",
                         [(a.seq, layer, s, e, l, suggested) for a, layer, spans in applied for s, e, l in spans])
        token_cache.save(conn, tokenizer, [(a.seq, a.tokens) for a in batch])
    for a, layer, _ in applied:
        project.spans_changed.emit(a.article_id, layer)
    return len(applied)


def _kept_layers(conn: sqlite3.Connection, seqs: list[int], chunk: int = 500) -> set[tuple[int, str]]:
    """The (article, layer) pairs pre-labeling must not set: touched, or holding human or imported spans."""
    kept: set[tuple[int, str]] = set()
    for i in range(0, len(seqs), chunk):
        part = seqs[i : i + chunk]
        marks = ",".join("?" * len(part))
        for seq, touched in conn.execute(f"SELECT seq, touched FROM articles WHERE seq IN ({marks}) AND touched != 0", part):
            kept.update((seq, layer) for layer, bit in LAYER_BIT.items() if touched & bit)
        kept.update(conn.execute(f"SELECT DISTINCT article, layer FROM spans WHERE article IN ({marks}) AND origin != ?",
                                 (*part, Origin.SUGGESTED.value)))
    return kept
